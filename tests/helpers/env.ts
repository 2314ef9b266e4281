import type { DemoCredentials } from '../../db/seed/demo.js';

export const TEMPLATE_DB = 'turbota_template';

/** Known demo credentials for tests (the TOTP secret is base32). */
export const TEST_CREDS: DemoCredentials = {
  password: 'Demo-Pass-2026!x',
  totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  apiToken: 'tb_test_api_token_0123456789abcdefghij',
  apiTokens: {
    admin: 'tb_test_api_token_0123456789abcdefghij',
    manager: 'tb_test_manager_token_0123456789abcdef',
    worker: 'tb_test_worker_token_0123456789abcdefg',
    frontdesk: 'tb_test_frontdesk_token_0123456789abc',
    starosta: 'tb_test_starosta_token_0123456789abcd',
    provider: 'tb_test_provider_token_0123456789abcd',
    children: 'tb_test_children_token_0123456789abcd',
  },
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
