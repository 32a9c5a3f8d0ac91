import { createStore, type StoreApi } from 'zustand';
import { onGrid } from '../engine/time.ts';
import { decodeLink, encodeLink, LinkError, type LinkState } from '../links/codec.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { LabStore } from '../store/lab.ts';
import { clampSpeed, simRate } from '../store/speed.ts';
import type { FollowState, FromRelay, RelayErrorCode } from './protocol.ts';
import { RelaySocket, V, type SocketStatus } from './socket.ts';

export interface FollowView {
  readonly role: 'teacher' | 'student';
  readonly relay: string;
  readonly status: SocketStatus;
  /** The teacher's session code, once there is one. */
  readonly session: string | null;
  readonly followers: number;
  /** A student exploring on their own: the teacher's states are kept, not applied. */
  readonly steppedOut: boolean;
  /** A student has had at least one state from the teacher. */
  readonly synced: boolean;
  readonly problem: string | null;
}

export interface Follow {
  readonly view: StoreApi<FollowView>;
  /** Teacher: start a session on the relay (or take back the one this tab had). */
  startSession(): void;
  endSession(): void;
  /** Student: explore on their own, and come back to the teacher's run. */
  stepOut(): void;
  rejoin(): void;
  dispose(): void;
}

/** While playing, the teacher's moment is sent this often, so followers stay within a second. */
const PLAYING_EVERY_MS = 400;
const CHECK_EVERY_MS = 150;
/** A student's clock may be this much real time off the teacher's before it is corrected. */
const TOLERANCE_REAL_MS = 300;
const SAVED_KEY = 'raft-lab-follow-session';

const problemFor = (code: RelayErrorCode, message: string): string =>
  code === 'unknown-session' ? 'No session with this code is running on the relay: ask for a new link.' : message;

/** A run's identity, to tell "the same run at another moment" from "another run". */
const scenarioKey = (s: Scenario): string => JSON.stringify({ settings: s.settings, actions: s.actions });

function readSaved(relay: string): { session: string; secret: string } | null {
  try {
    const raw = JSON.parse(sessionStorage.getItem(SAVED_KEY) ?? 'null') as unknown;
    if (typeof raw !== 'object' || raw === null) return null;
    const r = raw as Record<string, unknown>;
    return r.relay === relay && typeof r.session === 'string' && typeof r.secret === 'string'
      ? { session: r.session, secret: r.secret }
      : null;
  } catch {
    return null;
  }
}
function writeSaved(value: { relay: string; session: string; secret: string } | null): void {
  try {
    if (value) sessionStorage.setItem(SAVED_KEY, JSON.stringify(value));
    else sessionStorage.removeItem(SAVED_KEY);
  } catch {
    // No storage (private mode, a sandbox): a reload then starts a new session.
  }
}

/**
 * The teacher's side: publish what is on screen (the run as a link, the moment, playing, speed,
 * lesson step) whenever it changes, and the moment regularly while playing. Never cluster state.
 */
export function createTeacher(lab: LabStore, relay: string): Follow {
  const view = createStore<FollowView>()(() => ({
    role: 'teacher',
    relay,
    status: 'closed',
    session: null,
    followers: 0,
    steppedOut: false,
    synced: false,
    problem: null,
  }));
  let socket: RelaySocket | null = null;
  let credentials: { session: string; secret: string } | null = readSaved(relay);
  let seq = 0;
  let last: { key: string; moment: number; at: number; playing: boolean; speed: number } | null = null;
  /** A clip was being recorded on this page at the last check (its replay is not published). */
  let clipping = false;
  let encoding = false;
  let timer: ReturnType<typeof setInterval> | null = null;

  const onMessage = (msg: FromRelay): void => {
    switch (msg.type) {
      case 'hosted':
        credentials = { session: msg.session, secret: msg.secret };
        writeSaved({ relay, ...credentials });
        view.setState({ session: msg.session, problem: null });
        last = null; // a fresh connection gets the current state at once
        return;
      case 'audience':
        view.setState({ followers: msg.followers });
        return;
      case 'error':
        if (msg.code === 'unknown-session' || (msg.code === 'forbidden' && !view.getState().session)) {
          // The saved session has ended: start a new one.
          credentials = null;
          writeSaved(null);
          socket?.send({ v: V, type: 'host' });
          return;
        }
        view.setState({ problem: problemFor(msg.code, msg.message) });
        return;
      default:
        return;
    }
  };

  async function publish(): Promise<void> {
    const session = view.getState().session;
    const scenario = lab.travel.getState().scenario;
    if (!socket?.open || !session || !credentials || !scenario || encoding) return;
    // Exporting a clip replays a window of the run on this page: that is not where the class is.
    // Nothing is sent meanwhile, so the students stay at the teacher's moment (playing on if it was).
    if (lab.playback.recordingClip) {
      clipping = true;
      return;
    }
    if (clipping) {
      clipping = false;
      // Back from the clip, a playing teacher goes on from where the students' pages have got to.
      if (last?.playing && lab.sim.getState().playing) {
        lab.actions.seekTo(last.moment + (performance.now() - last.at) * simRate(clampSpeed(last.speed)));
        lab.actions.play();
      }
    }
    const { playing, speed } = lab.sim.getState();
    const { lessonId, step } = lab.lesson.getState();
    const moment = onGrid(Math.max(0, lab.live.clock));
    const key = `${scenarioKey(scenario)}|${playing}|${speed}|${lessonId}:${step}`;
    const now = performance.now();
    const due = !last || last.key !== key || (playing ? now - last.at >= PLAYING_EVERY_MS : moment !== last.moment);
    if (!due) return;
    encoding = true;
    try {
      const run = await encodeLink({ scenario, time: moment, playing });
      const state: FollowState = { seq: ++seq, run, speed, lesson: lessonId === null ? null : { id: lessonId, step } };
      socket.send({ v: V, type: 'publish', session, secret: credentials.secret, state });
      last = { key, moment, at: now, playing, speed };
    } finally {
      encoding = false;
    }
  }

  return {
    view,
    startSession() {
      if (socket) return;
      socket = new RelaySocket(relay, {
        onOpen: () => socket?.send(credentials ? { v: V, type: 'host', ...credentials } : { v: V, type: 'host' }),
        onMessage,
        onStatus: (status) => view.setState({ status }),
      });
      timer = setInterval(() => void publish(), CHECK_EVERY_MS);
    },
    endSession() {
      if (timer) clearInterval(timer);
      timer = null;
      socket?.close();
      socket = null;
      credentials = null;
      writeSaved(null);
      view.setState({ session: null, followers: 0, status: 'closed' });
    },
    stepOut() {},
    rejoin() {},
    dispose() {
      if (timer) clearInterval(timer);
      socket?.close();
    },
  };
}

