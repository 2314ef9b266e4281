/**
 * The one way of doing each thing (docs/architecture.md, "One way"), held by a test: each rule lists
 * the places that break it. A rule's KNOWN list names what is still to be converted; it may only
 * shrink — a new breach fails, and so does a listed place that no longer breaks the rule.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SRC } from './platform/paths.js';

const MODULES = path.join(SRC, 'modules');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'views' || name === 'locales' ? [] : files(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

const rel = (p: string) => path.relative(SRC, p).split(path.sep).join('/');
const sources = files(SRC).map((p) => ({ file: rel(p), text: readFileSync(p, 'utf8') }));
const moduleSources = sources.filter((s) => s.file.startsWith('modules/'));
const moduleOf = (file: string) => file.split('/')[1] ?? '';

/** Files whose text matches `re` (with the count of matches). */
function breaches(
  list: { file: string; text: string }[],
  re: RegExp,
  skip: (f: string) => boolean = () => false,
): string[] {
  return list
    .filter((s) => !skip(s.file) && re.test(s.text))
    .map((s) => s.file)
    .sort();
}

function holds(found: string[], known: string[]) {
  expect
    .soft(
      found.filter((f) => !known.includes(f)),
      'new places that break the rule',
    )
    .toEqual([]);
  expect
    .soft(
      known.filter((f) => !found.includes(f)),
      'listed places that keep the rule now: remove them from KNOWN',
    )
    .toEqual([]);
}

describe('one way to do each thing', () => {
  it('routes parse their input with a zod schema, never by casting the body or query', () => {
    holds(breaches(moduleSources, /\breq\.(body|query)\s+as\b/), KNOWN.casts);
  });

  it('use-cases get the tenant from inTenant/authorize, never by asserting hromadaId', () => {
    holds(breaches(moduleSources, /hromadaId!/), KNOWN.hromadaAssertions);
  });

  it('SQL lives in *.queries.ts only', () => {
    holds(
      breaches(moduleSources, /\.query(<[^>]*>)?\(/, (f) => f.endsWith('.queries.ts')),
      KNOWN.sqlOutsideQueries,
    );
  });

  it('routes never open transactions', () => {
    holds(
      breaches(
        moduleSources,
        /\.(tx|txOpenedWith)\(/,
        (f) => !/\.(routes|api|web)\.ts$|\/routes\//.test(f) || f === 'modules/api/api-route.ts',
      ),
      KNOWN.transactionsInRoutes,
    );
  });

  it('a file under use-cases/ is one use-case: it exports one function', () => {
    const many = moduleSources
      .filter((s) => s.file.includes('/use-cases/'))
      .filter(
        (s) =>
          s.text.match(/^export (async function|function|const \w+(:\s*\w+)?\s*=\s*(async\s*)?\()/gm)?.length !== 1,
      )
      .map((s) => s.file);
    holds(many.sort(), KNOWN.useCaseFilesWithMany);
  });

  it('no-store is set by noStore() only', () => {
    holds(
      breaches(sources, /['"]cache-control['"],\s*['"]no-store/i, (f) => f === 'platform/http.ts'),
      KNOWN.inlineNoStore,
    );
  });

  it('ids are checked by platform/ids.ts only', () => {
    holds(
      breaches(sources, /\[0-9a-f\]\{8\}-/i, (f) => f === 'platform/ids.ts'),
      [],
    );
  });

  it('the audit names the actor through auditWriter, never field by field', () => {
    holds(breaches(moduleSources, /actorLabel:\s*actor\.displayName|\.\.\.auditBy\(/), KNOWN.handWrittenAudit);
  });

  it('each module wires itself through one <name>.module.ts', () => {
    const dirs = readdirSync(MODULES).filter((d) => statSync(path.join(MODULES, d)).isDirectory());
    const without = dirs.filter(
      (d) => readdirSync(path.join(MODULES, d)).filter((f) => f.endsWith('.module.ts')).length !== 1,
    );
    holds(without.sort(), KNOWN.withoutModuleFile);
  });

  it('modules do not import each other in a cycle', () => {
    const edges = new Map<string, Set<string>>();
    for (const s of moduleSources) {
      const from = moduleOf(s.file);
      for (const m of s.text.matchAll(/from '(\.\.?\/[^']+)'/g)) {
        const target = rel(path.resolve(path.join(SRC, path.dirname(s.file)), m[1] ?? ''));
        if (!target.startsWith('modules/')) continue;
        const to = moduleOf(target);
        if (to && to !== from && to !== 'index.js') {
          const set = edges.get(from) ?? new Set<string>();
          set.add(to);
          edges.set(from, set);
        }
      }
    }
    // Modules that reach each other through imports (strongly connected components, Tarjan).
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const cycles: string[] = [];
    const visit = (m: string) => {
      index.set(m, index.size);
      low.set(m, index.get(m) ?? 0);
      stack.push(m);
      for (const next of edges.get(m) ?? []) {
        if (!index.has(next)) {
          visit(next);
          low.set(m, Math.min(low.get(m) ?? 0, low.get(next) ?? 0));
        } else if (stack.includes(next)) low.set(m, Math.min(low.get(m) ?? 0, index.get(next) ?? 0));
      }
      if (low.get(m) === index.get(m)) {
        const group: string[] = [];
        let top: string | undefined;
        do {
          top = stack.pop();
          if (top) group.push(top);
        } while (top && top !== m);
        if (group.length > 1) cycles.push(group.sort().join(' ↔ '));
      }
    };
    for (const m of edges.keys()) if (!index.has(m)) visit(m);
    holds([...cycles].sort(), KNOWN.moduleCycles);
  });
});

/** What is still to be converted (issue 10); each list may only shrink. */
const KNOWN: Record<string, string[]> = {
  casts: [],
  hromadaAssertions: [],
  sqlOutsideQueries: [],
  transactionsInRoutes: [],
  inlineNoStore: [],
  handWrittenAudit: [],
  withoutModuleFile: [],
  useCaseFilesWithMany: [],
  moduleCycles: [],
};
