import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { can } from '../../platform/policy.js';
import { listUserGrants } from '../../platform/actor.js';
import { useCaseOf } from '../../platform/use-case.js';
import { presentStaffHome } from './staff.presenter.js';
import { getStaffHome } from './use-cases/get-staff-home.js';

/** The staff workspace home: roles in the current hromada and what each lets one do. */
export function staffRoutes(services: Services) {
  return function (app: FastifyInstance): Promise<void> {
    app.get('/staff', async (req, reply) => {
      const actor = req.actor;
      if (!actor || actor.kind !== 'staff') return reply.redirect('/login');
      const allGrants = await listUserGrants(services.db, actor.userId);
      const hromadas = [...new Map(allGrants.map((g) => [g.hromadaId, g.hromadaName])).entries()];
      const home = await getStaffHome(useCaseOf(req, services));
      return reply.page('staff/views/home.njk', {
        pageTitle: req.t('staffHome.title'),
        ...presentStaffHome(home, actor, req.t),
        counters: (home?.counters ?? []).map((k) => ({
          ...k,
          label: req.t(`staffHome.counter.${k.key}`, { count: k.count }),
        })),
        otherHromadas: hromadas.filter(([id]) => id !== actor.hromadaId).map(([id, name]) => ({ id, name })),
        canAdmin: can(actor, 'users.manage'),
        canAudit: can(actor, 'audit.search'),
        canRegistry: can(actor, 'registry.read'),
        canApplications: can(actor, 'applications.read'),
        canCases: can(actor, 'cases.read'),
        canSupervise: can(actor, 'cases.supervise'),
        canSignals: can(actor, 'signals.read'),
        canRegisterSignal: can(actor, 'signals.register'),
        canSignalSettings: can(actor, 'signals.manage'),
        canCare: can(actor, 'care.read'),
        canCareSettings: can(actor, 'care.manage'),
        canProviders: can(actor, 'providers.read'),
        canContracts: can(actor, 'contracts.read'),
        canOrders: can(actor, 'socialOrders.read'),
        canBilling: can(actor, 'billing.read'),
        canStaffDevelopment: can(actor, 'staffdev.read'),
        canPlans: can(actor, 'plans.read'),
        canMetrics: can(actor, 'metrics.read'),
        canMaturity: can(actor, 'maturity.read'),
        canAppointments: can(actor, 'appointments.read'),
        canOffices: can(actor, 'offices.read'),
        canTaxi: can(actor, 'taxi.read'),
        canOutreach: can(actor, 'outreach.work'),
        canActs: can(actor, 'acts.read'),
        canImport: can(actor, 'registry.import'),
        canMerge: can(actor, 'registry.merge'),
        canTokens: can(actor, 'apiTokens.manage'),
        canCatalogue: can(actor, 'catalogue.manage'),
        canAssessmentForms: can(actor, 'assessments.manage'),
        canCaseTypes: can(actor, 'caseTypes.manage'),
        canCalendar: can(actor, 'calendar.manage'),
        isSuperadmin: actor.isSuperadmin,
      });
    });
    return Promise.resolve();
  };
}
