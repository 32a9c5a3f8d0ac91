import { describe, expect, it } from 'vitest';
import { SCENARIO_VERSION } from '../sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { SimDriver } from '../worker/driver.ts';
import { PROTOCOL_VERSION, type FromWorker, type ToWorker } from '../worker/protocol.ts';
import { serve } from '../worker/serve.ts';
import type { LabClient } from './client.ts';
import { frameProblem } from './frameShape.ts';
import { createLabStore } from './lab.ts';

const scenario = { version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] };

function realFrame(): unknown {
  const reply = serve(new SimDriver(scenario), { type: 'frame', v: PROTOCOL_VERSION, id: 1, until: 1000, verbose: true, spacetime: 500 });
  if (reply.type !== 'frame') throw new Error('no frame');
  return reply.frame;
}

/** A lab whose worker answers every request with `frame`: the right type and version, any content. */
function labAnswering(frame: unknown) {
  const inbox: (() => void)[] = [];
  const client: LabClient = {
    cores: 1,
    spawnSim: (on) => ({
      post: (m: ToWorker) => {
        if ('id' in m && m.type !== 'explain')
          inbox.push(() => on.message({ type: 'frame', v: PROTOCOL_VERSION, id: m.id, frame } as FromWorker));
      },
      terminate: () => {},
    }),
    spawnExperiment: () => ({ post: () => {}, terminate: () => {} }),
  };
  const lab = createLabStore(client);
  lab.start(scenario);
  lab.connection.requestFrame(100, false);
  for (const deliver of inbox.splice(0)) deliver();
  return lab;
}

describe('a frame from the worker, checked before the page keeps any of it', () => {
  it('passes a real frame', () => {
    expect(frameProblem(realFrame())).toBeNull();
  });

  it('names what is wrong with a malformed one', () => {
    const good = realFrame() as Record<string, unknown>;
    expect(frameProblem(null)).toBe('it holds no frame');
    expect(frameProblem({ ...good, nodes: 'not a list' })).toBe('its nodes is not a list');
    expect(frameProblem({ ...good, now: Number.NaN })).toBe('its now is not a number');
    expect(frameProblem({ ...good, flights: {} })).toBe('its flights is not a list');
    expect(frameProblem({ ...good, nodes: [{ id: 'S1' }] })).toBe('one of its servers is not a server');
    expect(frameProblem({ ...good, cut: 'S1' })).toBe('its cut is not a list');
  });

  it('stops the run with the failure banner and keeps the servers the display loop draws a list', () => {
    const lab = labAnswering({ ...(realFrame() as object), nodes: 'not a list' });
    expect(lab.sim.getState().status).toBe('failed');
    expect(lab.sim.getState().failure).toBe('The simulation sent a frame message the page cannot read (its nodes is not a list).');
    expect(Array.isArray(lab.live.nodes)).toBe(true);
    lab.dispose();
  });
});
