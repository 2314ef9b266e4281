/** One error type for the whole application; the code decides status and message. */
export const ERROR_STATUS = {
  bad_request: 400,
  validation: 400,
  unauthenticated: 401,
  csrf: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  locked: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type AppErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  /** i18n key of the message shown to the user (defaults to errors.<code>). */
  readonly messageKey: string;
  readonly details?: unknown;

  constructor(code: AppErrorCode, opts: { messageKey?: string; details?: unknown; cause?: unknown } = {}) {
    // A refusal (4xx) is an answer, not a fault: its stack is never logged, and taking it was most of its cost (a
    // crowd's 409s). A fault (5xx) keeps its stack.
    const limit = Error.stackTraceLimit;
    if (ERROR_STATUS[code] < 500) Error.stackTraceLimit = 0;
    try {
      super(code, { cause: opts.cause });
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.messageKey = opts.messageKey ?? `errors.${code}`;
    this.details = opts.details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** A field's problem with the input: the field name (= the element id, unless `href` says otherwise) and an i18n key. */
export interface Problem {
  field: string;
  key: string;
  params?: Record<string, unknown>;
  href?: string;
}

/**
 * The one validation error: input that is well-formed but not acceptable (a taken username, a date
 * out of range, a missing document). Pages show it again with the error summary and the field
 * messages (`orRerender` in `forms.ts`); the API answers 400 with the problems.
 */
export class ValidationError extends AppError {
  readonly problems: Problem[];
  constructor(problems: Problem[], opts: { details?: Record<string, unknown> } = {}) {
    const first = problems[0];
    super('validation', {
      messageKey: first?.key ?? 'errors.validation',
      details: { ...first?.params, ...opts.details, problems: problems.map(({ field, key }) => ({ field, key })) },
    });
    this.problems = problems;
  }
}

/** One problem of one field. */
export const problem = (field: string, key: string, params?: Record<string, unknown>) =>
  new ValidationError([{ field, key, params }]);

export const isValidationError = (e: unknown): e is ValidationError => e instanceof ValidationError;
