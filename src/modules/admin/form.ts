/**
 * Kept for modules not yet moved to the one form path (`platform/forms.ts`, `platform/errors.ts`);
 * the admin module itself no longer uses it. The lead deletes it after issue 10's merge.
 */
import { ValidationError } from '../../platform/errors.js';

export type { Problem } from '../../platform/errors.js';
export type { FormErrors } from '../../platform/forms.js';
export { formErrors as toFormErrors, many, single, zodProblems } from '../../platform/forms.js';

export interface FieldError { text: string }

/** Thrown by use-cases when input is well-formed but not acceptable: the one `ValidationError`. */
export class FormProblem extends ValidationError {}
