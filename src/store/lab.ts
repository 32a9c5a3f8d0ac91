import { createStore, type StoreApi } from 'zustand';
import type { Scenario } from '../sim/scenario.ts';
import { createSimActions } from './actions.ts';
import { createBrokenActions, initialBroken, type BrokenState } from './brokenStore.ts';
import { createCalloutActions, initialCallouts, type CalloutState } from './calloutStore.ts';
import { SimConnection, type LabClient } from './client.ts';
import { createExperimentActions, initialExperiment, type ExperimentState } from './experimentStore.ts';
import { createExplainActions, initialExplain, type ExplainState } from './explainStore.ts';
import { createLessonActions, initialLesson, type LessonState } from './lessonStore.ts';
import { createLive, type Live } from './live.ts';
import { Playback } from './playback.ts';
import { connectPresenterToDocument, createPresenterActions, initialPresenter, type PresenterState } from './presenter.ts';
import { createShareActions } from './share.ts';
import { FeedBuilder, initialSim, type SimState } from './simStore.ts';
import { createTravelActions, initialTravel, type TravelState } from './travelStore.ts';
import { createViewActions, initialView, type ViewState } from './viewStore.ts';

export type LabActions = ReturnType<typeof createSimActions> &
  ReturnType<typeof createTravelActions> &
  ReturnType<typeof createShareActions> &
  ReturnType<typeof createLessonActions> &
  ReturnType<typeof createBrokenActions> &
  ReturnType<typeof createCalloutActions> &
  ReturnType<typeof createExplainActions> &
  ReturnType<typeof createPresenterActions> &
  ReturnType<typeof createViewActions> &
  ReturnType<typeof createExperimentActions>;

/**
 * Everything the page knows, for one lab: the slices the views render from (each a zustand
 * store, so a component re-renders only for its slice), the animation values, the connection to
 * the simulation worker and the actions. Made by `createLabStore`, handed down by `<LabContext>`.
 */
export interface LabStore {
  readonly sim: StoreApi<SimState>;
  readonly travel: StoreApi<TravelState>;
  readonly lesson: StoreApi<LessonState>;
  readonly broken: StoreApi<BrokenState>;
  readonly callouts: StoreApi<CalloutState>;
  readonly explain: StoreApi<ExplainState>;
  readonly presenter: StoreApi<PresenterState>;
  readonly view: StoreApi<ViewState>;
  readonly experiment: StoreApi<ExperimentState>;
  /** What animations read every display frame, outside React. */
  readonly live: Live;
  readonly connection: SimConnection;
  readonly playback: Playback;
  readonly feedBuilder: FeedBuilder;
  readonly actions: LabActions;
  /** Start the worker on a scenario (the page does this once; tests whenever they like). */
  start(scenario: Scenario): void;
  /** Tie the lab to a browser page: the display loop, the presenter class, full screen. */
  attach(doc: Document): void;
  /** Stop the workers, the timers and the display loop. */
  dispose(): void;
}

type Building = { -readonly [K in keyof LabStore]: LabStore[K] };

/** A new lab, whose workers come from `client`. */
export function createLabStore(client: LabClient): LabStore {
  const detach: (() => void)[] = [];
  const lab = {
    sim: createStore<SimState>()(initialSim),
    travel: createStore<TravelState>()(initialTravel),
    lesson: createStore<LessonState>()(initialLesson),
    broken: createStore<BrokenState>()(initialBroken),
    callouts: createStore<CalloutState>()(initialCallouts),
    explain: createStore<ExplainState>()(initialExplain),
    presenter: createStore<PresenterState>()(initialPresenter),
    view: createStore<ViewState>()(initialView),
    experiment: createStore<ExperimentState>()(initialExperiment),
    live: createLive(),
    feedBuilder: new FeedBuilder(),
  } as Building;
  lab.connection = new SimConnection(client, lab);
  lab.playback = new Playback(lab);
  // Actions call each other through `lab.actions` at call time, so the order here is free.
  lab.actions = {
    ...createSimActions(lab),
    ...createTravelActions(lab),
    ...createShareActions(lab),
    ...createLessonActions(lab),
    ...createBrokenActions(lab),
    ...createCalloutActions(lab),
    ...createExplainActions(lab),
    ...createPresenterActions(lab),
    ...createViewActions(lab),
    ...createExperimentActions(lab, client),
  };
  lab.start = (scenario) => lab.connection.start(scenario);
  lab.attach = (doc) => {
    detach.push(connectPresenterToDocument(lab, doc));
    lab.playback.start();
    detach.push(() => lab.playback.stop());
  };
  lab.dispose = () => {
    for (const d of detach.splice(0)) d();
    lab.actions.cancelExperiment();
    lab.connection.dispose();
  };
  return lab;
}
