import { onGrid } from '../../engine/time.ts';
import type { LabStore } from '../../store/lab.ts';
import { currentStep, selectLesson } from '../../store/lessonStore.ts';
import { simRate } from '../../store/speed.ts';
import { drawMessages, drawTimers, type ResetMemory } from '../ring/drawRing.ts';
import type { RingGeometry } from '../ring/geometry.ts';
import { VIEW_H, VIEW_W, type Point } from '../ring/layout.ts';
import { placeMessage } from '../ring/messagePlacement.ts';
import { drawHalo } from '../spacetime/drawHalo.ts';
import { momentAfter, nextSlot } from './clipSchedule.ts';
import type { ClipSize, ClipWindow } from './clipWindow.ts';
import { serializeSvg, svgImage } from './snapshotSvg.ts';

/** The stage on the page the clip is drawn from. */
export interface ClipStage {
  /** The ring's SVG (servers, links, log strips, split captions). */
  readonly svg: SVGSVGElement;
  /** The stage box the callouts are placed in. */
  readonly stage: HTMLElement;
  readonly geometry: RingGeometry;
  /** Reduced motion asked for: messages and timers are drawn as on the page. */
  readonly reduced: boolean;
}

export interface ClipRequest {
  readonly window: ClipWindow;
  readonly size: ClipSize;
  /** A type MediaRecorder said it can record (clipWindow.pickClipType). */
  readonly mimeType: string;
}

export type ClipPhase = 'seeking' | 'recording' | 'finishing';

export interface ClipProgress {
  readonly phase: ClipPhase;
  /** The simulated time reached, ms. */
  readonly reached: number;
}

export interface ClipResult {
  readonly blob: Blob;
  /** The clip's length, ms: from its first picture (the window's start) to its last (the window's end). */
  readonly realMs: number;
  /** Pictures drawn, each captured at its slot of real time (at most FPS a second). */
  readonly frames: number;
  /** Mean real ms to draw one, from reading the page to the picture on the canvas. */
  readonly drawMs: number;
}

export interface ClipRecording {
  /** The clip, or an Error saying in plain words why there is none; rejects with `ClipCancelled` after cancel(). */
  readonly done: Promise<ClipResult>;
  cancel(): void;
}

export class ClipCancelled extends Error {
  constructor() {
    super('The clip was cancelled.');
  }
}

const FPS = 30;
const FRAME_MS = 1000 / FPS;
/** The frame is laid out on a 720-line grid and scaled, so both sizes look the same. */
const GRID_H = 720;
const HEADER = 56;
const CAPTION = 84;
const PAD = 16;

/** What the clip says above and below the cluster. */
interface Words {
  readonly title: string;
  readonly caption: { readonly heading: string; readonly text: string } | null;
}

function wordsOf(lab: LabStore): Words {
  const lesson = lab.lesson.getState();
  const l = selectLesson(lesson);
  const step = currentStep(lesson);
  if (!l || !step) return { title: 'Raft Election Lab', caption: null };
  return {
    title: `${l.title} · step ${lesson.step + 1} of ${l.steps.length}`,
    caption: { heading: step.title, text: step.task?.prompt ?? '' },
  };
}

/** Text broken into lines no wider than `width`, at most `max` lines (the last one ends in …). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line === '' ? word : `${line} ${word}`;
    if (ctx.measureText(next).width <= width || line === '') line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = `${kept[max - 1]!} …`;
  return kept;
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

/** A callout as drawn on the page, in the ring's own coordinates (viewBox units). */
interface CalloutBox {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly border: string;
  readonly background: string;
  readonly color: string;
  readonly weight: string;
  /** Font size in viewBox units. */
  readonly size: number;
}

