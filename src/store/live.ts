import type { FlightFrame, NodeFrame } from '../worker/protocol.ts';
import type { PaceMode } from './pace.ts';

/**
 * What animations read every display frame, outside React and the store: the render clock and
 * the latest frame's fast-changing parts. Writing here re-renders nothing.
 */
export interface Live {
  /** The simulated time being shown, in ms; runs smoothly between worker frames. */
  clock: number;
  /** The simulated time of the latest worker frame. */
  frameNow: number;
  /**
   * Until when the latest frame stays exact: its next event's time. Before it nothing happens in
   * the simulation, so the page needs no new frame to draw any time up to it.
   */
  validUntil: number;
  nodes: readonly NodeFrame[];
  flights: readonly FlightFrame[];
  /** How the shown clock is running right now (fast-forward is marked on screen). */
  pace: PaceMode;
  /** Bumped on every new run, so animations drop what they drew for the last one. */
  run: number;
}

/** A fresh set of animation values, for one lab. */
export function createLive(): Live {
  return { clock: 0, frameNow: 0, validUntil: 0, nodes: [], flights: [], pace: 'chosen', run: 0 };
}

export function resetLive(live: Live): void {
  live.clock = 0;
  live.frameNow = 0;
  live.validUntil = 0;
  live.nodes = [];
  live.flights = [];
  live.pace = 'chosen';
  live.run++;
}
