import { describe, expect, it } from 'vitest';
import { displayHours, parseHours, topicsProblem } from './staffdev-rules.js';

describe('supervision topics guard', () => {
  it('refuses an РНОКПП-like number and a case number, accepts general topics', () => {
    expect(topicsProblem('Професійне вигорання, межі у роботі з родинами')).toBeNull();
    expect(topicsProblem('Обговорили 2025 рік і 12 годин навчання')).toBeNull();
    expect(topicsProblem('Клієнт 3012345678 потребує')).toBe('rnokpp');
    expect(topicsProblem('номер 301 234 5678')).toBe('rnokpp');
    expect(topicsProblem('Випадок В-2026-000042')).toBe('caseNumber');
    expect(topicsProblem('випадок b 2026-42')).toBe('caseNumber');
    expect(topicsProblem('телефон 0501234567890')).toBeNull();
  });
});

describe('hours', () => {
  it('reads a comma or a point, refuses zero, negatives and text', () => {
    expect(parseHours('7,5')).toBe(7.5);
    expect(parseHours('16')).toBe(16);
    expect(parseHours('0')).toBeNull();
    expect(parseHours('-2')).toBeNull();
    expect(parseHours('абв')).toBeNull();
    expect(displayHours('7.50')).toBe('7,5');
    expect(displayHours('16.00')).toBe('16');
  });
});
