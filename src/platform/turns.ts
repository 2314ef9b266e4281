/**
 * Calls that contend for one thing (a visit's time) take turns per key in this process, and when one of them learns
 * that the thing is gone, the calls that were already waiting behind it are told so without asking the database
 * again (decision 0037). What a turn learns is kept only for the calls that were queued when it was learned: a call
 * that comes later takes its own turn, so nothing is remembered past the burst that waited for it. The database stays
 * the only judge of a success; this only spares the refusals of a crowd.
 */

/** What a turn learned: the thing is gone for the calls of this hromada, with this message. */
export interface Gone {
  hromadaId: number;
  messageKey: string;
}

interface Line {
  /** Resolves when the last call in the line finishes its turn. */
  tail: Promise<void>;
  /** Calls in the line (waiting or in their turn). */
  queued: number;
  /** What the last finished turn learned, and the arrival number of the calls it speaks for. */
  gone: (Gone & { upTo: number }) | null;
  /** Arrivals so far (each call's number in the line). */
  arrivals: number;
}

const lines = new Map<string, Line>();

/** One call's turn: what the turns before it learned (for this call), and how to end the turn. */
export interface Turn {
  /** Set when a turn that ended while this call waited learned the thing is gone. */
  gone: Gone | null;
  /** Ends the turn; `learned` replaces what the line knows (null: the thing may be there). Idempotent. */
  end(learned?: Gone | null): void;
}

/** Waits for the calls before this one with the same key to end their turns. */
export async function takeTurn(key: string): Promise<Turn> {
  let line = lines.get(key);
  if (!line) {
    line = { tail: Promise.resolve(), queued: 0, gone: null, arrivals: 0 };
    lines.set(key, line);
  }
  const l = line;
  const arrival = ++l.arrivals;
  l.queued++;
  const before = l.tail;
  let release!: () => void;
  l.tail = new Promise<void>((r) => (release = r));
  await before;
  const gone = l.gone && arrival <= l.gone.upTo ? { hromadaId: l.gone.hromadaId, messageKey: l.gone.messageKey } : null;
  let ended = false;
  return {
    gone,
    end(learned) {
      if (ended) return;
      ended = true;
      // A turn that learned nothing new (it was refused from what the line knew) leaves that knowledge as it is.
      if (learned !== undefined) l.gone = learned ? { ...learned, upTo: l.arrivals } : null;
      l.queued--;
      if (l.queued === 0) lines.delete(key);
      release();
    },
  };
}

/** Lines open now (for tests: every turn must end). */
export const openLines = () => lines.size;
