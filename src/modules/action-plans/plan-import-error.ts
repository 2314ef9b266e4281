import { AppError } from '../../platform/errors.js';
import type { PlanProblem } from './plan-format.js';

/** A plan file refused: every problem with its JSON path; nothing was stored. */
export class PlanImportError extends AppError {
  constructor(readonly problems: PlanProblem[]) {
    super('validation', { details: { problems } });
  }
}

export const isPlanImportError = (e: unknown): e is PlanImportError => e instanceof PlanImportError;
