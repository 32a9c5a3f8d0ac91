import { useStore, type StoreApi } from 'zustand';
import type { Scenario } from '../sim/scenario.ts';
import { onGrid } from '../engine/time.ts';
import { MAX_MARKERS, type Marker } from '../worker/protocol.ts';
import type { Frame, MessageKind, SpaceTimeWindow } from '../worker/protocol.ts';
import { useLab } from './context.ts';
import type { LabStore } from './lab.ts';

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
  /** The newest MAX_MARKERS marks of the run. */
  readonly markers: readonly Marker[];
  /** Earlier marks of the run not kept (the timeline says so). */
  readonly markersSkipped: number;
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
  /** Whether the diagram is on screen: scrolled out of sight, its window is sent less often. */
  readonly spacetimeInView: boolean;
  /** The message in flight chosen on the ring or in the diagram: its menu is open. */
  readonly chosenMessage: ChosenMessage | null;
}

/** A message chosen to act on, and where its menu goes (page coordinates of the choice). */
export interface ChosenMessage {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly kind: MessageKind;
  readonly held: boolean;
  readonly x: number;
  readonly y: number;
  /** Chosen with the keyboard: the menu takes the focus, and gives it back to `returnTo` on closing. */
  readonly byKey: boolean;
  readonly returnTo: HTMLElement | SVGElement | null;
}

export const initialTravel = (): TravelState => ({
  horizon: 0,
  inPast: false,
  markers: [],
  markersSkipped: 0,
  scenario: null,
  branchedAt: null,
  problem: null,
  window: null,
  hovered: null,
  spacetimeSpan: null,
  spacetimeInView: true,
  chosenMessage: null,
});

export function useTravel<T>(selector: (s: TravelState) => T): T {
  return useStore(useLab().travel, selector);
}

export const selectHorizon = (s: TravelState) => s.horizon;
export const selectInPast = (s: TravelState) => s.inPast;
export const selectMarkers = (s: TravelState) => s.markers;
export const selectWindow = (s: TravelState) => s.window;
export const selectHovered = (s: TravelState) => s.hovered;
export const selectBranchedAt = (s: TravelState) => s.branchedAt;
export const selectProblem = (s: TravelState) => s.problem;
export const selectRunScenario = (s: TravelState) => s.scenario;
export const selectChosenMessage = (s: TravelState) => s.chosenMessage;

export function createTravelActions(lab: LabStore) {
  const { travel } = lab;
  const pause = (): void => lab.sim.setState({ playing: false });
  return {
    hoverMessage(id: number | null): void {
      if (travel.getState().hovered !== id) travel.setState({ hovered: id });
    },
    /** Open (or, with null, close) the menu of a message in flight. Choosing pauses nothing. */
    chooseMessage: (chosen: ChosenMessage | null): void => travel.setState({ chosenMessage: chosen }),
    dismissBranch: (): void => travel.setState({ branchedAt: null }),
    dismissProblem: (): void => travel.setState({ problem: null }),
    showProblem: (problem: OpenProblem): void => travel.setState({ problem }),
    setSpaceTimeSpan: (span: number | null): void => travel.setState({ spacetimeSpan: span }),
    setSpaceTimeInView: (inView: boolean): void => travel.setState({ spacetimeInView: inView }),

    // Time travel as the views ask for it. Travelling pauses playback: a person scrubbing wants to
    // look at a moment, not have it run away; Play goes on from wherever they stopped.
    seekTo(t: number): void {
      pause();
      lab.connection.requestSeek(onGrid(Math.max(0, t)));
    },
    stepBackOnce(): void {
      pause();
      lab.connection.requestStepBack();
    },
    stepForwardOnce(): void {
      pause();
      lab.connection.requestStep();
    },
  };
}

/** Fold the time-travel parts of a worker frame into the store, touching only what changed. */
export function applyTravel(travel: StoreApi<TravelState>, frame: Frame): void {
  const s = travel.getState();
  const patch: { -readonly [K in keyof TravelState]?: TravelState[K] } = {};
  if (frame.horizon !== s.horizon) patch.horizon = frame.horizon;
  if (frame.now < frame.horizon !== s.inPast) patch.inPast = frame.now < frame.horizon;
  if (frame.markers) {
    const { reset, items, skipped } = frame.markers;
    const all = reset ? items : [...s.markers, ...items];
    patch.markers = all.length > MAX_MARKERS ? all.slice(all.length - MAX_MARKERS) : all;
    if (skipped !== s.markersSkipped) patch.markersSkipped = skipped;
  }
  if (frame.scenario) patch.scenario = frame.scenario;
  if (frame.spacetime) patch.window = frame.spacetime;
  if (frame.branched) patch.branchedAt = frame.branched.at;
  if (Object.keys(patch).length > 0) travel.setState(patch);
}

/** A new run: nothing of the old timeline stays (a problem message stays until dismissed). */
export function resetTravel(travel: StoreApi<TravelState>): void {
  travel.setState({
    horizon: 0,
    inPast: false,
    markers: [],
    markersSkipped: 0,
    scenario: null,
    branchedAt: null,
    window: null,
    hovered: null,
    chosenMessage: null,
  });
}
