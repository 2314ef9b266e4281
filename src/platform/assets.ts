/**
 * The assets a page loads, built once at start into `public/build/` (decision 0016):
 * - the stylesheet from `assets/scss/app.scss` with only the govuk-frontend components the templates use
 *   (found by their class names and macro imports in `src/`), compressed;
 * - the page scripts of `assets/js/` bundled with esbuild (the govuk-frontend components with
 *   behaviour are imported one by one, not the whole library), minified;
 * - the favicon and the WebAuthn browser library copied;
 * each under a name with its content hash (served `immutable`), with Brotli and gzip copies beside it
 * so nothing is compressed per request, and `manifest.json` mapping logical names to built ones.
 * Templates ask for an asset by its logical name: `{{ asset('app.css') }}`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';
import * as sass from 'sass';
import { ROOT } from './paths.js';

export const BUILD_DIR = path.join(ROOT, 'public/build');
export const BUILD_PREFIX = '/public/build/';
const MANIFEST = path.join(BUILD_DIR, 'manifest.json');
const GOVUK = path.join(ROOT, 'node_modules/govuk-frontend/dist');
const COMPONENTS_DIR = path.join(GOVUK, 'govuk/components');

/** Logical name → built file name (e.g. `app.css` → `app.1a2b3c4d5e.css`). */
export type Manifest = Record<string, string>;

/** Scripts bundled from `assets/js/` (each a page's enhancement; every page works without them). */
const SCRIPTS = ['app.js', 'passkeys.js', 'person-search.js', 'queue-screen.js', 'outreach.js', 'outreach-sw.js'];
/** Files copied as they are: logical name → source. */
const COPIES: Record<string, string> = {
  'favicon.svg': path.join(ROOT, 'assets/favicon.svg'),
  'webauthn.js': path.join(ROOT, 'node_modules/@simplewebauthn/browser/dist/bundle/index.umd.min.js'),
};

function walk(dir: string, ext: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? walk(p, ext) : ext.test(d.name) ? [p] : [];
  });
}

/**
 * The govuk-frontend components the application's templates and code use: a component is in when
 * its class (`govuk-<name>`) or its macro (`components/<name>/`) appears anywhere in `src/` or the
 * page scripts. Their own dependencies (e.g. input → label, hint, error message) come with them.
 */
export function usedComponents(): string[] {
  const all = fs
    .readdirSync(COMPONENTS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const text = [...walk(path.join(ROOT, 'src'), /\.(njk|ts)$/), ...walk(path.join(ROOT, 'assets'), /\.(js|scss)$/)]
    .filter((f) => !f.endsWith('.test.ts'))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
  return all.filter((c) => new RegExp(`govuk-${c}(?![a-z-])|govuk-${c}(__|--)|components/${c}/`).test(text)).sort();
}

const hash = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex').slice(0, 10);

function compileCss(components: string[]): string {
  const govukUsed = [
    '@import "govuk/base";',
    '@import "govuk/core/index";',
    '@import "govuk/objects/index";',
    ...components.map((c) => `@import "govuk/components/${c}/index";`),
    '@import "govuk/utilities/index";',
    '@import "govuk/overrides/index";',
  ].join('\n');
  const result = sass.compile(path.join(ROOT, 'assets/scss/app.scss'), {
    loadPaths: [GOVUK],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import', 'global-builtin', 'slash-div'] as never,
    importers: [
      {
        canonicalize: (url) => (url === 'govuk-used' ? new URL('turbota:govuk-used') : null),
        load: () => ({ contents: govukUsed, syntax: 'scss' }),
      },
    ],
  });
  return result.css;
}

async function bundleScripts(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of SCRIPTS) {
    const r = await esbuild.build({
      entryPoints: [path.join(ROOT, 'assets/js', name)],
      bundle: true,
      minify: true,
      format: 'esm',
      target: ['es2020'],
      write: false,
      legalComments: 'none',
      logLevel: 'silent',
    });
    out[name] = r.outputFiles[0]?.text ?? '';
  }
  return out;
}

/** Writes one built file with its Brotli and gzip copies (for files where compression pays). */
function emit(logical: string, data: Buffer): string {
  const ext = path.extname(logical);
  const name = `${path.basename(logical, ext)}.${hash(data)}${ext}`;
  const file = path.join(BUILD_DIR, name);
  fs.writeFileSync(file, data);
  if (data.length > 512) {
    fs.writeFileSync(
      `${file}.br`,
      zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
  }
  return name;
}

/** The newest modification time of the asset sources (templates decide which components go in). */
function sourcesTime(): number {
  const files = [
    ...walk(path.join(ROOT, 'assets'), /./),
    ...walk(path.join(ROOT, 'src'), /\.njk$/),
    path.join(ROOT, 'src/platform/assets.ts'),
    path.join(ROOT, 'package-lock.json'),
  ].filter((f) => fs.existsSync(f));
  return Math.max(...files.map((f) => fs.statSync(f).mtimeMs));
}

/** Builds the assets when a source is newer than the manifest; answers the manifest. */
export async function buildAssets(o: { force?: boolean } = {}): Promise<Manifest> {
  if (!o.force && fs.existsSync(MANIFEST) && fs.statSync(MANIFEST).mtimeMs >= sourcesTime()) return readManifest();
  const tmp = `${BUILD_DIR}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(BUILD_DIR, { recursive: true });
  const manifest: Manifest = {};
  manifest['app.css'] = emit('app.css', Buffer.from(compileCss(usedComponents())));
  for (const [name, code] of Object.entries(await bundleScripts())) manifest[name] = emit(name, Buffer.from(code));
  for (const [name, src] of Object.entries(COPIES)) manifest[name] = emit(name, fs.readFileSync(src));
  // Files of earlier builds stay for pages still open in a browser; the manifest names the current ones.
  const next = `${MANIFEST}.${process.pid}.tmp`;
  fs.writeFileSync(next, JSON.stringify(manifest, null, 2));
  fs.renameSync(next, MANIFEST);
  loaded = manifest;
  return manifest;
}

let loaded: Manifest | null = null;

export function readManifest(): Manifest {
  loaded ??= JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Manifest;
  return loaded;
}

/** The address of an asset by its logical name; an unknown name is a programming error. */
export function assetUrl(logical: string): string {
  const built = readManifest()[logical];
  if (!built) throw new Error(`unknown asset: ${logical}`);
  return BUILD_PREFIX + built;
}
