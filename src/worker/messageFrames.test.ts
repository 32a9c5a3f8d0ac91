import { describe, expect, it } from 'vitest';
import { SCENARIO_VERSION, type Scenario } from '../sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { wayAlong } from '../sim/messageActions.ts';
import { narrate } from '../narration/narrate.ts';
import { SimDriver } from './driver.ts';

// What the page is sent about a message a person holds: the ring draws it standing still where
// it was held, the space-time diagram bends its arrow flat there, and the feed gets the line.

const scenario: Scenario = {
  version: SCENARIO_VERSION,
  settings: { ...DEFAULT_SETTINGS, seed: 7 },
  actions: [{ at: 0, type: 'timeoutNow', node: 'S1' }],
};

describe('frames of held messages', () => {
  it('a held message stays in the frames where it was held, flat in the diagram, until released', () => {
    const driver = new SimDriver(scenario);
    driver.advanceTo(1000);
    driver.frame(450);
    // The next round of heartbeats, a moment after it leaves.
    let id = -1;
    while (id < 0) {
      driver.step();
      const f = [...driver.simulation.inFlight()].find((x) => x.message.rpc.type === 'AppendEntries' && x.sentAt === driver.now);
      if (f) id = f.message.id;
    }
    driver.advanceTo(driver.now + 3);
    const heldAt = driver.now;
    driver.act({ type: 'holdMessage', message: id });
    const first = driver.frame(450);
    expect(first.events.filter((e) => e.type === 'messageAction').map((e) => narrate(e).text)).toEqual([
      expect.stringMatching(/^You held S1's heartbeat to S\d: it waits where it is until released$/),
    ]);
    const shown = first.flights.find((f) => f.id === id)!;
    expect(shown).toMatchObject({ held: true, leg: { at: heldAt } });
    const p = wayAlong(shown, heldAt);
    driver.advanceTo(heldAt + 200);
    const later = driver.frame(450);
    const still = later.flights.find((f) => f.id === id)!;
    expect(still.held).toBe(true);
    expect(wayAlong(still, driver.now)).toBeCloseTo(p, 9);
    const arrow = later.spacetime!.messages.find((m) => m.id === id)!;
    expect(arrow).toMatchObject({ endAt: null, held: true, leg: { at: heldAt } });
    driver.act({ type: 'releaseMessage', message: id });
    const released = driver.frame(450).flights.find((f) => f.id === id)!;
    expect(released.held).toBe(false);
    expect(released.deliverAt).toBeGreaterThan(driver.now);
    driver.advanceTo(released.deliverAt + 1);
    expect(driver.frame(450).flights.find((f) => f.id === id)).toBeUndefined();
    // Back in time, before the release: held again, as recorded.
    driver.seek(heldAt + 100);
    expect(driver.frame(450).flights.find((f) => f.id === id)).toMatchObject({ held: true });
  });
});
