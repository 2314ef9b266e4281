import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { agencyChoices, paidServiceChoices, tariffs, type Choice, type TariffRow } from '../paid-services.queries.js';

export interface TariffsView {
  tariffs: TariffRow[];
  agencies: { id: number; name: string }[];
  services: Choice[];
}

/** The hromada's tariffs with the providers and the catalogue's paid services to choose from (no personal data). */
export async function getTariffs(o: UseCase): Promise<TariffsView> {
  return inTenant(o, 'billing.manage', async ({ c, hromadaId }) => ({
    tariffs: await tariffs(c, hromadaId),
    agencies: await agencyChoices(c, hromadaId),
    services: await paidServiceChoices(c, hromadaId),
  }));
}
