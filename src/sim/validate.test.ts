import { describe, expect, it } from 'vitest';
import { parseScenario, parseSettings, ScenarioError } from './validate.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

// Untrusted scenario documents (files, links) are checked in one place; each refusal names the
// field at fault so the page can point at it.

function fieldOf(doc: unknown): string {
  try {
    parseScenario(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).field;
  }
  throw new Error(`accepted: ${JSON.stringify(doc)}`);
}

const ok = { version: 1, settings: { nodes: 3 }, actions: [{ at: 0, type: 'crash', node: 'S1' }] };

describe('parseScenario', () => {
  it('accepts a good document and fills in default settings', () => {
    const s = parseScenario(ok);
    expect(s.settings).toEqual({ ...DEFAULT_SETTINGS, nodes: 3 });
    expect(s.actions).toEqual([{ at: 0, type: 'crash', node: 'S1' }]);
  });

  it('accepts every action type', () => {
    const s = parseScenario({
      settings: { nodes: 3 },
      actions: [
        { at: 0, type: 'crash', node: 'S1' },
        { at: 1, type: 'restart', node: 'S1' },
        { at: 2, type: 'crashLeader' },
        { at: 3, type: 'timeoutNow', node: 'S2' },
        { at: 4, type: 'partition', groups: [['S1'], ['S2', 'S3']] },
        { at: 5, type: 'cut', from: 'S1', to: 'S2', oneWay: true },
        { at: 6, type: 'restore', from: 'S1', to: 'S2' },
        { at: 7, type: 'heal' },
        { at: 8, type: 'write', key: 'k', value: 'v', node: 'S3' },
        { at: 9, type: 'write', value: 'v' },
        { at: 10, type: 'transfer', to: 'S3' },
        { at: 10, type: 'dropMessage', message: 12 },
        { at: 11, type: 'holdMessage', message: 13 },
        { at: 12, type: 'releaseMessage', message: 13 },
        { at: 13, type: 'deliverMessage', message: 14 },
        { at: 14, type: 'delayMessage', message: 15, ms: 250 },
        { at: 15, type: 'duplicateMessage', message: 16 },
        { at: 16, type: 'read', key: 'k', node: 'S2' },
        { at: 17, type: 'read' },
        { at: 18, type: 'addServer' },
        { at: 19, type: 'removeServer', node: 'S4' },
        { at: 20, type: 'crash', node: 'S4' },
      ],
    });
    expect(s.actions).toHaveLength(22);
    expect(s.actions[20]).toEqual({ at: 19, type: 'removeServer', node: 'S4' });
    // A read without a key reads x, as a write without one writes it.
    expect(s.actions.slice(17, 19)).toEqual([
      { at: 16, type: 'read', key: 'k', node: 'S2' },
      { at: 17, type: 'read', key: 'x' },
    ]);
    expect(s.actions[10]).toEqual({ at: 10, type: 'transfer', to: 'S3' });
  });

  const bad: [string, unknown, string][] = [
    ['not an object', 42, 'scenario'],
    ['an array', [], 'scenario'],
    ['a version from the future', { ...ok, version: 99 }, 'version'],
    ['a non-numeric version', { ...ok, version: 'one' }, 'version'],
    ['settings not an object', { settings: 'fast' }, 'settings'],
    ['an unknown setting', { settings: { nodez: 3 } }, 'settings.nodez'],
    ['too many nodes', { settings: { nodes: 10 } }, 'settings.nodes'],
    ['zero nodes', { settings: { nodes: 0 } }, 'settings.nodes'],
    ['fractional nodes', { settings: { nodes: 2.5 } }, 'settings.nodes'],
    ['a negative seed', { settings: { seed: -1 } }, 'settings.seed'],
    ['a seed too large', { settings: { seed: 2 ** 32 } }, 'settings.seed'],
    ['loss above 1', { settings: { loss: 1.5 } }, 'settings.loss'],
    ['duplicate as text', { settings: { duplicate: '0.1' } }, 'settings.duplicate'],
    ['reorder not boolean', { settings: { reorder: 'yes' } }, 'settings.reorder'],
    ['preVote not boolean', { settings: { preVote: 1 } }, 'settings.preVote'],
    ['checkQuorum not boolean', { settings: { checkQuorum: null } }, 'settings.checkQuorum'],
    ['election timeout not a pair', { settings: { electionTimeout: [150] } }, 'settings.electionTimeout'],
    ['election timeout reversed', { settings: { electionTimeout: [300, 150] } }, 'settings.electionTimeout'],
    ['election timeout below the minimum', { settings: { electionTimeout: [0, 300] } }, 'settings.electionTimeout[0]'],
    ['NaN in latency', { settings: { latency: [5, Number.NaN] } }, 'settings.latency[1]'],
    ['heartbeat not shorter than the election timeout', { settings: { heartbeat: 150 } }, 'settings.heartbeat'],
    ['an unknown broken rule', { settings: { broken: ['voteThrice'] } }, 'settings.broken[0]'],
    ['broken not a list', { settings: { broken: 'voteTwice' } }, 'settings.broken'],
    ['actions not a list', { actions: {} }, 'actions'],
    ['an action not an object', { actions: [5] }, 'actions[0]'],
    ['an unknown action type', { actions: [{ at: 0, type: 'explode' }] }, 'actions[0].type'],
    ['an action without a time', { actions: [{ type: 'heal' }] }, 'actions[0].at'],
    ['a negative time', { actions: [{ at: -5, type: 'heal' }] }, 'actions[0].at'],
    ['a node outside the cluster', { settings: { nodes: 3 }, actions: [{ at: 0, type: 'crash', node: 'S4' }] }, 'actions[0].node'],
    ['a node name that is not a string', { actions: [{ at: 0, type: 'restart', node: 1 }] }, 'actions[0].node'],
    [
      'actions out of time order',
      {
        actions: [
          { at: 5, type: 'heal' },
          { at: 1, type: 'heal' },
        ],
      },
      'actions[1].at',
    ],
    ['a partition without groups', { actions: [{ at: 0, type: 'partition' }] }, 'actions[0].groups'],
    ['a partition group not a list', { actions: [{ at: 0, type: 'partition', groups: ['S1'] }] }, 'actions[0].groups[0]'],
    ['a node in two groups', { actions: [{ at: 0, type: 'partition', groups: [['S1'], ['S2', 'S1']] }] }, 'actions[0].groups[1][1]'],
    ['a cut from a node to itself', { actions: [{ at: 0, type: 'cut', from: 'S1', to: 'S1' }] }, 'actions[0].to'],
    ['a cut with a non-boolean oneWay', { actions: [{ at: 0, type: 'cut', from: 'S1', to: 'S2', oneWay: 'no' }] }, 'actions[0].oneWay'],
    ['a write without a value', { actions: [{ at: 0, type: 'write' }] }, 'actions[0].value'],
    ['a write with an overlong value', { actions: [{ at: 0, type: 'write', value: 'v'.repeat(65) }] }, 'actions[0].value'],
    ['a write with a numeric key', { actions: [{ at: 0, type: 'write', key: 7, value: 'v' }] }, 'actions[0].key'],
    ['a read with a numeric key', { actions: [{ at: 0, type: 'read', key: 7 }] }, 'actions[0].key'],
    ['a read with an overlong key', { actions: [{ at: 0, type: 'read', key: 'k'.repeat(33) }] }, 'actions[0].key'],
    ['a read from markup', { actions: [{ at: 0, type: 'read', node: '<img src=x onerror=alert(1)>' }] }, 'actions[0].node'],
    [
      'a read from a server outside the cluster',
      { settings: { nodes: 3 }, actions: [{ at: 0, type: 'read', node: 'S4' }] },
      'actions[0].node',
    ],
    ['a read carrying a value', { actions: [{ at: 0, type: 'read', key: 'x', value: '1' }] }, 'actions[0].value'],
    ['an unknown read mode', { settings: { readMode: 'fromFollowers' } }, 'settings.readMode'],
    ['a read mode that is not text', { settings: { readMode: 1 } }, 'settings.readMode'],
    ['a read mode named after Object.prototype', { settings: { readMode: 'toString' } }, 'settings.readMode'],
    ['a transfer without a target', { actions: [{ at: 0, type: 'transfer' }] }, 'actions[0].to'],
    [
      'a transfer to a server outside the cluster',
      { settings: { nodes: 3 }, actions: [{ at: 0, type: 'transfer', to: 'S4' }] },
      'actions[0].to',
    ],
    ['a transfer to markup', { actions: [{ at: 0, type: 'transfer', to: '<img src=x onerror=alert(1)>' }] }, 'actions[0].to'],
    ['a transfer naming its target as node', { actions: [{ at: 0, type: 'transfer', to: 'S2', node: 'S1' }] }, 'actions[0].node'],
    ['a name that is not text', { ...ok, name: 5 }, 'name'],
    ['an overlong description', { ...ok, description: 'd'.repeat(1001) }, 'description'],
    ['a negative until', { ...ok, until: -1 }, 'until'],
    ['an unknown top-level field', { ...ok, untill: 5000 }, 'untill'],
    ['an unknown field in an action', { actions: [{ at: 0, type: 'crash', node: 'S1', nod: 'S2' }] }, 'actions[0].nod'],
    ['a field of another action type', { actions: [{ at: 0, type: 'heal', node: 'S1' }] }, 'actions[0].node'],
    ['a write with a misspelt field', { actions: [{ at: 0, type: 'write', value: 'v', Key: 'k' }] }, 'actions[0].Key'],
    ['an until beyond one simulated day', { ...ok, until: 86_400_001 }, 'until'],
    ['an action beyond one simulated day', { actions: [{ at: 1e9, type: 'heal' }] }, 'actions[0].at'],
    ['a message action without a message', { actions: [{ at: 0, type: 'dropMessage' }] }, 'actions[0].message'],
    ['a message id of 0', { actions: [{ at: 0, type: 'holdMessage', message: 0 }] }, 'actions[0].message'],
    ['a negative message id', { actions: [{ at: 0, type: 'releaseMessage', message: -3 }] }, 'actions[0].message'],
    ['a fractional message id', { actions: [{ at: 0, type: 'deliverMessage', message: 1.5 }] }, 'actions[0].message'],
    ['a message id as text', { actions: [{ at: 0, type: 'duplicateMessage', message: '7' }] }, 'actions[0].message'],
    ['a huge message id', { actions: [{ at: 0, type: 'dropMessage', message: 1e300 }] }, 'actions[0].message'],
    ['an infinite message id', { actions: [{ at: 0, type: 'dropMessage', message: Infinity }] }, 'actions[0].message'],
    ['a message named by an object', { actions: [{ at: 0, type: 'dropMessage', message: { id: 3 } }] }, 'actions[0].message'],
    ['a delay without ms', { actions: [{ at: 0, type: 'delayMessage', message: 3 }] }, 'actions[0].ms'],
    ['a delay of 0 ms', { actions: [{ at: 0, type: 'delayMessage', message: 3, ms: 0 }] }, 'actions[0].ms'],
    ['a negative delay', { actions: [{ at: 0, type: 'delayMessage', message: 3, ms: -100 }] }, 'actions[0].ms'],
    ['a delay over a minute', { actions: [{ at: 0, type: 'delayMessage', message: 3, ms: 60_001 }] }, 'actions[0].ms'],
    ['a delay given as NaN', { actions: [{ at: 0, type: 'delayMessage', message: 3, ms: Number.NaN }] }, 'actions[0].ms'],
    ['a drop with a delay', { actions: [{ at: 0, type: 'dropMessage', message: 3, ms: 10 }] }, 'actions[0].ms'],
    ['a removal without a server', { actions: [{ at: 0, type: 'removeServer' }] }, 'actions[0].node'],
    [
      'a removal of a server never added',
      { settings: { nodes: 3 }, actions: [{ at: 0, type: 'removeServer', node: 'S4' }] },
      'actions[0].node',
    ],
    [
      'a server named before the addServer that would boot it',
      {
        settings: { nodes: 3 },
        actions: [
          { at: 0, type: 'crash', node: 'S4' },
          { at: 1, type: 'addServer' },
        ],
      },
      'actions[0].node',
    ],
    [
      'a tenth server, past the nine a cluster may have',
      {
        settings: { nodes: 9 },
        actions: [
          { at: 0, type: 'addServer' },
          { at: 1, type: 'removeServer', node: 'S10' },
        ],
      },
      'actions[1].node',
    ],
    ['a removal of markup', { actions: [{ at: 0, type: 'removeServer', node: '<script>' }] }, 'actions[0].node'],
    ['an addServer naming a server', { actions: [{ at: 0, type: 'addServer', node: 'S6' }] }, 'actions[0].node'],
    ['a message action naming a node', { actions: [{ at: 0, type: 'holdMessage', message: 3, node: 'S1' }] }, 'actions[0].node'],
    ['too many actions', { actions: Array.from({ length: 10_001 }, () => ({ at: 0, type: 'heal' })) }, 'actions'],
  ];

  for (const [name, doc, field] of bad) {
    it(`refuses ${name}, naming ${field}`, () => {
      expect(fieldOf(doc)).toBe(field);
    });
  }

  it('the error message starts with the field, for the page to show', () => {
    try {
      parseSettings({ loss: 2 });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as Error).message).toMatch(/^settings\.loss: /);
    }
  });
});
