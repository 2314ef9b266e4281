import { describe, expect, it } from 'vitest';
import { publicOrigin, safeReturnPath } from './http.js';

describe('safeReturnPath: only same-origin paths after normalisation', () => {
  it('keeps paths of this site, normalised', () => {
    expect(safeReturnPath('/')).toBe('/');
    expect(safeReturnPath('/persons?q=Коваль')).toBe('/persons?q=%D0%9A%D0%BE%D0%B2%D0%B0%D0%BB%D1%8C');
    expect(safeReturnPath('/a/../cabinet#x')).toBe('/cabinet#x');
    expect(safeReturnPath('/staff')).toBe('/staff');
  });

  it.each([
    '/\t/evil.example/x',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    '/x\r\nSet-Cookie: a=b',
    '/x\nLocation: //evil',
    '/\u0000',
    ' /x',
    'https://evil.example/',
    'javascript:alert(1)',
    'evil.example',
    '/%0d%0a'.replace('%0d%0a', '\r\n'),
    '/./\t/evil',
    '',
    '/'.padEnd(2001, 'a'),
  ])('refuses %j', (p) => {
    expect(safeReturnPath(p)).toBe('/');
  });

  it('refuses what is not a string and uses the given fallback', () => {
    expect(safeReturnPath(undefined, '/staff')).toBe('/staff');
    expect(safeReturnPath(['/a', '/b'])).toBe('/');
    expect(safeReturnPath(42)).toBe('/');
  });
});

describe('publicOrigin: where links sent out point to', () => {
  const config = { HOST: '0.0.0.0', PORT: 3000 };
  it('is PUBLIC_URL when set, whatever the request or the server says', () => {
    expect(publicOrigin({ ...config, PUBLIC_URL: 'https://turbota.example.gov.ua/' }, 'http://evil.example')).toBe(
      'https://turbota.example.gov.ua',
    );
  });
  it("is the request's origin without PUBLIC_URL, else the server's own address", () => {
    expect(publicOrigin(config, 'http://localhost:8080/')).toBe('http://localhost:8080');
    expect(publicOrigin(config)).toBe('http://127.0.0.1:3000');
    expect(publicOrigin({ HOST: '10.0.0.5', PORT: 8443 })).toBe('http://10.0.0.5:8443');
  });
});
