import { describe, expect, it } from 'vitest';
import { openLines, takeTurn } from './turns.js';

const GONE = { hromadaId: 1, messageKey: 'appointments.slotGone' };

describe('takeTurn', () => {
  it('lets calls of one key go one at a time, in order of arrival, and other keys beside them', async () => {
    const order: string[] = [];
    const first = await takeTurn('a');
    const second = takeTurn('a').then((t) => {
      order.push('a2');
      return t;
    });
    const other = await takeTurn('b');
    order.push('b1');
    await Promise.resolve();
    expect(order).toEqual(['b1']);
    first.end(null);
    (await second).end(null);
    other.end(null);
    expect(order).toEqual(['b1', 'a2']);
    expect(openLines()).toBe(0);
  });

  it('tells the calls that were waiting what a turn learned, but not the calls that came after it', async () => {
    const holder = await takeTurn('slot');
    const waiting = [takeTurn('slot'), takeTurn('slot')];
    holder.end(GONE);
    const late = takeTurn('slot');
    const w1 = await waiting[0];
    expect(w1.gone).toEqual(GONE);
    w1.end();
    const w2 = await waiting[1];
    expect(w2.gone).toEqual(GONE);
    w2.end();
    const l = await late;
    expect(l.gone).toBeNull();
    l.end(null);
    expect(openLines()).toBe(0);
  });

  it('forgets what was learned when a later turn finds the thing there again', async () => {
    const holder = await takeTurn('slot');
    const next = takeTurn('slot');
    const third = takeTurn('slot');
    holder.end(GONE);
    const n = await next;
    // Refused from what the line knew: it learned nothing new and ends without changing it.
    n.end();
    const t = await third;
    expect(t.gone).toEqual(GONE);
    t.end(null);
    const after = await takeTurn('slot');
    expect(after.gone).toBeNull();
    after.end(null);
  });

  it('ends a turn once even when ended twice', async () => {
    const a = await takeTurn('k');
    a.end(null);
    a.end(GONE);
    const b = await takeTurn('k');
    expect(b.gone).toBeNull();
    b.end(null);
    expect(openLines()).toBe(0);
  });
});
