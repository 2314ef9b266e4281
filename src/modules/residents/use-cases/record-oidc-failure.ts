import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import type { ResidentServices } from '../residents.context.js';

/** A sign-in through the OpenID provider that did not complete, in the audit trail (no claims, only the kind). */
export async function recordOidcFailure(o: {
  services: Pick<ResidentServices, 'db'>;
  kind: string;
  meta: RequestMeta;
}) {
  await o.services.db.tx({ hromadaId: null }, (c) =>
    auditWriter(c, null, o.meta, { hromadaId: null })({
      action: 'resident.oidc_failed',
      operation: 'auth',
      reason: o.kind,
    }),
  );
}
