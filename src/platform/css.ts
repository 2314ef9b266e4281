import fs from 'node:fs';
import path from 'node:path';
import * as sass from 'sass';
import { ROOT } from './paths.js';

const root = ROOT;
export const CSS_OUT = path.join(root, 'public/build/app.css');

/** Compiles the theme once (or when its source changed) into public/build/app.css. */
export function ensureCss(): string {
  const src = path.join(root, 'assets/scss/app.scss');
  const fresh = fs.existsSync(CSS_OUT) && fs.statSync(CSS_OUT).mtimeMs >= fs.statSync(src).mtimeMs;
  if (!fresh) {
    const result = sass.compile(src, {
      loadPaths: [path.join(root, 'node_modules/govuk-frontend/dist')],
      style: 'compressed',
      quietDeps: true,
      silenceDeprecations: ['import', 'global-builtin', 'slash-div'] as never,
    });
    fs.mkdirSync(path.dirname(CSS_OUT), { recursive: true });
    const tmp = `${CSS_OUT}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, result.css);
    fs.renameSync(tmp, CSS_OUT);
  }
  return CSS_OUT;
}
