import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import crypto from 'node:crypto';

/** The test person the provider signs in (changeable between logins). */
export interface TestAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  rnokpp?: string;
}

export interface TestOidcProvider {
  /** Issuer identifier (http://127.0.0.1:PORT), for the app's OIDC_ISSUER. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the next login signs in as. */
  account: TestAccount;
  /** 'allow' signs in and consents automatically; 'deny' answers the login with access_denied. */
  mode: 'allow' | 'deny';
  /** Registers the client with this redirect URI (the app's callback; known once the app listens). */
  useRedirectUri(uri: string): Promise<void>;
  close(): Promise<void>;
}

// oidc-provider ships no type declarations: the few parts used here, typed by hand.
interface Grant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(indicator: string, scope: string): void;
  save(): Promise<string>;
}
interface InteractionDetails {
  prompt: {
    name: string;
    details: {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
  };
  params: Record<string, unknown>;
  session?: { accountId?: string };
  grantId?: string;
}
interface Provider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    opts?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: { new (o: { accountId?: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> };
  on(event: string, listener: (...args: unknown[]) => void): void;
}
type ProviderCtor = new (issuer: string, configuration: Record<string, unknown>) => Provider;

async function loadProvider(): Promise<ProviderCtor> {
  const name = 'oidc-provider';
  const mod = (await import(name)) as { Provider: ProviderCtor };
  return mod.Provider;
}

/**
 * A real OpenID provider (oidc-provider) on 127.0.0.1, random port. Its interaction step has no
 * pages: it signs in `account` and grants the requested scopes at once (or denies, in 'deny' mode),
 * so a plain HTTP client following redirects, or a browser, completes the code flow.
 */
export async function startOidcProvider(
  opts: { clientId?: string; clientSecret?: string } = {},
): Promise<TestOidcProvider> {
  const Provider = await loadProvider();
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
  let provider: Provider | null = null;

  const handle = async (req: IncomingMessage, res: ServerResponse, p: Provider) => {
    if (!req.url?.startsWith('/interaction/')) {
      p.callback()(req, res);
      return;
    }
    const details = await p.interactionDetails(req, res);
    if (state.mode === 'deny') {
      return p.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The user refused' },
        { mergeWithLastSubmission: false },
      );
    }
    if (details.prompt.name === 'login') {
      return p.interactionFinished(
        req,
        res,
        { login: { accountId: state.account.sub } },
        { mergeWithLastSubmission: false },
      );
    }
    const clientId = String(details.params.client_id);
    const grant =
      (details.grantId ? await p.Grant.find(details.grantId) : undefined) ??
      new p.Grant({ accountId: details.session?.accountId, clientId });
    const missing = details.prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
      grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    return p.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  };

  const server = http.createServer((req, res) => {
    if (!provider) {
      res.statusCode = 503;
      res.end('provider not configured');
      return;
    }
    handle(req, res, provider).catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const issuer = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

  const state: TestOidcProvider = {
    issuer,
    clientId: opts.clientId ?? 'turbota-test',
    clientSecret: opts.clientSecret ?? crypto.randomBytes(24).toString('base64url'),
    account: { sub: 'person-1', email: 'oidc.person@example.com', email_verified: true, name: 'Тарас Тестовий' },
    mode: 'allow',
    useRedirectUri(uri: string) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: state.clientId,
            client_secret: state.clientSecret,
            redirect_uris: [uri],
            token_endpoint_auth_method: 'client_secret_basic',
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
        jwks: { keys: [jwk] },
        cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'rnokpp'] },
        features: { devInteractions: { enabled: false } },
        pkce: { required: () => true },
        ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
        findAccount(_ctx: unknown, sub: string) {
          if (sub !== state.account.sub) return undefined;
          const account = { ...state.account };
          return {
            accountId: sub,
            claims() {
              return account;
            },
          };
        },
      });
      provider.on('server_error', (_ctx, err) => {
        console.error('oidc-provider server_error', err);
      });
      return Promise.resolve();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
  return state;
}
