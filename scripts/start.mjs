// `npm start`: compiles the TypeScript sources to dist/ when they are newer than the last build,
// then runs the compiled server (production runs JavaScript, not a TypeScript loader).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.built');
const inputs = ['src', 'db', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newest(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return p.endsWith('.ts') || p.endsWith('.json') ? st.mtimeMs : 0;
  return fs.readdirSync(p).reduce((m, name) => Math.max(m, newest(path.join(p, name))), 0);
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (Math.max(...inputs.map((i) => newest(path.join(root, i)))) > built) {
  console.log('Компіляція TypeScript у dist/ …');
  fs.rmSync(dist, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')],
    {
      stdio: 'inherit',
    },
  );
  fs.writeFileSync(stamp, new Date().toISOString());
}
await import(path.join(dist, 'src/server.js'));
