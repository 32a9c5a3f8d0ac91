import { roleOf } from '../engine/node.ts';
import type { NodeId } from '../engine/types.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { TraceEvent } from '../sim/trace.ts';
import { walkLesson, type Moment, type WalkedStep } from './walk.ts';
import type { Claim, Lesson } from './types.ts';

/** A claim of a step that the run did not bear out. */
export interface FalseClaim {
  readonly step: string;
  readonly claim: Claim;
  readonly why: string;
}

/** A fact read from the run's state at one moment: true, or why not. */
type StateCheck = (sim: Simulation) => string | null;

const aliveLeaders = (sim: Simulation): NodeId[] =>
  sim.nodeStates.filter((n) => roleOf(n) === 'leader' && sim.isAlive(n.id)).map((n) => n.id);

const holdsEntry = (sim: Simulation, node: NodeId, key: string, value: string, committed: boolean): boolean => {
  const n = sim.nodeStates.find((s) => s.id === node)!;
  return n.log.some((e, i) => e.key === key && e.value === value && (!committed || i + 1 <= n.commitIndex));
};

function stateCheck(claim: Claim): StateCheck | null {
  switch (claim.kind) {
    case 'leads':
      return (sim) => {
        const leaders = sim.nodeStates.filter((n) => roleOf(n) === 'leader' && sim.isAlive(n.id) && n.currentTerm === claim.term);
        const ok = claim.node === null ? leaders.length > 0 : leaders.some((n) => n.id === claim.node);
        return ok ? null : `leaders: ${aliveLeaders(sim).join(', ') || 'none'}`;
      };
    case 'leadersAtOnce':
      return (sim) => {
        const leaders = aliveLeaders(sim);
        return claim.nodes.every((n) => leaders.includes(n)) ? null : `leaders: ${leaders.join(', ') || 'none'}`;
      };
    case 'holds':
      return (sim) => {
        const missing = claim.nodes.filter((n) => !holdsEntry(sim, n, claim.key, claim.value, claim.committed));
        return missing.length === 0 ? null : `${missing.join(', ')} lack it`;
      };
    case 'lacks':
      return (sim) => {
        const holding = claim.nodes.filter((n) => holdsEntry(sim, n, claim.key, claim.value, false));
        return holding.length === 0 ? null : `${holding.join(', ')} hold it`;
      };
    case 'newestCommitted':
      return (sim) => {
        const leader = sim.nodeStates.find((n) => n.id === sim.leader());
        if (!leader) return 'no leader';
        let index = leader.log.length;
        while (index > 0 && leader.log[index - 1]!.noop) index--;
        if (index === 0) return 'the leader has no client entry';
        return index <= leader.commitIndex === claim.committed ? null : `commit index ${leader.commitIndex}, newest entry ${index}`;
      };
    case 'matchesLeader':
      return (sim) => {
        const leader = sim.nodeStates.find((n) => n.id === sim.leader());
        const node = sim.nodeStates.find((n) => n.id === claim.node);
        if (!leader || !node) return 'no leader';
        const same = JSON.stringify(leader.log) === JSON.stringify(node.log) && leader.commitIndex === node.commitIndex;
        return same
          ? null
          : `${claim.node} has ${node.log.length} entries (commit ${node.commitIndex}), the leader ${leader.log.length} (commit ${leader.commitIndex})`;
      };
    case 'down':
      return (sim) => (sim.isAlive(claim.node) ? `${claim.node} is up` : null);
    case 'cutOff':
      return (sim) => {
        const cut = new Set(sim.cutLinks().map(([a, b]) => `${a}>${b}`));
        const others = sim.ids.filter((id) => !claim.nodes.includes(id));
        const open = claim.nodes.flatMap((a) =>
          others.filter((b) => !cut.has(`${a}>${b}`) || !cut.has(`${b}>${a}`)).map((b) => `${a}-${b}`),
        );
        return open.length === 0 ? null : `links still open: ${open.join(', ')}`;
      };
    case 'lockHeld':
      return (sim) => {
        const lock = sim.lockFacts();
        const holder = lock?.holder ?? null;
        const token = lock?.token ?? null;
        return holder === claim.holder && token === claim.token ? null : `held by ${holder ?? 'nobody'} (token ${token ?? 'none'})`;
      };
    case 'believes':
      return (sim) => {
        const view = sim.lockFacts()?.clients.find((c) => c.client === claim.client);
        if (!view) return `${claim.client} has not asked for the lock`;
        return view.state === claim.state && view.token === claim.token
          ? null
          : `${claim.client} ${view.state} (token ${view.token ?? 'none'})`;
      };
    default:
      return null;
  }
}

