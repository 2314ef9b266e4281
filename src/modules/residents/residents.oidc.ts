import * as client from 'openid-client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.js';
import { randomToken } from '../../platform/secrets.js';

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  name: string;
}

/** OpenID Connect sign-in is offered only when issuer, client id and secret are all configured. */
export function oidcSettings(config: Config): OidcSettings | null {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: new URL(config.OIDC_ISSUER),
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    name: config.OIDC_NAME,
  };
}

/**
 * openid-client refuses plain-http issuers. A provider on this machine over http (the local test
 * provider, or a developer's) is allowed, since nothing crosses a network; any other http issuer is refused.
 */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** Discovery once per app instance; a failed discovery is retried on the next sign-in. */
export class OidcClient {
  private discovered: Promise<client.Configuration> | null = null;

  constructor(readonly settings: OidcSettings) {}

  configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const s = this.settings;
      const p = client.discovery(
        s.issuer,
        s.clientId,
        { client_secret: s.clientSecret },
        client.ClientSecretBasic(s.clientSecret),
        {
          // eslint-disable-next-line @typescript-eslint/no-deprecated -- plain HTTP only for a provider on this machine (tests, development)
          execute: isLoopbackHttp(s.issuer) ? [client.allowInsecureRequests] : [],
          timeout: 10,
        },
      );
      p.catch(() => {
        if (this.discovered === p) this.discovered = null;
      });
      this.discovered = p;
    }
    return this.discovered;
  }
}

/** What the browser keeps between start and callback: in a signed, httpOnly, 10-minute cookie. */
export interface OidcFlow {
  verifier: string;
  state: string;
  nonce: string;
  redirectUri: string;
  at: number;
}

const FLOW_COOKIE = 'turbota_oidc';
const FLOW_MAX_AGE_S = 600;
const cookieOpts = (secure: boolean) => ({ path: '/resident/oidc', httpOnly: true, sameSite: 'lax' as const, secure });

export function newFlow(redirectUri: string): OidcFlow {
  return {
    verifier: client.randomPKCECodeVerifier(),
    state: randomToken(24),
    nonce: randomToken(24),
    redirectUri,
    at: Date.now(),
  };
}

export function saveFlow(reply: FastifyReply, flow: OidcFlow, secure: boolean) {
  reply.setCookie(FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
    ...cookieOpts(secure),
    signed: true,
    maxAge: FLOW_MAX_AGE_S,
  });
}

/** Reads and removes the flow cookie; null when absent, tampered with or too old. */
export function takeFlow(req: FastifyRequest, reply: FastifyReply, secure: boolean): OidcFlow | null {
  const raw = req.cookies[FLOW_COOKIE];
  if (!raw) return null;
  reply.clearCookie(FLOW_COOKIE, cookieOpts(secure));
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const f = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) as Partial<OidcFlow>;
    if (
      typeof f.verifier !== 'string' ||
      typeof f.state !== 'string' ||
      typeof f.nonce !== 'string' ||
      typeof f.redirectUri !== 'string' ||
      typeof f.at !== 'number'
    )
      return null;
    if (Date.now() - f.at > FLOW_MAX_AGE_S * 1000) return null;
    return f as OidcFlow;
  } catch {
    return null;
  }
}

/** The claims Turbota keeps from a provider (minimal): subject, e-mail, name, and the tax number when given. */
export interface ProviderClaims {
  sub: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  rnokpp: string | null;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

export function pickClaims(idToken: Record<string, unknown>, userInfo: Record<string, unknown>): ProviderClaims {
  const all = { ...userInfo, ...idToken };
  const given = [str(all.given_name), str(all.family_name)].filter(Boolean).join(' ');
  return {
    sub: String(idToken.sub),
    email: str(all.email)?.toLowerCase() ?? null,
    emailVerified: all.email_verified === true || all.email_verified === 'true',
    name: str(all.name) ?? (given || null),
    rnokpp: str(all.rnokpp) ?? str(all.drfo) ?? str(all.drfocode),
  };
}
