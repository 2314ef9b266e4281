import { AppError } from '../../../platform/errors.js';
import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import {
  loadProvider,
  providerServices,
  providerStaff,
  serviceChoices,
  type ProviderRow,
  type ProviderServiceRow,
  type ProviderStaffRow,
} from '../providers.queries.js';

export interface ProviderView {
  provider: ProviderRow;
  services: ProviderServiceRow[];
  staff: ProviderStaffRow[];
  /** The catalogue's active services to add (for those who manage the registry; empty otherwise). */
  choices: { id: string; name: string }[];
  canManage: boolean;
  /** Whether the staff's names link to their development pages (staff-development). */
  canStaffDevelopment: boolean;
}

/** A provider's page: its registry data, what it delivers and where, its staff accounts. Another hromada's: 404. */
export async function viewProvider(o: UseCase<{ id: number }>): Promise<ProviderView> {
  return inTenant(o, 'providers.read', async ({ c, actor, hromadaId }) => {
    const provider = await loadProvider(c, hromadaId, o.id);
    if (!provider) throw new AppError('not_found');
    const canManage = can(actor, 'providers.manage');
    return {
      provider,
      services: await providerServices(c, hromadaId, o.id),
      staff: await providerStaff(c, hromadaId, o.id),
      choices: canManage ? await serviceChoices(c, hromadaId) : [],
      canManage,
      canStaffDevelopment: can(actor, 'staffdev.read', { hromadaId, agencyIds: [o.id] }),
    };
  });
}
