import { describe, expect, it } from 'vitest';
import { AppError, ValidationError } from './errors.js';

describe('AppError', () => {
  it('takes no stack for a refusal, keeps it for a fault, and leaves other errors their stacks', () => {
    const limit = Error.stackTraceLimit;
    const refusal = new AppError('conflict', { messageKey: 'appointments.slotGone' });
    expect(refusal.status).toBe(409);
    expect(refusal.messageKey).toBe('appointments.slotGone');
    expect(refusal.stack?.split('\n').filter((l) => l.includes(' at '))).toEqual([]);
    expect(new ValidationError([{ field: 'start', key: 'appointments.v.past' }]).stack).not.toContain(' at ');
    expect(new AppError('internal').stack).toContain('errors.test.ts');
    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error('x').stack).toContain('errors.test.ts');
  });
});
