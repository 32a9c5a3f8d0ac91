import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { Timeline } from '../sim/timeline.ts';
import { findScenario } from '../scenarios/index.ts';
import { markersOf, messagesBetween } from './history.ts';

const scenario = {
  version: 1,
  settings: { ...DEFAULT_SETTINGS, seed: 5 },
  actions: [
    { at: 600, type: 'write' as const, key: 'x', value: '1' },
    {
      at: 1000,
      type: 'partition' as const,
      groups: [
        ['S1', 'S2', 'S3'],
        ['S4', 'S5'],
      ],
    },
    { at: 2000, type: 'crashLeader' as const },
    { at: 3000, type: 'heal' as const },
  ],
};

describe('the stale-read mark', () => {
  it('marks the moment a stale read is answered, naming the server and both values', () => {
    const stale = findScenario('stale-read')!;
    const timeline = new Timeline(stale);
    timeline.advance(stale.until);
    const marks = markersOf(timeline.events).filter((m) => m.kind === 'staleRead');
    const answer = timeline.events.find((e) => e.type === 'readAnswer' && e.node === 'S1')!;
    expect(marks).toEqual([{ t: answer.t, kind: 'staleRead', label: 'stale read: S1 answered x=1 after x=2' }]);
    // The same run with ReadIndex has nothing to mark.
    const safe = new Timeline({ ...stale, settings: { ...stale.settings, readMode: 'readIndex' } });
    safe.advance(stale.until);
    expect(markersOf(safe.events).filter((m) => m.kind === 'staleRead')).toEqual([]);
  });
});

describe('run history for the timeline and the space-time diagram', () => {
  const timeline = new Timeline(scenario);
  timeline.advance(4000);
  const events = timeline.events;

  it('marks elections, leaders, the split, the crash, the heal and commits at their times', () => {
    const marks = markersOf(events);
    const kinds = new Set(marks.map((m) => m.kind));
    for (const k of ['election', 'leader', 'partition', 'crash', 'heal', 'commit'] as const) expect(kinds).toContain(k);
    expect(marks.find((m) => m.kind === 'partition')!.t).toBe(1000);
    expect(marks.find((m) => m.kind === 'heal')!.t).toBe(3000);
    expect(marks.every((m, i) => i === 0 || marks[i - 1]!.t <= m.t)).toBe(true);
  });

  it('gives each message in a window its sending time, its arrival or drop, and its look', () => {
    const msgs = messagesBetween(events, 1000, 1500, 100);
    expect(msgs.length).toBeGreaterThan(10);
    for (const m of msgs) {
      expect(m.sentAt).toBeLessThanOrEqual(1500);
      if (m.endAt !== null) expect(m.endAt).toBeGreaterThanOrEqual(m.sentAt);
    }
    // Messages across the split die there; the rest arrive.
    const across = msgs.filter((m) => ['S4', 'S5'].includes(m.to) !== ['S4', 'S5'].includes(m.from) && m.sentAt >= 1000);
    expect(across.length).toBeGreaterThan(0);
    expect(across.every((m) => m.dropped === 'partition')).toBe(true);
    expect(msgs.some((m) => m.kind === 'heartbeat')).toBe(true);
    expect(msgs.some((m) => m.kind === 'heartbeatReply')).toBe(true);
  });
});
