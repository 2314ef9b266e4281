import { z } from 'zod';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { E, password, text } from './auth.schema.js';

/** Error messages are i18n keys under auth.errors (as in auth.schema.ts). */
export const passkeyStartForm = z.object({
  passkeyName: text('passkeyNameRequired').pipe(
    z.string().trim().min(1, E('passkeyNameRequired')).max(60, E('passkeyNameTooLong')),
  ),
  passkeyPassword: password('currentRequired', 'currentWrong'),
});

export const passkeyIdParams = z.object({ id: z.uuid() });

/** base64url text as WebAuthn's JSON encoding uses it. */
const b64url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/);
const credentialId = b64url(1400).min(1);
const common = {
  id: credentialId,
  rawId: credentialId,
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
};

const registrationResponse = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url(8192).min(1),
    attestationObject: b64url(65536).min(1),
    authenticatorData: b64url(65536).optional(),
    transports: z.array(z.string().max(20)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url(8192).optional(),
  }),
});

const authenticationResponse = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url(8192).min(1),
    authenticatorData: b64url(8192).min(1),
    signature: b64url(8192).min(1),
    userHandle: b64url(1024).optional(),
  }),
});

/** The browser's registration answer, checked for shape only (the signature checks follow). */
export function parseRegistrationResponse(body: unknown): RegistrationResponseJSON | null {
  const parsed = z.object({ response: registrationResponse }).safeParse(body);
  return parsed.success ? parsed.data.response : null;
}

/** The browser's assertion, checked for shape only (the signature checks follow). */
export function parseAuthenticationResponse(body: unknown): AuthenticationResponseJSON | null {
  const parsed = z.object({ response: authenticationResponse }).safeParse(body);
  return parsed.success ? parsed.data.response : null;
}
