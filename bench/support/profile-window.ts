// Where a process's CPU went during one moment of a benchmark: reads a V8 profile (node --cpu-prof) and sums
// its samples between two instants of the monotonic clock (microseconds, as bench:fondo-affitti prints them
// on its BURST_WINDOW_US line), by package or top folder of the project, then by function (self time).
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/fondo-affitti.ts
//   npx tsx bench/support/profile-window.ts /tmp/prof/CPU.<…>.cpuprofile <start> <end>
// V8 samples wall-clock time: `writev` and the like include time the process waited for a core.
import { readFileSync } from 'node:fs';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface Profile { nodes: { id: number; callFrame: CallFrame }[]; startTime: number; samples: number[]; timeDeltas: number[] }

const PACKAGE = /node_modules\/((?:@[^/]+\/)?[^/]+)/;
const PROJECT = `${process.cwd()}/`;

function categoryOf({ functionName, url }: CallFrame): string {
  if (functionName.startsWith('(')) return functionName;
  const inPackage = PACKAGE.exec(url);
  if (inPackage) return inPackage[1]!;
  if (url.includes(PROJECT)) return url.slice(url.indexOf(PROJECT) + PROJECT.length).split('/')[0]!;
  return functionName || url || '?';
}

function top(totals: Map<string, number>, count: number): string[] {
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, us]) => `${(us / 1000).toFixed(1).padStart(9)} ms  ${name}`);
}

function main(): void {
  const [file, start, end] = process.argv.slice(2);
  if (!file || !start || !end) throw new Error('usage: profile-window <file.cpuprofile> <startUs> <endUs>');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const [from, to] = [Number(start), Number(end)];
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let at = profile.startTime;
  let sampled = 0;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index]!;
    if (at < from || at > to) return;
    const frame = frames.get(id)!;
    const us = profile.timeDeltas[index]!;
    sampled += us;
    const category = categoryOf(frame);
    byCategory.set(category, (byCategory.get(category) ?? 0) + us);
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').at(-1)}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  });
  console.log(`window ${((to - from) / 1000).toFixed(0)} ms, sampled ${(sampled / 1000).toFixed(0)} ms\n\nby package or folder:`);
  console.log(top(byCategory, 25).join('\n'));
  console.log('\nby function (self time):');
  console.log(top(byFunction, 30).join('\n'));
}

main();
