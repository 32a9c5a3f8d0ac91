import { describe, expect, it } from 'vitest';
import { InProcessWorkers } from '../../test/support/labClient.ts';
import { scenarioFileText } from '../links/scenarioFile.ts';
import { MAX_EVENTS_PER_SECOND, rateRefusal } from '../sim/cost.ts';
import { SCENARIO_VERSION } from '../sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { Simulation } from '../sim/simulation.ts';
import { createLabStore } from './lab.ts';

// A settings change or an imported file starts a run at time 0: what can make it unusable is how
// many events a simulated second costs. Issue 13: such a run is refused with a message naming
// what to change, and the current run goes on.
const churn = { ...DEFAULT_SETTINGS, nodes: 9, heartbeat: 1, electionTimeout: [2, 3] as const };

function lab() {
  const workers = new InProcessWorkers();
  const page = createLabStore(workers);
  page.start({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] });
  workers.flush();
  return { page, workers };
}

describe('settings too busy to run live', () => {
  it('are measured too busy: the refused settings really record more than the limit', () => {
    let events = 0;
    const counting = new Simulation(churn, { onEvent: () => events++ });
    counting.runUntil(1000);
    expect(events).toBeGreaterThan(MAX_EVENTS_PER_SECOND);
    expect(rateRefusal(churn)).toMatch(/9 servers with a 1 ms heartbeat and 2-3 ms timeouts .* events per simulated second/);
    // Busy but fine: nine servers with a 10 ms heartbeat, and the defaults.
    expect(rateRefusal({ ...DEFAULT_SETTINGS, nodes: 9, heartbeat: 10, electionTimeout: [150, 300] })).toBeNull();
    expect(rateRefusal(DEFAULT_SETTINGS)).toBeNull();
  });

  it('are refused by the settings form, naming the heartbeat, and the run goes on', () => {
    const { page, workers } = lab();
    const run = page.sim.getState().run;
    expect(page.actions.applySettings(churn)).toBe(false);
    workers.flush();
    const s = page.sim.getState();
    expect(s.settingsError?.field).toBe('heartbeat');
    expect(s.settingsError?.message).toMatch(/Use a longer heartbeat, longer election timeouts or fewer servers/);
    expect(s.run).toBe(run);
    expect(s.settings).toEqual(DEFAULT_SETTINGS);
    expect(page.actions.applySettings({ ...churn, heartbeat: 50, electionTimeout: [150, 300] })).toBe(true);
    page.dispose();
  });

  it('are refused in an imported file, with the file named, and the run goes on', () => {
    const { page } = lab();
    const run = page.sim.getState().run;
    const text = scenarioFileText({ version: SCENARIO_VERSION, settings: churn, actions: [] }, 0);
    expect(page.actions.importFile(text, 'storm.json')).toBe(false);
    expect(page.travel.getState().problem).toMatchObject({ title: 'storm.json could not be imported.' });
    expect(page.travel.getState().problem?.message).toMatch(/about .* events per simulated second/);
    expect(page.sim.getState().run).toBe(run);
    page.dispose();
  });

  it('an imported file whose 10,000 writes arrive all at once is taken: the simulator keeps up with such a burst', () => {
    const { page } = lab();
    const run = page.sim.getState().run;
    const actions = Array.from({ length: 10_000 }, (_, i) => ({ at: 1500, type: 'write' as const, key: 'k', value: String(i % 10) }));
    expect(
      page.actions.importFile(scenarioFileText({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions }, 3000), 'burst.json'),
    ).toBe(true);
    expect(page.travel.getState().problem).toBeNull();
    expect(page.sim.getState().run).not.toBe(run);
    page.dispose();
  });
});
