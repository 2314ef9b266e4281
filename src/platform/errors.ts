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
    super(code, { cause: opts.cause });
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.messageKey = opts.messageKey ?? `errors.${code}`;
    this.details = opts.details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
