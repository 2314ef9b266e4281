import type { Services } from '../../../services.js';
import { authActor, startingHromada, type SessionPort } from '../auth.context.js';
import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { consumeRecoveryCode, findUserById, useTotpStep } from '../auth.queries.js';
import { hashRecoveryCode, isTotpFormat, totpStep } from '../second-factor.js';
import { clearClientFailures, throttleKeys } from '../login-throttle.js';
import { useTicket, type LoginTicket } from '../login-ticket.js';
import { afterLoginPath, completeLogin, failSecondFactor } from '../login-steps.js';

export type TicketLoginResult = { ok: true; next: string } | { ok: false };

/**
 * The code step of an account under attack (login-throttle.ts): the password step gave no
 * verdict, so the verdict is given here for both at once. The right password (in the ticket)
 * with a valid TOTP or recovery code signs in, exactly as the normal code step does; anything
 * else is the one generic refusal. A wrong code after the right password counts toward the
 * lockout as in the normal code step; a wrong password was counted at the password step.
 * No wait here: the ticket was issued past the client's wait and serves one code only, so each
 * further guess goes through the password step (and its wait) again.
 */
export async function verifyTicketLogin(o: {
  services: Services;
  ticket: LoginTicket;
  code: string;
  meta: RequestMeta;
  session: SessionPort;
}): Promise<TicketLoginResult> {
  const { services, ticket, meta } = o;
  const keys = throttleKeys(services, meta.ip ?? '', ticket.name);
  const found = ticket.userId ? await findUserById(services.db, ticket.userId) : null;
  const user = found && found.kind === 'staff' ? found : null;
  const hromadaId = user ? await startingHromada(services, user) : null;
  const auditHromada = hromadaId ?? user?.homeHromadaId ?? null;
  return services.db.tx({ hromadaId: auditHromada, userId: user?.id }, async (c): Promise<TicketLoginResult> => {
    const fresh = await useTicket(c, services, ticket);
    const candidate =
      fresh && ticket.passwordOk && user && user.active && !user.locked && user.totpEnabled && user.totpSecret
        ? user
        : null;
    let method: 'totp' | 'recovery_code' = 'totp';
    let passed = false;
    if (candidate) {
      if (isTotpFormat(o.code)) {
        const step = totpStep(services.box.open(candidate.totpSecret ?? ''), o.code);
        passed = step !== null && (await useTotpStep(c, candidate.id, step));
      } else {
        method = 'recovery_code';
        passed = await consumeRecoveryCode(c, candidate.id, hashRecoveryCode(services.keys.lookup, o.code));
      }
    }
    if (!candidate || !passed) {
      if (candidate) await failSecondFactor(c, services, { user: candidate, hromadaId, reason: method, meta });
      else {
        const reason = !user
          ? 'unknown_user'
          : !fresh
            ? 'ticket_reused'
            : !ticket.passwordOk
              ? 'password'
              : !user.active
                ? 'inactive'
                : user.locked
                  ? 'locked'
                  : 'not_enrolled';
        await auditWriter(c, user && authActor(user), meta, { hromadaId: auditHromada })({
          action: 'auth.login.failed',
          operation: 'auth',
          entityType: user ? 'user' : null,
          entityId: user?.id ?? null,
          reason,
        });
      }
      return { ok: false };
    }
    await auditWriter(c, authActor(candidate), meta, { hromadaId: auditHromada })({
      action: 'auth.login.password',
      operation: 'auth',
      entityType: 'user',
      entityId: candidate.id,
      reason: 'under_attack',
    });
    await completeLogin(c, { user: candidate, hromadaId, method, meta, session: o.session });
    await clearClientFailures(c, keys);
    return { ok: true, next: afterLoginPath(candidate) };
  });
}
