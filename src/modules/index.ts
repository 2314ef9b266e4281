import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { registerAppModules, type AppModule } from '../platform/modules.js';
import { publicModule } from './public/public.module.js';
import { staffModule } from './staff/staff.module.js';
import { authModule } from './auth/auth.module.js';
import { residentsModule } from './residents/residents.module.js';
import { adminModule } from './admin/admin.module.js';
import { auditModule } from './audit/audit.module.js';
import { apiModule } from './api/api.module.js';
import { personsModule } from './persons/persons.module.js';
import { personsWebModule } from './persons-web/persons-web.module.js';
import { consentsModule } from './consents/consents.module.js';
import { householdsModule } from './households/households.module.js';
import { personsImportModule } from './persons-import/persons-import.module.js';
import { personsMergeModule } from './persons-merge/persons-merge.module.js';
import { subjectReportModule } from './subject-report/subject-report.module.js';
import { catalogueModule } from './catalogue/catalogue.module.js';
import { applicationsModule } from './applications/applications.module.js';
import { cabinetModule } from './cabinet/cabinet.module.js';
import { notificationsModule } from './notifications/notifications.module.js';
import { decisionsModule } from './decisions/decisions.module.js';
import { assignmentsModule } from './assignments/assignments.module.js';
import { messagesModule } from './messages/messages.module.js';
import { casesModule } from './cases/cases.module.js';
import { assessmentsModule } from './assessments/assessments.module.js';
import { signalsModule } from './signals/signals.module.js';
import { familyCareModule } from './family-care/family-care.module.js';
import { providersModule } from './providers/providers.module.js';
import { contractsModule } from './contracts/contracts.module.js';
import { paidServicesModule } from './paid-services/paid-services.module.js';
import { staffDevelopmentModule } from './staff-development/staff-development.module.js';
import { serviceActsModule } from './service-acts/service-acts.module.js';
import { actionPlansModule } from './action-plans/action-plans.module.js';
import { metricsModule } from './metrics/metrics.module.js';
import { passportModule } from './passport/passport.module.js';
import { maturityModule } from './maturity/maturity.module.js';
import { appointmentsModule } from './appointments/appointments.module.js';
import { taxiModule } from './taxi/taxi.module.js';
import { outreachModule } from './outreach/outreach.module.js';
import { workstationModule } from './workstation/workstation.module.js';

/** Every module of the application, in the order their routes are registered. */
export const MODULES: readonly AppModule[] = [
  publicModule,
  staffModule,
  authModule,
  residentsModule,
  adminModule,
  auditModule,
  apiModule,
  personsModule,
  personsWebModule,
  householdsModule,
  consentsModule,
  personsImportModule,
  personsMergeModule,
  subjectReportModule,
  catalogueModule,
  applicationsModule,
  cabinetModule,
  notificationsModule,
  decisionsModule,
  assignmentsModule,
  messagesModule,
  casesModule,
  assessmentsModule,
  signalsModule,
  familyCareModule,
  providersModule,
  contractsModule,
  paidServicesModule,
  staffDevelopmentModule,
  serviceActsModule,
  actionPlansModule,
  metricsModule,
  passportModule,
  maturityModule,
  appointmentsModule,
  taxiModule,
  workstationModule,
  outreachModule,
];

/** Registers every module: contributions to extension points first, then jobs, then routes. */
export async function registerModules(app: FastifyInstance, services: Services) {
  return registerAppModules(app, services, MODULES);
}
