import type { ClusterSettings } from './settings.ts';

/**
 * Settings that run but probably not as meant: the page shows these beside the settings form and
 * the command line prints them. Plain sentences, no markup.
 *
 * A follower resets its election timer when a heartbeat arrives. Two heartbeats leave the leader
 * `heartbeat` ms apart but may arrive up to `heartbeat + (latency max - latency min)` apart, so if
 * that reaches the minimum election timeout a follower can time out under a healthy leader, again
 * and again (heartbeat 149, timeouts 150-300, latency 5-30: hundreds of needless elections).
 */
export function settingsWarnings(s: ClusterSettings): string[] {
  const warnings: string[] = [];
  const jitter = s.latency[1] - s.latency[0];
  const gap = s.heartbeat + jitter;
  if (gap >= s.electionTimeout[0]) {
    warnings.push(
      `heartbeat ${s.heartbeat} ms plus up to ${jitter} ms of varying message delay reaches the minimum election timeout ` +
        `(${s.electionTimeout[0]} ms): followers can time out under a working leader and start needless elections. ` +
        `Keep the heartbeat below ${Math.max(1, s.electionTimeout[0] - jitter)} ms, or narrow the latency range.`,
    );
  }
  return warnings;
}
