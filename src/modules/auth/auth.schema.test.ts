import { describe, expect, it } from 'vitest';
import { parseWith } from '../../platform/forms.js';
import { codeForm, loginForm, passwordChangeForm } from './auth.schema.js';
import { passkeyStartForm } from './passkeys.schema.js';

const keys = (r: ReturnType<typeof parseWith>) => (r.ok ? [] : r.problems.map((p) => `${p.field}:${p.key}`));

describe('the sign-in forms name their own message for each field', () => {
  it('a missing, repeated or empty field gets the field’s message, not a generic one', () => {
    expect(keys(parseWith(loginForm, {}))).toEqual([
      'username:auth.errors.usernameRequired',
      'password:auth.errors.passwordRequired',
    ]);
    expect(keys(parseWith(loginForm, { username: ['a', 'b'], password: '  ' }))).toEqual([
      'username:auth.errors.usernameRequired',
    ]);
    expect(keys(parseWith(codeForm, { code: '   ' }))).toEqual(['code:auth.errors.codeRequired']);
    expect(keys(parseWith(passkeyStartForm, { passkeyName: 'x'.repeat(61) }))).toEqual([
      'passkeyName:auth.errors.passkeyNameTooLong',
      'passkeyPassword:auth.errors.currentRequired',
    ]);
  });

  it('a too long password says what the password rule says', () => {
    const r = parseWith(passwordChangeForm, {
      action: 'password',
      currentPassword: 'x'.repeat(1001),
      newPassword: 'x'.repeat(1001),
    });
    expect(keys(r)).toEqual([
      'currentPassword:auth.errors.currentWrong',
      'newPassword:auth.errors.tooLong',
      'confirmPassword:auth.errors.mismatch',
    ]);
  });

  it('a code is read without its spaces', () => {
    expect(parseWith(codeForm, { code: ' 123 456 ' })).toEqual({ ok: true, data: { code: '123456' } });
  });
});
