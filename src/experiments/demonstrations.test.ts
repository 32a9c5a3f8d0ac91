import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DEMOS, withExtensions, type ExtensionDemo } from '../scenarios/experiments/index.ts';
import type { Scenario } from '../sim/scenario.ts';
import { Simulation } from '../sim/simulation.ts';
import type { TraceEvent } from '../sim/trace.ts';
import { parseScenario } from '../sim/validate.ts';
import { roleOf } from '../engine/node.ts';

// PreVote and CheckQuorum as tested facts: each demonstration scenario's claim, checked with the
// extensions off (the problem shows) and on (it does not), on the scenario's own seed.

type RoleEvent = Extract<TraceEvent, { type: 'role' }>;

function play(scenario: Scenario): { sim: Simulation; roles: RoleEvent[] } {
  const roles: RoleEvent[] = [];
  const sim = Simulation.fromScenario(scenario, { onEvent: (e) => e.type === 'role' && roles.push(e) });
  sim.runUntil(scenario.until!);
  return { sim, roles };
}

function demo(name: string): ExtensionDemo {
  const d = EXTENSION_DEMOS.find((x) => x.scenario.name === name);
  if (!d) throw new Error(`no demo ${name}`);
  return d;
}

const actionAt = (s: Scenario, type: string): number => s.actions.find((a) => a.type === type)!.at;
const term = (sim: Simulation, id: string): number => sim.nodeStates.find((n) => n.id === id)!.currentTerm;
const elected = (roles: readonly RoleEvent[], from: number, to = Infinity): RoleEvent[] =>
  roles.filter((e) => e.role === 'leader' && e.t >= from && e.t < to);

describe('the demonstration documents', () => {
  it('are every JSON file of src/scenarios/experiments, valid version 1 documents named after their files', () => {
    const dir = 'src/scenarios/experiments';
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(EXTENSION_DEMOS.map((d) => `${d.scenario.name}.json`).sort()).toEqual(files.sort());
    for (const file of files) {
      const raw: unknown = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
      expect((raw as { version: unknown }).version).toBe(1);
      expect(() => parseScenario(raw)).not.toThrow();
    }
  });

  it('ship with the extensions off, so they open on the problem', () => {
    for (const d of EXTENSION_DEMOS) for (const key of d.extensions) expect(d.scenario.settings[key]).toBe(false);
  });

  for (const d of EXTENSION_DEMOS) {
    it(`${d.scenario.name}: no Figure 3 violation either way`, () => {
      expect(play(withExtensions(d, false)).sim.violations).toEqual([]);
      expect(play(withExtensions(d, true)).sim.violations).toEqual([]);
    });
  }
});

describe('PreVote: a server cut off alone, rejoining', () => {
  const d = demo('prevote-rejoin');
  const cutAt = actionAt(d.scenario, 'partition');
  const healAt = actionAt(d.scenario, 'heal');

  it('without PreVote, it raises its term while alone and forces the working leader to step down when it rejoins', () => {
    const { sim, roles } = play(withExtensions(d, false));
    expect(elected(roles, 0, cutAt).map((e) => e.node)).toEqual(['S1']);
    const leaderTerm = elected(roles, 0, cutAt)[0]!.term;
    const stepDown = roles.find((e) => e.node === 'S1' && e.role === 'follower' && e.t >= healAt);
    expect(stepDown).toMatchObject({ cause: 'higherTerm' });
    expect(stepDown!.term).toBeGreaterThan(leaderTerm + 5); // S5's term, raised many times alone
    expect(elected(roles, healAt).length).toBeGreaterThan(0); // an election the cluster did not need
    expect(term(sim, 'S1')).toBeGreaterThan(leaderTerm + 5);
  });

  it('with PreVote, its term never moves and the leader keeps leading', () => {
    const { sim, roles } = play(withExtensions(d, true));
    const leaderTerm = elected(roles, 0, cutAt)[0]!.term;
    expect(roles.filter((e) => e.t >= cutAt)).toEqual([]); // no role changes at all
    expect(sim.leader()).toBe('S1');
    for (const n of sim.nodeStates) expect(n.currentTerm).toBe(leaderTerm);
  });
});

describe('CheckQuorum: a leader cut off from the majority', () => {
  const d = demo('checkquorum-leader-cut-off');
  const cutAt = actionAt(d.scenario, 'partition');

  it('without CheckQuorum, it goes on believing it leads its old term (while the others elect another leader)', () => {
    const { sim, roles } = play(withExtensions(d, false));
    expect(roles.some((e) => e.node === 'S1' && e.t >= cutAt)).toBe(false);
    expect(roleOf(sim.nodeStates[0]!)).toBe('leader');
    expect(elected(roles, cutAt).some((e) => e.node !== 'S1')).toBe(true);
  });

  it('with CheckQuorum, it steps down within an election timeout', () => {
    const { roles } = play(withExtensions(d, true));
    const stepDown = roles.find((e) => e.node === 'S1' && e.t >= cutAt);
    expect(stepDown).toMatchObject({ role: 'follower', cause: 'lostQuorum' });
    expect(stepDown!.t - cutAt).toBeLessThanOrEqual(d.scenario.settings.electionTimeout[1]);
    expect(elected(roles, cutAt).some((e) => e.node !== 'S1')).toBe(true);
  });
});

describe('PreVote and CheckQuorum: partial connectivity (S4 reaches only S2, S5 only S3)', () => {
  const d = demo('partial-connectivity-churn');
  const cutAt = actionAt(d.scenario, 'cut');
  const until = d.scenario.until!;

  it('without them, leaders churn for as long as the links stay cut: a new leader in every 2-second window', () => {
    const { roles } = play(withExtensions(d, false));
    for (let from = cutAt; from + 2000 <= until; from += 2000) {
      expect(elected(roles, from, from + 2000).length, `leaders elected in [${from}, ${from + 2000})`).toBeGreaterThan(0);
    }
    expect(elected(roles, cutAt).length).toBeGreaterThan(10);
  });

  it('with both on, one leader stays in place and no term moves', () => {
    const { sim, roles } = play(withExtensions(d, true));
    expect(roles.filter((e) => e.t >= cutAt)).toEqual([]);
    expect(sim.leader()).toBe('S1');
    for (const n of sim.nodeStates) expect(n.currentTerm).toBe(term(sim, 'S1'));
  });
});
