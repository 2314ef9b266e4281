import type { AppModule } from '../../platform/modules.js';
import { paidServicesRoutes } from './paid-services.routes.js';
import { cabinetPaidRoutes } from './cabinet-paid.routes.js';
import { paidServicesApi } from './paid-services.api.js';
import { paidServicesCardSection } from './paid-services.sections.js';

/**
 * Paid social services (decision 0029, art. 28 of the Law «Про соціальні послуги»): tariffs, the hromada's dated rules
 * of payment, incomes and payment categories, the month's invoices from the service acts with their PDF and the
 * providers' XLSX registers, payments, the resident's invoices in the cabinet, /api/v1/invoices.
 */
export const paidServicesModule: AppModule = {
  name: 'paid-services',
  contribute: (hooks) => {
    hooks.add('personCardSections', paidServicesCardSection);
  },
  routes: (services) => async (app) => {
    await app.register(paidServicesRoutes(services));
    await app.register(cabinetPaidRoutes(services));
    await app.register(paidServicesApi(services), { prefix: '/api/v1' });
  },
};
