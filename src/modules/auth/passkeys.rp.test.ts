import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { loadConfig } from '../../platform/config.js';
import { relyingParty } from './passkeys.rp.js';

const req = (protocol: string, host: string) => ({ protocol, host }) as unknown as FastifyRequest;

describe('the WebAuthn relying party', () => {
  it('comes from PUBLIC_URL when it is set, whatever host the request names', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://turbota.example.gov.ua/app/' });
    expect(relyingParty(config, req('http', 'evil.example:8080'))).toEqual({
      id: 'turbota.example.gov.ua',
      origin: 'https://turbota.example.gov.ua',
      name: 'Турбота',
    });
  });

  it("comes from the request's host otherwise (localhost in development), port kept in the origin only", () => {
    const config = loadConfig({});
    expect(relyingParty(config, req('http', 'localhost:3000'))).toEqual({
      id: 'localhost',
      origin: 'http://localhost:3000',
      name: 'Турбота',
    });
  });

  it('refuses a request without a usable host', () => {
    expect(() => relyingParty(loadConfig({}), req('http', ''))).toThrow('bad_request');
  });
});
