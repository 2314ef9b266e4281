import fs from 'node:fs';
import path from 'node:path';

/**
 * The project's root folder (the one with package.json), whether the code runs from its
 * TypeScript sources (tests, tsx) or from the compiled output under dist/ (`npm start`).
 * Templates, dictionaries, migrations, reference data and fonts are read from here, never
 * relative to the running file.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`package.json not found above ${from}`);
  }
}

export const ROOT = findRoot(import.meta.dirname);
export const SRC = path.join(ROOT, 'src');