/** A fact read from the events of the step (from its start to its end). */
function eventCheck(claim: Claim, events: readonly TraceEvent[], before: readonly TraceEvent[]): string | null {
  switch (claim.kind) {
    case 'noLeaderElected': {
      const won = events.filter((e) => e.type === 'role' && e.role === 'leader' && (claim.among === 'all' || claim.among.includes(e.node)));
      return won.length === 0 ? null : `elected: ${won.map((e) => (e.type === 'role' ? `${e.node} (term ${e.term})` : '')).join(', ')}`;
    }
    case 'write': {
      const leaders = new Set<NodeId>();
      const track = (e: TraceEvent): void => {
        if (e.type !== 'role') return;
        if (e.role === 'leader') leaders.add(e.node);
        else leaders.delete(e.node);
      };
      before.forEach(track);
      const hit = events.some((e) => {
        track(e);
        return (
          e.type === 'clientWrite' &&
          e.accepted === claim.accepted &&
          (claim.value === null || e.value === claim.value) &&
          (claim.node === null ? leaders.has(e.node) : e.node === claim.node)
        );
      });
      return hit ? null : 'no such write';
    }
    case 'violation':
      return events.some((e) => e.type === 'violation' && e.property === claim.property) ? null : 'not broken';
    case 'noViolation': {
      const v = events.find((e) => e.type === 'violation');
      return v && v.type === 'violation' ? v.message : null;
    }
    case 'noElectionTimeout': {
      const e = events.find((x) => x.type === 'electionTimeout');
      return e && e.type === 'electionTimeout' ? `${e.node} timed out at ${e.t} ms` : null;
    }
    case 'mostVotes': {
      const counts = events.filter((e) => e.type === 'voteCount' && !e.preVote && (claim.term === null || e.term === claim.term));
      const most = Math.max(0, ...counts.map((e) => (e.type === 'voteCount' ? e.granted : 0)));
      const needed = counts.every((e) => e.type === 'voteCount' && e.needed === claim.needed);
      return most === claim.most && needed && counts.length > 0 ? null : `most votes ${most}, counts ${counts.length}`;
    }
    case 'oneVotePerTerm': {
      const seen = new Set<string>();
      for (const e of [...before, ...events]) {
        if (e.type !== 'vote' || !e.granted || e.preVote) continue;
        const k = `${e.node}@${e.term}`;
        if (seen.has(k)) return `${e.node} voted twice in term ${e.term}`;
        seen.add(k);
      }
      return null;
    }
    case 'stepsDown':
      return events.some((e) => e.type === 'role' && e.node === claim.node && e.role === 'follower' && e.cause === 'higherTerm')
        ? null
        : `${claim.node} did not step down`;
    case 'voteRefused':
      return events.some((e) => e.type === 'vote' && !e.granted && !e.preVote && e.reason === claim.reason) ? null : 'no such refusal';
    case 'truncated':
      return events.some((e) => e.type === 'truncate' && e.node === claim.node) ? null : `${claim.node} kept its log`;
    case 'store':
      return events.some((e) => e.type === 'store' && e.client === claim.client && e.token === claim.token && e.accepted === claim.accepted)
        ? null
        : 'no such storage write';
    default:
      return null;
  }
}

/**
 * Replay `lesson` as a learner walks it and check every claim of every step at the moments the
 * step shows: `start` as it appears, `end` when its task is done (or it has been read), and
 * `sometime` at any moment between. Returns the claims the run did not bear out.
 */
export function checkClaims(lesson: Lesson): { readonly walked: WalkedStep[]; readonly falseClaims: FalseClaim[] } {
  // For each step and claim: null once it held when it should, else the last reason it did not.
  const verdicts = lesson.steps.map((s) => s.claims.map((): string | null => 'not checked'));
  const commitWatch: { leader: NodeId | null; commit: number }[] = [];
  const observe = (index: number, sim: Simulation, moment: Moment): void => {
    const step = lesson.steps[index]!;
    if (moment === 'start') commitWatch[index] = { leader: null, commit: 0 };
    step.claims.forEach((claim, c) => {
      if (claim.kind === 'committedOnceStoredBy') {
        const w = commitWatch[index]!;
        const leader = sim.nodeStates.find((n) => n.id === sim.leader());
        if (!leader) return;
        if (w.leader === leader.id && leader.commitIndex > w.commit) {
          const entry = leader.log[leader.commitIndex - 1]!;
          const stored = sim.nodeStates.filter((n) => JSON.stringify(n.log[leader.commitIndex - 1]) === JSON.stringify(entry)).length;
          const v = stored >= claim.stored ? null : `committed index ${leader.commitIndex} held by ${stored}`;
          if (verdicts[index]![c] !== null || v !== null) verdicts[index]![c] = v;
        }
        w.leader = leader.id;
        w.commit = leader.commitIndex;
        return;
      }
      if (!('when' in claim)) return;
      const check = stateCheck(claim)!;
      const wanted = claim.when === 'sometime' || claim.when === moment;
      if (!wanted) return;
      const why = check(sim);
      if (claim.when === 'sometime') {
        if (verdicts[index]![c] !== null) verdicts[index]![c] = why;
      } else verdicts[index]![c] = why;
    });
  };
  // The events of the run each step ran on, up to its end (a later action may branch the run).
  const stepEvents: (readonly TraceEvent[])[] = [];
  const walked = walkLesson(lesson, {
    moment(index, timeline, moment) {
      observe(index, timeline.sim, moment);
      if (moment === 'end') stepEvents[index] = timeline.events.slice(0, timeline.lastIndexAtOrBefore(timeline.now) + 1);
    },
  });
  const falseClaims: FalseClaim[] = [];
  walked.forEach((w, index) => {
    w.step.claims.forEach((claim, c) => {
      let why: string | null;
      if ('when' in claim || claim.kind === 'committedOnceStoredBy') why = verdicts[index]![c]!;
      else why = eventCheck(claim, stepEvents[index]!.slice(w.startEvent, w.endEvent), stepEvents[index]!.slice(0, w.startEvent));
      if (why !== null) falseClaims.push({ step: w.step.id, claim, why });
    });
  });
  return { walked, falseClaims };
}
