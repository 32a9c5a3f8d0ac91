import type { LabStore } from './lab.ts';
import { paceAt } from './pace.ts';
import { simRate } from './speed.ts';

const MAX_LEAD_REAL_MS = 50;

type FrameListener = (clock: number) => void;

/** The display loop: moves the shown clock with real time and asks the worker for frames as due. */
export class Playback {
  private readonly listeners = new Set<FrameListener>();
  private lastReal = 0;
  private dirty = true;
  private running = false;
  /** Where playing stops by itself (a clip's end), or Infinity. */
  private until = Infinity;

  constructor(private readonly lab: LabStore) {}

  /** Run `fn` on every display frame with the simulated time being shown. */
  onAnimationFrame(fn: FrameListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Clip recordings under way (views/clip): each moves the shown clock through a window itself. */
  private clips = 0;

  /**
   * A clip is being recorded: the moment shown is a replay of the clip's window, not where the
   * person is in the run, so nothing may pass it on (a teacher's followers, src/follow).
   */
  get recordingClip(): boolean {
    return this.clips > 0;
  }

  /** A clip recording starts; call the function returned when the page is back at its moment. */
  holdForClip(): () => void {
    this.clips++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.clips--;
    };
  }

  /** Something changed while paused (an action): fetch one fresh frame. */
  markDirty(): void {
    this.dirty = true;
  }

  /**
   * Play from the moment shown and stop exactly at simulated time `t` (a clip's end): the shown
   * clock never passes it, so the last picture is that moment whatever the pace. Pausing by hand,
   * or another call, replaces it.
   */
  playUntil(t: number): void {
    this.until = t;
    this.lab.sim.setState({ playing: true });
  }

  /** One display frame at real time `realNow` (ms). The browser loop calls it; tests may too. */
  frame(realNow: number): void {
    const { live, connection } = this.lab;
    const dt = Math.min(realNow - this.lastReal, 100);
    this.lastReal = realNow;
    const s = this.lab.sim.getState();
    if (s.playing && s.status === 'running') {
      // The pace only decides how fast the shown clock moves; the worker computes the same states.
      const pace = paceAt(live.clock, live.flights, live.validUntil, simRate(s.speed), s.fastForward);
      live.pace = pace.mode;
      const rate = pace.rate;
      // Never run more than ~3 display frames past the time the latest frame is known to be exact
      // for: if the worker falls behind, the picture slows down instead of drifting from the truth.
      const limit = Math.max(live.frameNow, live.validUntil) + Math.max(rate * MAX_LEAD_REAL_MS, 1);
      live.clock = Math.max(live.clock, Math.min(live.clock + dt * rate, limit));
      if (live.clock >= this.until) {
        live.clock = this.until;
        this.until = Infinity;
        this.dirty = true;
        this.lab.sim.setState({ playing: false });
      }
    } else {
      live.pace = 'chosen';
      // Paused (by hand, by a lesson goal): the end no longer applies. Still starting: it waits.
      if (!s.playing) this.until = Infinity;
    }
    // Ask for a frame only when the simulation has something to say: at slow speed most display
    // frames fall between two events, and the latest frame draws them exactly.
    const due = this.lab.sim.getState().playing && live.clock >= live.validUntil;
    if ((due || this.dirty) && connection.alive && connection.requestFrame(live.clock, s.verbose)) this.dirty = false;
    for (const fn of this.listeners) fn(live.clock);
  }

  /** Start the browser's display loop (once). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.lastReal = performance.now();
    const loop = (realNow: number) => {
      if (!this.running) return;
      this.frame(realNow);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  stop(): void {
    this.running = false;
  }
}
