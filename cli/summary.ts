import type { RunReport } from './run.ts';

/** The short human summary of one run: who led which term, how far each node committed, safety. */
export function formatSummary(r: RunReport): string {
  const lines: string[] = [];
  const stopped = r.interrupted ? ` (interrupted: ${r.planned} ms were asked for)` : '';
  lines.push(`${r.name ?? 'scenario'}: seed ${r.seed}, ${r.until} ms simulated${stopped}`);
  if (r.elections.length === 0) lines.push('  no leader was elected');
  else {
    lines.push('  leaders by term:');
    for (const e of r.elections) lines.push(`    term ${e.term}: ${e.leader} elected at ${e.t} ms`);
  }
  const commits = r.final.map((n) => `${n.node} ${n.commitIndex}${n.alive ? '' : ' (down)'}`);
  lines.push(`  final commit index: ${commits.join(', ')}`);
  if (r.violations.length === 0) lines.push('  no violations');
  else {
    lines.push(`  Figure 3 violations (${r.violations.length}):`);
    for (const v of r.violations) lines.push(`    at ${v.t} ms, ${v.property}: ${v.message}`);
  }
  return lines.join('\n') + '\n';
}

/** After a seed sweep: how many runs broke a Figure 3 property, and with which seeds. */
export function formatSweep(from: number, to: number, badSeeds: readonly number[]): string {
  const verdict = badSeeds.length === 0 ? 'no violations' : `violations with seed${badSeeds.length > 1 ? 's' : ''} ${badSeeds.join(', ')}`;
  return `seeds ${from}-${to}: ${to - from + 1} runs, ${verdict}\n`;
}
