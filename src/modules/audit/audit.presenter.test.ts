import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dictionaries, translator } from '../../platform/i18n.js';
import { TRANSITIONS } from '../applications/status-machine.js';
import { PROVIDER_COMMANDS } from '../assignments/assignment-machine.js';
import { ACTIONS } from '../../platform/policy.js';
import { actionText, entityTypeText } from './audit.presenter.js';

const SRC = path.resolve(import.meta.dirname, '../..');

/** Every audit action code the source writes: literals next to `action` / `audit(`, and the commands' codes. */
function actionCodes(): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) files.push(p);
    }
  };
  walk(SRC);
  const codes = new Set<string>();
  // A message key of a module's dictionary (top level or under a module's namespace) is not an action.
  const lookup = (root: unknown, k: string) => {
    let d = root;
    for (const part of k.split('.')) d = (d as Record<string, unknown> | undefined)?.[part];
    return d !== undefined;
  };
  const isMessage = (k: string) =>
    lookup(dictionaries.uk, k) ||
    Object.values(dictionaries.uk).some((ns) => typeof ns === 'object' && lookup(ns, k)) ||
    k.startsWith('app.');
  for (const f of files) {
    for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
      if (!/action|audit\(|authEvent|Audit\(/.test(line)) continue;
      for (const m of line.matchAll(/'([a-z][A-Za-z]*(?:\.[A-Za-z_]+)+)'/g)) {
        if (!isMessage(m[1]) && !/\.(js|njk|ts|json)$/.test(m[1])) codes.add(m[1]);
      }
    }
  }
  for (const c of Object.keys(TRANSITIONS)) codes.add(`application.${c}`);
  for (const c of PROVIDER_COMMANDS) {
    codes.add(`assignment.${c}`);
    codes.add(`application.${c}`);
  }
  for (const a of ACTIONS) codes.add(a);
  return [...codes].sort();
}

describe('audit entries in words', () => {
  it('every part of every action code the app writes has a Ukrainian and an English word', () => {
    const codes = actionCodes();
    expect(codes.length).toBeGreaterThan(100);
    const act = (l: 'uk' | 'en') => (dictionaries[l].audit as Record<string, Record<string, string>>).act;
    const missing = codes.flatMap((c) =>
      c
        .split('.')
        .filter((p) => !act('uk')[p] || !act('en')[p])
        .map((p) => `${c}: ${p}`),
    );
    expect(missing).toEqual([]);
  });

  it('reads an action and a record type in Ukrainian', () => {
    const t = translator('uk');
    expect(actionText('person.view.api', t)).toBe('Особа · перегляд · API');
    expect(actionText('user.create', t)).toBe('Користувач · створення');
    expect(entityTypeText('person.batch', t)).toBe('особа · пакет імпорту');
    expect(actionText('test.unknown', t)).toBe('test · unknown');
  });
});