/** The callouts on screen now (those placed, not hidden for want of room), mapped into the ring's coordinates. */
function readCallouts(stage: HTMLElement, svg: SVGSVGElement): CalloutBox[] {
  const r = svg.getBoundingClientRect();
  const s = Math.min(r.width / VIEW_W, r.height / VIEW_H);
  if (!(s > 0)) return [];
  const ox = r.left + (r.width - VIEW_W * s) / 2;
  const oy = r.top + (r.height - VIEW_H * s) / 2;
  const out: CalloutBox[] = [];
  for (const el of stage.querySelectorAll<HTMLElement>('.callouts .callout')) {
    if (el.dataset.hidden === 'true') continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none') continue;
    const b = el.getBoundingClientRect();
    out.push({
      text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      x: (b.left - ox) / s,
      y: (b.top - oy) / s,
      w: b.width / s,
      h: b.height / s,
      border: cs.borderLeftColor,
      background: cs.backgroundColor,
      color: cs.color,
      weight: cs.fontWeight,
      size: parseFloat(cs.fontSize) / s,
    });
  }
  return out;
}

/** `c` moved, if need be, so that it lies within the frame (its coordinates are the ring's). */
function inside(c: CalloutBox, ring: { x: number; y: number }, scale: number, size: ClipSize): CalloutBox {
  const minX = -ring.x / scale + 4;
  const maxX = (size.width - ring.x) / scale - c.w - 4;
  const minY = -ring.y / scale + 4;
  const maxY = (size.height - ring.y) / scale - c.h - 4;
  return { ...c, x: Math.max(minX, Math.min(c.x, maxX)), y: Math.max(minY, Math.min(c.y, maxY)) };
}

function drawCallouts(ctx: CanvasRenderingContext2D, boxes: readonly CalloutBox[], font: string): void {
  for (const c of boxes) {
    ctx.save();
    ctx.shadowColor = 'rgb(31 36 48 / 0.18)';
    ctx.shadowBlur = 12;
    ctx.shadowOffsetY = 4;
    ctx.fillStyle = c.background;
    roundRect(ctx, c.x, c.y, c.w, c.h, 10);
    ctx.fill();
    ctx.restore();
    ctx.save();
    roundRect(ctx, c.x, c.y, c.w, c.h, 10);
    ctx.clip();
    ctx.lineWidth = 4;
    ctx.strokeStyle = c.border;
    ctx.stroke();
    ctx.fillStyle = c.border;
    ctx.fillRect(c.x, c.y, 6, c.h);
    ctx.restore();
    ctx.fillStyle = c.color;
    ctx.font = `${c.weight} ${c.size}px ${font}`;
    ctx.textBaseline = 'top';
    const lineH = c.size * 1.3;
    const lines = wrap(ctx, c.text, c.w - 22, 3);
    const top = c.y + (c.h - lines.length * lineH) / 2 + (lineH - c.size) / 2;
    lines.forEach((line, i) => ctx.fillText(line, c.x + 14, top + i * lineH));
  }
}

/**
 * Record the window `request.window` of the run as a video: seek to its start, then take its
 * pictures on a grid of real time (clipSchedule.ts), each showing the moment the run reaches at
 * that instant at the current speed and pace: the page is moved to that moment, the worker's
 * answer awaited, the stage drawn into a canvas of the chosen size and captured frame by frame
 * (captureStream(0) and requestFrame). So the clip lasts what the window takes on screen, and each
 * picture is the run at its moment, however long drawing takes. The run is deterministic: the
 * replay shows the very states of the first showing. While recording, the page's clock is the
 * clip's (Playback.recordingClip: a followed teacher publishes nothing); afterwards the page goes
 * back to the moment it showed, playing or not as it was.
 */