/**
 * A student's side: open the teacher's run and keep to its moment, its playing or paused, its
 * speed and lesson step. The page computes the cluster itself: the run is deterministic.
 */
export function createStudent(lab: LabStore, relay: string, code: string): Follow {
  const view = createStore<FollowView>()(() => ({
    role: 'student',
    relay,
    status: 'closed',
    session: code,
    followers: 0,
    steppedOut: false,
    synced: false,
    problem: null,
  }));
  let latest: { state: FollowState; link: LinkState; at: number } | null = null;
  let loadedKey: string | null = null;
  let lastSeq = -1;

  /** Where the teacher is now: the moment sent, plus what has played since it arrived. */
  const teacherMoment = (): number => {
    if (!latest) return 0;
    const { link, at, state } = latest;
    return link.playing ? link.time + (performance.now() - at) * simRate(clampSpeed(state.speed)) : link.time;
  };

  function apply(force: boolean): void {
    if (!latest || view.getState().steppedOut) return;
    const { state, link } = latest;
    const lesson = lab.lesson.getState();
    let reload = force;
    if (state.lesson && (lesson.lessonId !== state.lesson.id || lesson.step !== state.lesson.step)) {
      lab.actions.goToStep(state.lesson.id, state.lesson.step, true);
      reload = true;
    } else if (!state.lesson && lesson.lessonId !== null) {
      lab.actions.exitLesson();
    }
    const speed = clampSpeed(state.speed);
    if (lab.sim.getState().speed !== speed) lab.sim.setState({ speed });
    const key = scenarioKey(link.scenario);
    const target = onGrid(teacherMoment());
    if (reload || key !== loadedKey) {
      loadedKey = key;
      lab.actions.openRun(link.scenario, target, link.playing);
      sample = null;
      return;
    }
    if (lab.sim.getState().playing !== link.playing) lab.sim.setState({ playing: link.playing });
    keepInStep();
  }

  /** The student's own clock a moment ago: how fast it runs now (pacing fast-forwards quiet moments). */
  let sample: { real: number; clock: number } | null = null;

  /**
   * Correct the clock only when it is noticeably off, by more than about TOLERANCE_REAL_MS of
   * what is on screen: both pages play the same run at the same pace, so it rarely is.
   */
  function keepInStep(): void {
    if (!latest || view.getState().steppedOut || loadedKey === null) return;
    const target = teacherMoment();
    const now = performance.now();
    const clock = lab.live.clock;
    // Paused, the student shows the teacher's very moment (to the microsecond the link carries).
    let tolerance = 0.0005;
    if (latest.link.playing) {
      const observed = sample && now > sample.real ? Math.max(0, clock - sample.clock) / (now - sample.real) : 0;
      tolerance = TOLERANCE_REAL_MS * Math.max(simRate(clampSpeed(latest.state.speed)), observed);
    }
    sample = { real: now, clock };
    if (Math.abs(clock - target) > tolerance) lab.connection.requestSeek(onGrid(target));
  }

  async function onState(state: FollowState): Promise<void> {
    if (state.seq <= lastSeq) return;
    lastSeq = state.seq;
    const at = performance.now();
    try {
      const link = await decodeLink(state.run);
      if (state.seq !== lastSeq) return; // a newer one arrived while this one was read
      latest = { state, link, at };
      view.setState({ synced: true, problem: null });
      apply(false);
    } catch (error) {
      const message = error instanceof LinkError ? error.message : 'It could not be read.';
      view.setState({ problem: `The teacher's run could not be opened here: ${message}` });
    }
  }

  const socket = new RelaySocket(relay, {
    onOpen: () => socket.send({ v: V, type: 'follow', session: code }),
    onMessage: (msg) => {
      if (msg.type === 'state') void onState(msg.state);
      else if (msg.type === 'error') view.setState({ problem: problemFor(msg.code, msg.message) });
    },
    onStatus: (status) => view.setState({ status }),
  });

  return {
    view,
    startSession() {},
    endSession() {},
    stepOut() {
      view.setState({ steppedOut: true });
    },
    rejoin() {
      view.setState({ steppedOut: false });
      apply(true);
    },
    dispose() {
      socket.close();
    },
  };
}
