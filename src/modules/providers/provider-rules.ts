import { problem, type ValidationError } from '../../platform/errors.js';
import { checkRnokpp } from '../persons/identity/index.js';
import { checkEdrpou } from './edrpou.js';

/** Forms of ownership: communal institution, громадська організація, благодійна організація, приватне підприємство, ФОП. */
export const OWNERSHIPS = ['communal', 'ngo', 'charity', 'private', 'fop'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

/** Where a provider delivers a service: at home, in a day centre, residential (стаціонарно), remotely. */
export const SETTINGS = ['home', 'day_centre', 'residential', 'remote'] as const;
export type Setting = (typeof SETTINGS)[number];

/**
 * What is wrong with a provider's code for its form of ownership, or null: a ФОП is identified by its РНОКПП
 * (10 digits), every other form by its ЄДРПОУ (8 digits), each with its check digit.
 */
export function codeProblem(
  ownership: Ownership,
  code: string,
): 'edrpouFormat' | 'edrpouChecksum' | 'rnokppFormat' | 'rnokppChecksum' | null {
  if (ownership === 'fop') {
    const r = checkRnokpp(code);
    return r.ok ? null : r.problem === 'format' ? 'rnokppFormat' : 'rnokppChecksum';
  }
  const r = checkEdrpou(code);
  return r.ok ? null : r.problem === 'format' ? 'edrpouFormat' : 'edrpouChecksum';
}

/** Which unique rule a refused insert or update of a provider broke: its code in the hromada, or its name. */
export function uniqueProblem(e: unknown): ValidationError {
  const constraint = (e as { constraint?: string }).constraint ?? '';
  return constraint === 'agencies_code_idx'
    ? problem('code', 'providers.v.codeTaken')
    : problem('name', 'providers.v.nameTaken');
}
