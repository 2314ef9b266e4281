import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SRC } from './paths.js';

/** Every file the app reads at run time (templates, dictionaries, data) is found from ROOT/SRC, not next to the running file. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('paths', () => {
  it('finds the project root from the sources', () => {
    expect(fs.existsSync(path.join(ROOT, 'package.json'))).toBe(true);
    expect(fs.existsSync(path.join(SRC, 'server.ts'))).toBe(true);
  });

  it('no module locates files relative to itself (npm start runs the compiled copy in dist/, where they are not)', () => {
    const offenders = [...sources(SRC), ...sources(path.join(ROOT, 'db'))]
      .filter((f) => f !== path.join(SRC, 'platform/paths.ts'))
      .filter((f) => /import\.meta\.(dirname|filename|url)/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
