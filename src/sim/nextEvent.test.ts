import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './settings.ts';
import { Simulation } from './simulation.ts';

describe('the next live event', () => {
  it('skips timers superseded by a reset: nothing happens before it, something happens at it', () => {
    const events: string[] = [];
    const sim = new Simulation({ ...DEFAULT_SETTINGS, seed: 3 }, { onEvent: (e) => events.push(e.type) });
    sim.runUntil(2000);
    let skipped = 0;
    for (let i = 0; i < 200; i++) {
      const live = sim.nextLiveEventTime();
      const any = sim.nextEventTime();
      expect(live).not.toBeNull();
      expect(any!).toBeLessThanOrEqual(live!);
      if (any! < live!) skipped++;
      const before = JSON.stringify(sim.finalState());
      const seen = events.length;
      sim.runUntil((live! + sim.now) / 2);
      // Only stale timers fell due: the cluster is exactly as it was.
      expect(JSON.stringify(sim.finalState())).toBe(before);
      expect(events.length).toBe(seen);
      sim.runUntil(live!);
      expect(events.length).toBeGreaterThan(seen);
    }
    // Followers' timers are reset by every heartbeat, so stale ones are common in a stable cluster.
    expect(skipped).toBeGreaterThan(0);
  });
});
