import { majority } from '../engine/quorum.ts';
import type { NodeId } from '../engine/types.ts';
import type { ConfigFacts, ReachFacts } from './protocol.ts';

/**
 * Islands are the groups of servers that can still talk both ways; a single cut link leaves the
 * cluster in one piece. Computed from the cut links, so any split (scripted or clicked) counts.
 * Biggest first, so "majority | minority" reads left to right; members in cluster order.
 */
export function islandsOf(ids: readonly NodeId[], cut: readonly (readonly [NodeId, NodeId])[]): NodeId[][] {
  if (cut.length === 0) return [ids.slice()];
  const cutSet = new Set(cut.map(([a, b]) => `${a}>${b}`));
  const joined = (a: NodeId, b: NodeId) => !cutSet.has(`${a}>${b}`) || !cutSet.has(`${b}>${a}`);
  const seen = new Set<NodeId>();
  const groups: NodeId[][] = [];
  for (const start of ids) {
    if (seen.has(start)) continue;
    const group: NodeId[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const a = stack.pop()!;
      group.push(a);
      for (const b of ids) {
        if (seen.has(b) || !joined(a, b)) continue;
        seen.add(b);
        stack.push(b);
      }
    }
    groups.push(group.sort((x, y) => ids.indexOf(x) - ids.indexOf(y)));
  }
  return groups.sort((a, b) => b.length - a.length);
}

interface ServerSeen {
  readonly id: NodeId;
  readonly alive: boolean;
  readonly leader: boolean;
}

/** Every server a voter, none a learner: the configuration of a cluster that never changed. */
function allVote(servers: readonly ServerSeen[]): ConfigFacts {
  return { voters: servers.map((s) => s.id), learners: [], from: null, pending: false };
}

/**
 * Who can still gather a majority, the fact the split picture and the header state: a side
 * elects only if it holds a majority of the configuration's voters (learners and removed servers
 * count for nothing), and a leader whose side has fewer live voters than that can no longer
 * commit, whatever it accepts.
 */
export function reachOf(
  servers: readonly ServerSeen[],
  cut: readonly (readonly [NodeId, NodeId])[],
  config: ConfigFacts = allVote(servers),
): ReachFacts {
  const needed = majority(config.voters.length);
  const voters = new Set(config.voters);
  const alive = new Set(servers.filter((s) => s.alive && voters.has(s.id)).map((s) => s.id));
  const islands = islandsOf(
    servers.map((s) => s.id),
    cut,
  );
  const aliveIn = (id: NodeId) => (islands.find((i) => i.includes(id)) ?? []).filter((m) => alive.has(m)).length;
  return {
    needed,
    config,
    islands: islands.map((members) => ({ members, canElect: members.filter((m) => voters.has(m)).length >= needed })),
    cutOff: cut.length === 0 ? [] : servers.filter((s) => s.alive && s.leader && aliveIn(s.id) < needed).map((s) => s.id),
  };
}
