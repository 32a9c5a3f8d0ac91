import type { LabStore } from '../../store/lab.ts';
import { currentStep, selectLesson } from '../../store/lessonStore.ts';
import { drawMessages, drawTimers, type ResetMemory } from '../ring/drawRing.ts';
import type { RingGeometry } from '../ring/geometry.ts';
import { VIEW_H, VIEW_W, type Point } from '../ring/layout.ts';
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
  /** Real time recorded, ms: the clip's length. */
  readonly realMs: number;
  /** Pictures drawn (the recorder samples them at up to FPS). */
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
 * Record the window `request.window` of the run as a video: seek to its start, play it at the
 * current speed and pace to its end, draw every display frame of the stage into a canvas of the
 * chosen size and record that canvas. The run is deterministic, so the replay shows the very states
 * of the first showing. Afterwards the page goes back to the moment it showed, playing or not as it was.
 */
export function recordClip(lab: LabStore, stage: ClipStage, request: ClipRequest, onProgress: (p: ClipProgress) => void): ClipRecording {
  const { window: win, size, mimeType } = request;
  const before = { t: lab.live.clock, playing: lab.sim.getState().playing, run: lab.sim.getState().run };
  const unit = size.height / GRID_H;
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
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
  let stopLoop: (() => void) | null = null;
  let recorder: MediaRecorder | null = null;
  let frames = 0;
  let drawing = 0;

  const pos = (id: string): Point | null => {
    const p = stage.geometry.peekPosition(id);
    return p ? { x: p.x.get(), y: p.y.get() } : null;
  };

  /** Draw the stage as it is now. The slow part (decoding the SVG) is awaited; everything else is read at once. */
  async function drawFrame(): Promise<void> {
    if (!ctx || !layerCtx) return;
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

  /** Resolves on the first display frame for which `ready` holds. */
  const until = (ready: () => boolean): Promise<void> =>
    new Promise((resolve) => {
      const stop = lab.actions.onAnimationFrame(() => {
        if (cancelled || ready()) {
          stop();
          resolve();
        }
      });
    });

  const check = (): void => {
    if (cancelled) throw new ClipCancelled();
    if (lab.sim.getState().run !== before.run) throw new Error('The run changed while the clip was recording, so it was stopped.');
    if (lab.sim.getState().status === 'failed') throw new Error('The simulation stopped while the clip was recording.');
  };

  async function run(): Promise<ClipResult> {
    if (!ctx || !layerCtx) throw new Error('This browser cannot draw the clip (no 2D canvas).');
    onProgress({ phase: 'seeking', reached: win.from });
    lab.actions.seekTo(win.from);
    // The seek's answer, then a few display frames for the page to draw it (glides settle, callouts go).
    await until(() => lab.connection.idle);
    let settle = 3;
    await until(() => --settle <= 0);
    check();
    await drawFrame();
    check();

    const stream = canvas.captureStream(FPS);
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
    onProgress({ phase: 'recording', reached: win.from });

    // Every display frame, the stage as it is; a frame still decoding makes the next one wait.
    let busy = false;
    let failure: unknown = null;
    const loop = lab.actions.onAnimationFrame((t) => {
      onProgress({ phase: 'recording', reached: Math.min(t, win.to) });
      if (busy) return;
      busy = true;
      drawFrame().then(
        () => (busy = false),
        (error: unknown) => (failure = error),
      );
    });
    stopLoop = loop;
    lab.playback.playUntil(win.to);
    try {
      // Played to the end, the worker's picture of that very moment arrived and is drawn.
      await until(
        () =>
          failure !== null || cancelled || lab.sim.getState().run !== before.run || (!lab.sim.getState().playing && lab.connection.idle),
      );
      loop();
      stopLoop = null;
      if (failure !== null) throw failure instanceof Error ? failure : new Error(String(failure));
      check();
      if (lab.live.clock < win.to) throw new Error('The replay was paused before the end of the window, so the clip was stopped.');
      onProgress({ phase: 'finishing', reached: win.to });
      await until(() => !busy);
      await drawFrame();
      // One more sampling period, so the recorder holds the last picture.
      await new Promise((resolve) => setTimeout(resolve, 1000 / FPS + 10));
      check();
    } finally {
      if (rec.state !== 'inactive') rec.stop();
      stream.getTracks().forEach((track) => track.stop());
    }
    await stopped;
    check();
    return {
      blob: new Blob(chunks, { type: mimeType.split(';')[0] ?? 'video/webm' }),
      realMs: performance.now() - startedAt,
      frames,
      drawMs: drawing / Math.max(1, frames),
    };
  }

  const restore = (): void => {
    if (lab.sim.getState().run !== before.run) return;
    lab.actions.seekTo(before.t);
    if (before.playing) lab.actions.play();
  };

  const done = run().finally(() => {
    stopLoop?.();
    restore();
  });
  return {
    done,
    cancel() {
      cancelled = true;
      if (recorder && recorder.state !== 'inactive') recorder.stop();
      lab.actions.pause();
    },
  };
}
