import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { updateProfile } from '../residents.queries.js';
import { saveProfile } from '../profile/profile.queries.js';
import type { ContactsInput } from '../profile/profile.schema.js';
import { residentActor, type ResidentServices } from '../residents.context.js';

/**
 * Changes the resident's own display name and preferred language and, when given, their contacts
 * and accessibility preferences; audits the changed fields (names only, never values).
 */
export async function updateResidentProfile(o: {
  services: Pick<ResidentServices, 'db'>;
  userId: string;
  displayName: string;
  locale: string;
  contacts?: ContactsInput;
  meta: RequestMeta;
}): Promise<void> {
  await o.services.db.tx({ hromadaId: null, userId: o.userId }, async (c) => {
    const audit = auditWriter(c, residentActor(o.userId), o.meta);
    const entry = { operation: 'write' as const, entityType: 'user', entityId: o.userId };
    const changed = await updateProfile(c, o.userId, { displayName: o.displayName, locale: o.locale });
    if (changed.length) await audit({ ...entry, action: 'resident.profile_update', fields: changed });
    if (!o.contacts) return;
    const contacts = await saveProfile(c, o.userId, o.contacts);
    if (contacts.length) await audit({ ...entry, action: 'resident.contacts_update', fields: contacts });
  });
}
