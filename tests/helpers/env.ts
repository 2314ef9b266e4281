import type { DemoCredentials } from '../../db/seed/demo.js';

export const TEMPLATE_DB = 'turbota_template';

/** Known demo credentials for tests (the TOTP secret is base32). */
export const TEST_CREDS: DemoCredentials = {
  password: 'Demo-Pass-2026!x',
  totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  apiToken: 'tb_test_api_token_0123456789abcdefghij',
};

export function testEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    SECRET_KEY: 'test-secret-key-0123456789-abcdefghijklmnop',
    LOG_LEVEL: 'silent',
    ...extra,
  };
}
