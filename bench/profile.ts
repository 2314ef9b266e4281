import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The share of samples each function spent in itself, largest first: `name (file:line)`. */
export function topSelfTime(profile: Profile, n = 15): { name: string; selfPct: number }[] {
  const byNode = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  for (const id of profile.samples) {
    const f = byNode.get(id)?.callFrame;
    if (!f) continue;
    const file = f.url.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '');
    const name = `${f.functionName || '(anonymous)'} (${file || 'native'}${f.url ? `:${f.lineNumber + 1}` : ''})`;
    self.set(name, (self.get(name) ?? 0) + 1);
  }
  const total = profile.samples.length || 1;
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, k]) => ({ name, selfPct: Math.round((k / total) * 1000) / 10 }));
}

/**
 * A CPU profile of this process from now to `stop` — what `node --cpu-prof` writes, for the part of a benchmark that
 * matters (the data's generation left out). `stop` writes it as a `.cpuprofile` (Chrome DevTools opens it) and
 * answers the top functions by self time.
 */
export async function startCpuProfile() {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  return {
    async stop(file: string) {
      const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
      session.disconnect();
      fs.writeFileSync(file, JSON.stringify(profile));
      return { file, top: topSelfTime(profile) };
    },
  };
}