export function recordClip(lab: LabStore, stage: ClipStage, request: ClipRequest, onProgress: (p: ClipProgress) => void): ClipRecording {
  const { window: win, size, mimeType } = request;
  const before = { t: lab.live.clock, playing: lab.sim.getState().playing, run: lab.sim.getState().run };
  const release = lab.playback.holdForClip();
  const unit = size.height / GRID_H;
  // What the recorder captures, and two pictures being drawn: one waits for its slot while the next is drawn.
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const out = canvas.getContext('2d');
  const buffers = [0, 1].map(() => {
    const c = document.createElement('canvas');
    c.width = size.width;
    c.height = size.height;
    return { canvas: c, ctx: c.getContext('2d'), captured: Promise.resolve() };
  });
  // The ring's own layer (messages, timers), drawn at the clip's resolution, not copied from the screen.
  const layer = document.createElement('canvas');
  const layerCtx = layer.getContext('2d');
  const memory: ResetMemory = new Map();
  const words = wordsOf(lab);
  const page = getComputedStyle(stage.stage);
  const font = page.fontFamily || 'system-ui, sans-serif';
  const ink = page.color || '#1f2430';
  const card = getComputedStyle(stage.stage.closest('.card') ?? stage.stage);
  const background = card.backgroundColor && card.backgroundColor !== 'rgba(0, 0, 0, 0)' ? card.backgroundColor : '#ffffff';

  // Where the ring goes: the space between the header and the caption, at the viewBox's aspect.
  const top = HEADER * unit;
  const bottom = size.height - (words.caption ? CAPTION : PAD) * unit;
  const room = { w: size.width - 2 * PAD * unit, h: bottom - top };
  const ringScale = Math.min(room.w / VIEW_W, room.h / VIEW_H);
  const ring = {
    w: Math.round(VIEW_W * ringScale),
    h: Math.round(VIEW_H * ringScale),
    x: Math.round((size.width - VIEW_W * ringScale) / 2),
    y: Math.round(top + (room.h - VIEW_H * ringScale) / 2),
  };
  layer.width = ring.w;
  layer.height = ring.h;

  let cancelled = false;
  let recorder: MediaRecorder | null = null;
  let frames = 0;
  let drawing = 0;

  const pos = (id: string): Point | null => {
    const p = stage.geometry.peekPosition(id);
    return p ? { x: p.x.get(), y: p.y.get() } : null;
  };

  /** Draw the stage as it is now into `ctx`. The slow part (decoding the SVG) is awaited; everything else is read at once. */
  async function drawFrame(ctx: CanvasRenderingContext2D): Promise<void> {
    if (!layerCtx) return;
    const began = performance.now();
    const t = lab.live.clock;
    const text = serializeSvg(stage.svg, ring.w, ring.h);
    const callouts = readCallouts(stage.stage, stage.svg);
    layerCtx.setTransform(1, 0, 0, 1, 0, 0);
    layerCtx.clearRect(0, 0, ring.w, ring.h);
    layerCtx.setTransform(ringScale, 0, 0, ringScale, 0, 0);
    const { live } = lab;
    const cutList = lab.sim.getState().cut;
    const cut = cutList.length > 0 ? new Set(cutList.map(([a, b]) => `${a}>${b}`)) : null;
    drawTimers(layerCtx, live.nodes, pos, t, memory, performance.now(), !stage.reduced);
    const servers = live.nodes.flatMap((x) => {
      const at = pos(x.id);
      return at ? [{ x: at.x, y: at.y, candidate: x.alive && x.role === 'candidate' }] : [];
    });
    drawMessages(layerCtx, live.flights, pos, t, cut, stage.geometry.partitionGap.x, stage.reduced, servers);
    // The message highlighted on the page (hovered in the diagram or on the ring), ringed as there.
    const hovered = lab.travel.getState().hovered;
    const flight = hovered === null ? undefined : live.flights.find((f) => f.id === hovered);
    const a = flight ? pos(flight.from) : null;
    const b = flight ? pos(flight.to) : null;
    const halo =
      flight && a && b
        ? placeMessage(flight, t, a, b, cut?.has(`${flight.from}>${flight.to}`) ?? false, stage.geometry.partitionGap.x, stage.reduced)
        : null;
    if (halo) drawHalo(layerCtx, halo);
    const image = await svgImage(text);

    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, size.width, size.height);
    ctx.drawImage(image, ring.x, ring.y, ring.w, ring.h);
    ctx.drawImage(layer, ring.x, ring.y);
    // Callouts may reach past the ring's box, as on the page: drawn on the frame, kept inside it.
    ctx.setTransform(ringScale, 0, 0, ringScale, ring.x, ring.y);
    drawCallouts(
      ctx,
      callouts.map((c) => inside(c, ring, ringScale, size)),
      font,
    );
    ctx.setTransform(1, 0, 0, 1, 0, 0);

    // The header: what this is, and the simulated time (as the playback bar shows it).
    ctx.fillStyle = ink;
    ctx.textBaseline = 'middle';
    ctx.font = `600 ${20 * unit}px ${font}`;
    ctx.textAlign = 'left';
    ctx.fillText(words.title, PAD * 1.5 * unit, (HEADER / 2) * unit, size.width * 0.6);
    ctx.textAlign = 'right';
    ctx.font = `600 ${24 * unit}px ui-monospace, Menlo, monospace`;
    ctx.fillText(`${(t / 1000).toFixed(3)} s`, size.width - PAD * 1.5 * unit, (HEADER / 2) * unit);
    ctx.font = `${13 * unit}px ${font}`;
    ctx.globalAlpha = 0.7;
    ctx.fillText('simulated time', size.width - PAD * 1.5 * unit - 130 * unit, (HEADER / 2) * unit);
    ctx.globalAlpha = 1;
    ctx.textAlign = 'left';

    // The lesson's caption, as the step panel shows it beside the cluster.
    if (words.caption) {
      const y = size.height - CAPTION * unit;
      ctx.fillStyle = 'rgb(31 36 48 / 0.06)';
      ctx.fillRect(0, y, size.width, CAPTION * unit);
      ctx.fillStyle = ink;
      ctx.textBaseline = 'top';
      ctx.font = `700 ${20 * unit}px ${font}`;
      ctx.fillText(words.caption.heading, PAD * 1.5 * unit, y + 12 * unit, size.width - 3 * PAD * unit);
      ctx.font = `${17 * unit}px ${font}`;
      wrap(ctx, words.caption.text, size.width - 3 * PAD * unit, 2).forEach((line, i) =>
        ctx.fillText(line, PAD * 1.5 * unit, y + (40 + i * 21) * unit),
      );
    }
    frames++;
    drawing += performance.now() - began;
  }

  /** Resolves on the first display frame for which `ready` holds (after the page's own animations drew it). */
  const until = (ready: () => boolean): Promise<void> =>
    new Promise((resolve) => {
      const stop = lab.actions.onAnimationFrame(() => {
        if (cancelled || ready()) {
          stop();
          resolve();
        }
      });
    });

  /** Resolves at real time `at` (performance.now()), or at once when that has passed. */
  const at = (time: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, time - performance.now())));

  /**
   * Put the page at moment `t` (later than the one shown): the worker runs the run on to it, and
   * the page draws its answer. Paused, the page's display loop asks for nothing by itself.
   */
  async function show(t: number): Promise<void> {
    lab.live.clock = t;
    if (!lab.connection.requestFrame(t, lab.sim.getState().verbose)) lab.actions.markDirty();
    await until(() => lab.connection.idle);
  }

  const check = (): void => {
    if (cancelled) throw new ClipCancelled();
    if (lab.sim.getState().run !== before.run) throw new Error('The run changed while the clip was recording, so it was stopped.');
    if (lab.sim.getState().status === 'failed') throw new Error('The simulation stopped while the clip was recording.');
    if (lab.sim.getState().playing) throw new Error('The run was played while the clip was recording, so it was stopped.');
  };

  async function run(): Promise<ClipResult> {
    const first = buffers[0]!;
    if (!out || !layerCtx || !first.ctx || !buffers[1]!.ctx) throw new Error('This browser cannot draw the clip (no 2D canvas).');
    onProgress({ phase: 'seeking', reached: win.from });
    lab.actions.seekTo(win.from);
    // The seek's answer, then a few display frames for the page to draw it (glides settle, callouts go).
    await until(() => lab.connection.idle);
    let settle = 3;
    await until(() => --settle <= 0);
    check();
    await drawFrame(first.ctx);
    check();

    // Frames only when asked for: each is stamped when it is captured, at its slot.
    const stream = canvas.captureStream(0);
    const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack | undefined;
    if (!track || typeof track.requestFrame !== 'function') {
      stream.getTracks().forEach((x) => x.stop());
      throw new Error('This browser cannot record a canvas picture by picture, so it cannot export a clip.');
    }
    const chunks: Blob[] = [];
    const rec = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: size.height >= 1080 ? 8_000_000 : 5_000_000 });
    recorder = rec;
    rec.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    const stopped = new Promise<void>((resolve, reject) => {
      rec.onstop = () => resolve();
      rec.onerror = () => reject(new Error('The browser stopped recording the clip.'));
    });
    // Awaited at the end; a failure before then must not surface as an unhandled rejection.
    stopped.catch(() => undefined);
    rec.start(1000);
    const startedAt = performance.now();
    const capture = (picture: HTMLCanvasElement): void => {
      if (cancelled) return;
      out.drawImage(picture, 0, 0);
      track.requestFrame();
    };
    capture(first.canvas);
    onProgress({ phase: 'recording', reached: win.from });

    const { speed, fastForward } = lab.sim.getState();
    const rate = simRate(speed);
    let slot = 0;
    let t = win.from;
    let last = first;
    // How long a picture takes, from choosing its moment to drawn: the next slot is chosen by it.
    let cost = FRAME_MS;
    try {
      for (let k = 1; t < win.to; k++) {
        check();
        const began = performance.now();
        const ready = began - startedAt + cost * 1.2;
        let next = nextSlot(slot, ready, FRAME_MS);
        if (fastForward) {
          // Skipping quiet moments the pace changes with what is on the wire: step by step, as the page does.
          const pace = { flights: lab.live.flights, nextEvent: lab.live.validUntil, rate, fastForward };
          t = onGrid(momentAfter(t, next - slot, pace, win.to));
        } else {
          // At the chosen pace the window's end has its own slot: the last picture is taken there, and
          // the one before leaves time to draw it, so the clip ends when the window does.
          const end = (win.to - win.from) / rate;
          if (next + cost * 1.2 > end) next = Math.max(end, slot + 1);
          t = next >= end ? win.to : onGrid(Math.min(win.to, win.from + next * rate));
        }
        slot = next;
        const buffer = buffers[k % 2]!;
        // The picture in this buffer waits for its slot: it is captured before being drawn over.
        await buffer.captured;
        await show(t);
        check();
        await drawFrame(buffer.ctx!);
        check();
        const took = performance.now() - began;
        cost = took > cost ? took : cost * 0.9 + took * 0.1;
        onProgress({ phase: 'recording', reached: t });
        buffer.captured = at(startedAt + slot).then(() => capture(buffer.canvas));
        last = buffer;
      }
      await last.captured;
      onProgress({ phase: 'finishing', reached: win.to });
      // The last picture once more a frame later, so the player shows the window's end for a frame
      // (the recorder stamps a picture's start, not its end).
      await at(startedAt + slot + FRAME_MS);
      capture(last.canvas);
      await at(startedAt + slot + 2 * FRAME_MS);
      check();
    } finally {
      await Promise.all(buffers.map((x) => x.captured));
      if (rec.state !== 'inactive') rec.stop();
      stream.getTracks().forEach((x) => x.stop());
    }
    await stopped;
    check();
    return {
      blob: new Blob(chunks, { type: mimeType.split(';')[0] ?? 'video/webm' }),
      realMs: slot,
      frames,
      drawMs: drawing / Math.max(1, frames),
    };
  }

  const restore = (): void => {
    if (lab.sim.getState().run === before.run) {
      lab.actions.seekTo(before.t);
      if (before.playing) lab.actions.play();
    }
    // The clock shows the page's own moment again (the seek sets it at once): followers may have it.
    release();
  };

  const done = run().finally(restore);
  return {
    done,
    cancel() {
      cancelled = true;
      if (recorder && recorder.state !== 'inactive') recorder.stop();
      lab.actions.pause();
    },
  };
}
