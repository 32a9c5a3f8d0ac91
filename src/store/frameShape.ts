import type { Frame } from '../worker/protocol.ts';

/**
 * Why a frame from the worker cannot be shown, or null. The page's display loop reads the servers
 * and messages of the latest frame every display frame: a frame with, say, `nodes` that is not a
 * list would throw there, outside any handler, on every frame after, and stop the loop for good
 * (issue 13: a malformed frame must show the failure banner, not break the page). So the shape
 * of what the page iterates is checked before anything of the frame is stored. Cheap: a handful
 * of fields and at most nine servers; the messages in flight are checked by their list only.
 */
export function frameProblem(frame: unknown): string | null {
  if (typeof frame !== 'object' || frame === null) return 'it holds no frame';
  const f = frame as Record<keyof Frame, unknown>;
  for (const key of ['now', 'horizon', 'flightsSkipped', 'eventsSkipped', 'violations'] as const) {
    if (typeof f[key] !== 'number' || !Number.isFinite(f[key])) return `its ${key} is not a number`;
  }
  if (f.nextEventTime !== null && typeof f.nextEventTime !== 'number') return 'its nextEventTime is not a number';
  if (typeof f.feedReset !== 'boolean') return 'its feedReset is not true or false';
  for (const key of ['nodes', 'flights', 'logs', 'events', 'eventIds'] as const) {
    if (!Array.isArray(f[key])) return `its ${key} is not a list`;
  }
  for (const key of ['cut', 'moments'] as const) {
    if (f[key] !== null && !Array.isArray(f[key])) return `its ${key} is not a list`;
  }
  for (const key of ['markers', 'reach', 'firstBreaks', 'goal', 'scenario', 'spacetime', 'branched'] as const) {
    if (f[key] !== null && typeof f[key] !== 'object') return `its ${key} is not an object`;
  }
  if (f.reach !== null) {
    const reach = f.reach as Record<string, unknown>;
    if (!Array.isArray(reach.islands) || !Array.isArray(reach.cutOff)) return 'its reach is not lists of servers';
    for (const island of reach.islands as unknown[]) {
      if (typeof island !== 'object' || island === null || !Array.isArray((island as Record<string, unknown>).members)) {
        return 'one of its islands is not a list of servers';
      }
    }
  }
  const nodes = f.nodes as unknown[];
  if (nodes.length > 9) return `it has ${nodes.length} servers`;
  for (const n of nodes) {
    const node = n as Record<string, unknown> | null;
    if (typeof node !== 'object' || node === null || typeof node.id !== 'string' || typeof node.role !== 'string') {
      return 'one of its servers is not a server';
    }
    if (!Array.isArray(node.votesGranted) || !Array.isArray(node.votesDenied)) return `server ${node.id}'s votes are not lists`;
  }
  return null;
}
