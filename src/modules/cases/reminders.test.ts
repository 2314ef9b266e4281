import { describe, expect, it } from 'vitest';
import { reminderMail } from './reminders.job.js';
import type { ReminderRow } from './reminders.queries.js';

const row = (n: number, o: Partial<ReminderRow> = {}): ReminderRow => ({
  kind: 'review',
  item_id: `id-${n}`,
  due_on: '2026-12-05',
  stage: 'soon',
  user_id: 'u1',
  email: 'worker@example.test',
  display_name: 'Ірина',
  locale: 'uk',
  case_number: `В-2026-${String(n).padStart(6, '0')}`,
  ...o,
});

describe('a reminder e-mail', () => {
  it('lists at most 30 deadlines and counts the rest, in Ukrainian plural forms, with the link when the address is known', () => {
    const m = reminderMail(
      Array.from({ length: 35 }, (_, n) => row(n + 1)),
      'https://turbota.example/',
    );
    expect(m.to).toBe('worker@example.test');
    expect(m.subject).toBe('Турбота: 35 строків за випадками');
    expect(m.text.split('\n').filter((l) => l.startsWith('— '))).toHaveLength(31);
    expect(m.text).toContain('— і ще 5 строків');
    expect(m.text).toContain('В-2026-000030 — до 05.12.2026');
    expect(m.text).not.toContain('В-2026-000031');
    expect(m.text).toContain('https://turbota.example/cases/workload');
  });

  it('speaks the recipient’s language and leaves the link out when the public address is not configured', () => {
    const m = reminderMail([row(1, { locale: 'en', kind: 'task', stage: 'overdue' })], undefined);
    expect(m.subject).toBe('Turbota: 1 case deadline');
    expect(m.text).toContain('your task on case В-2026-000001 is overdue (due 05.12.2026)');
    expect(m.text).not.toContain('http');
  });
});
