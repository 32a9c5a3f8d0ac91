import { create } from 'zustand';
import type { Scenario } from '../sim/scenario.ts';
import type { Marker } from '../worker/history.ts';
import type { Frame, SpaceTimeWindow } from '../worker/protocol.ts';

/** Something the page could not open (a link, an imported file), said in plain words. */
export interface OpenProblem {
  readonly title: string;
  readonly message: string;
}

/** Time travel and sharing: what the timeline, the space-time diagram and the link controls show. */
export interface TravelState {
  /** The furthest simulated ms explored on this branch. */
  readonly horizon: number;
  /** The worker stands before the horizon: what is shown was explored before (an action here branches). */
  readonly inPast: boolean;
  readonly markers: readonly Marker[];
  /** The current branch's scenario: what "Copy link" and "Export" hold. */
  readonly scenario: Scenario | null;
  /** Set when an action in the past replaced the old future after this moment (a dismissable notice). */
  readonly branchedAt: number | null;
  readonly problem: OpenProblem | null;
  readonly window: SpaceTimeWindow | null;
  /** The message hovered in the diagram or on the ring: both highlight it. */
  readonly hovered: number | null;
  /** The span (simulated ms) of the space-time window while the diagram is shown; null when hidden. */
  readonly spacetimeSpan: number | null;
}

export const useTravel = create<TravelState>()(() => ({
  horizon: 0,
  inPast: false,
  markers: [],
  scenario: null,
  branchedAt: null,
  problem: null,
  window: null,
  hovered: null,
  spacetimeSpan: null,
}));

export const selectHorizon = (s: TravelState) => s.horizon;
export const selectInPast = (s: TravelState) => s.inPast;
export const selectMarkers = (s: TravelState) => s.markers;
export const selectWindow = (s: TravelState) => s.window;
export const selectHovered = (s: TravelState) => s.hovered;
export const selectBranchedAt = (s: TravelState) => s.branchedAt;
export const selectProblem = (s: TravelState) => s.problem;
export const selectRunScenario = (s: TravelState) => s.scenario;

export const hoverMessage = (id: number | null): void => {
  if (useTravel.getState().hovered !== id) useTravel.setState({ hovered: id });
};
export const dismissBranch = (): void => useTravel.setState({ branchedAt: null });
export const dismissProblem = (): void => useTravel.setState({ problem: null });
export const showProblem = (problem: OpenProblem): void => useTravel.setState({ problem });
export const setSpaceTimeSpan = (span: number | null): void => useTravel.setState({ spacetimeSpan: span });

/** Fold the time-travel parts of a worker frame into the store, touching only what changed. */
export function applyTravel(frame: Frame): void {
  const s = useTravel.getState();
  const patch: { -readonly [K in keyof TravelState]?: TravelState[K] } = {};
  if (frame.horizon !== s.horizon) patch.horizon = frame.horizon;
  if (frame.now < frame.horizon !== s.inPast) patch.inPast = frame.now < frame.horizon;
  if (frame.markers) patch.markers = frame.markers.reset ? frame.markers.items : [...s.markers, ...frame.markers.items];
  if (frame.scenario) patch.scenario = frame.scenario;
  if (frame.spacetime) patch.window = frame.spacetime;
  if (frame.branched) patch.branchedAt = frame.branched.at;
  if (Object.keys(patch).length > 0) useTravel.setState(patch);
}

/** A new run: nothing of the old timeline stays (a problem message stays until dismissed). */
export function resetTravel(): void {
  useTravel.setState({ horizon: 0, inPast: false, markers: [], scenario: null, branchedAt: null, window: null, hovered: null });
}
