import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import type { Services } from '../../../services.js';
import { requestMeta } from '../../../platform/audit.js';
import { publicBaseUrl } from '../residents.context.js';
import { signInResident } from '../residents.session.js';
import {
  newFlow,
  OidcClient,
  oidcSettings,
  pickClaims,
  saveFlow,
  takeFlow,
  type ProviderClaims,
} from '../residents.oidc.js';
import { signInWithOidc } from '../use-cases/sign-in-with-oidc.js';
import { recordOidcFailure } from '../use-cases/record-oidc-failure.js';

type OidcProblem = 'denied' | 'failed' | 'unavailable' | 'noEmail' | 'emailTaken';

/**
 * Sign-in through the configured OpenID provider: authorization code flow with PKCE, state and
 * nonce. Started by a link (GET), since the CSP allows forms to post only to this site.
 */
/** A step after a successful sign-in through the OpenID provider, with the account's id (another module's). */
export type AfterOidcSignIn = (services: Services, userId: string) => Promise<unknown>;

export function oidcRoutes(services: Services, after: readonly AfterOidcSignIn[] = []) {
  const settings = oidcSettings(services.config);
  return function (app: FastifyInstance): Promise<void> {
    if (!settings) return Promise.resolve();
    const oidc = new OidcClient(settings);
    const secure = services.config.secure;

    const problem = async (req: FastifyRequest, reply: FastifyReply, kind: OidcProblem, status: number) => {
      await recordOidcFailure({ services, kind, meta: requestMeta(req) });
      return reply.page(
        'residents/views/message.njk',
        {
          pageTitle: req.t('residents.oidc.errorTitle'),
          paragraphs: [req.t(`residents.oidc.${kind}`, { name: settings.name })],
          links: [
            { href: '/resident/oidc/start', text: req.t('residents.oidc.tryAgain') },
            { href: '/resident/login', text: req.t('residents.oidc.toLogin') },
          ],
        },
        status,
      );
    };

    app.get(
      '/resident/oidc/start',
      { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
      async (req, reply) => {
        let config: client.Configuration;
        try {
          config = await oidc.configuration();
        } catch (err) {
          req.log.warn({ err }, 'OIDC discovery failed');
          return problem(req, reply, 'unavailable', 503);
        }
        const flow = newFlow(`${publicBaseUrl(services, req)}/resident/oidc/callback`);
        saveFlow(reply, flow, secure);
        const url = client.buildAuthorizationUrl(config, {
          redirect_uri: flow.redirectUri,
          scope: 'openid email profile',
          state: flow.state,
          nonce: flow.nonce,
          code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
          code_challenge_method: 'S256',
        });
        return reply.redirect(url.href, 303);
      },
    );

    app.get('/resident/oidc/callback', async (req, reply) => {
      const flow = takeFlow(req, reply, secure);
      const query = new URL(req.url, 'http://callback.invalid').searchParams;
      if (query.get('error')) return problem(req, reply, 'denied', 400);
      if (!flow) return problem(req, reply, 'failed', 400);
      let claims: ProviderClaims;
      let issuer: string;
      try {
        const config = await oidc.configuration();
        issuer = config.serverMetadata().issuer;
        const current = new URL(flow.redirectUri);
        current.search = query.toString();
        const tokens = await client.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const idClaims = tokens.claims();
        if (!idClaims) return await problem(req, reply, 'failed', 400);
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = pickClaims(idClaims, info);
      } catch (err) {
        if (err instanceof client.AuthorizationResponseError && err.error === 'access_denied')
          return problem(req, reply, 'denied', 400);
        req.log.info({ code: (err as { code?: string }).code }, 'OIDC callback refused');
        return problem(req, reply, 'failed', 400);
      }
      const result = await signInWithOidc({ services, issuer, claims, locale: req.locale, meta: requestMeta(req) });
      if (result.kind === 'ok') for (const step of after) await step(services, result.userId);
      if (result.kind === 'ok') return signInResident(services, req, reply, result);
      return problem(req, reply, result.kind === 'inactive' ? 'failed' : result.kind, 400);
    });
    return Promise.resolve();
  };
}
