import { useEffect, useRef, useState } from 'react';
import { useReducedMotion } from 'motion/react';
import { useLab } from '../../store/context.ts';
import { selectSpeed, useSim } from '../../store/simStore.ts';
import { describeSpeed } from '../../store/speed.ts';
import { useRingGeometry } from '../ring/geometry.ts';
import {
  CLIP_SIZES,
  LONG_CLIP_S,
  clipFileName,
  defaultWindow,
  describeBytes,
  lastWindow,
  longestClipSeconds,
  parseWindow,
  pickClipType,
  type ClipWindow,
} from './clipWindow.ts';
import { ClipCancelled, recordClip, type ClipPhase, type ClipRecording } from './recordClip.ts';
import './clip.css';

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'recording'; readonly phase: ClipPhase; readonly reached: number; readonly window: ClipWindow }
  | {
      readonly kind: 'done';
      readonly url: string;
      readonly name: string;
      readonly seconds: number;
      readonly bytes: number;
      readonly width: number;
      readonly height: number;
      readonly frames: number;
      readonly drawMs: number;
    }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'cancelled' };

/** The WebM type this browser records, or null when it cannot record a canvas at all. */
function recordableType(): string | null {
  if (typeof MediaRecorder === 'undefined' || typeof HTMLCanvasElement.prototype.captureStream !== 'function') return null;
  return pickClipType((t) => MediaRecorder.isTypeSupported(t));
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/**
 * "Export clip": a window of the run as a short video for a slide. The teacher picks the window
 * (cluster time) and the size; the run is replayed over that window at the current speed, drawn
 * frame by frame with its captions and recorded by the browser (MediaRecorder, WebM).
 */
export function ClipChoice() {
  const lab = useLab();
  const geometry = useRingGeometry();
  const reduced = useReducedMotion() ?? false;
  const speed = useSim(selectSpeed);
  const fastForward = useSim((s) => s.fastForward);
  const dialog = useRef<HTMLDialogElement>(null);
  const recording = useRef<ClipRecording | null>(null);
  const [fromText, setFrom] = useState('0.000');
  const [toText, setTo] = useState('1.000');
  const [sizeIndex, setSizeIndex] = useState(0);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [type] = useState(recordableType);
  const [now, setNow] = useState(0);

  // A finished clip's blob: URL lives until the next clip or the dialog's end.
  const doneUrl = status.kind === 'done' ? status.url : null;
  useEffect(() => {
    return doneUrl ? () => URL.revokeObjectURL(doneUrl) : undefined;
  }, [doneUrl]);
  useEffect(() => () => recording.current?.cancel(), []);

  const setWindow = (w: ClipWindow) => {
    setFrom(seconds(w.from));
    setTo(seconds(w.to));
  };

  const open = () => {
    const t = lab.live.clock;
    setNow(t);
    setWindow(defaultWindow(t));
    if (status.kind !== 'recording') setStatus({ kind: 'idle' });
    dialog.current?.showModal();
  };

  const close = () => {
    if (recording.current) return;
    dialog.current?.close();
  };

  const parsed = parseWindow(fromText, toText);
  const size = CLIP_SIZES[sizeIndex]!;
  const busy = status.kind === 'recording';

  const record = () => {
    if (!parsed.ok || !type || busy) return;
    const svg = document.querySelector<SVGSVGElement>('.layout .stage-canvas svg.ring');
    const stage = svg?.closest<HTMLElement>('.stage-canvas');
    if (!svg || !stage || svg.clientWidth === 0) {
      setStatus({ kind: 'failed', message: 'The cluster is not on screen: open the live view and try again.' });
      return;
    }
    const window = parsed.window;
    setStatus({ kind: 'recording', phase: 'seeking', reached: window.from, window });
    let shown = -1;
    const rec = recordClip(lab, { svg, stage, geometry, reduced }, { window, size, mimeType: type }, (p) => {
      // A re-render per visible step of the bar, not per display frame.
      const step = Math.floor(((p.reached - window.from) / (window.to - window.from)) * 200) + (p.phase === 'recording' ? 0 : 1000);
      if (step === shown) return;
      shown = step;
      setStatus({ kind: 'recording', phase: p.phase, reached: p.reached, window });
    });
    recording.current = rec;
    rec.done.then(
      (clip) => {
        recording.current = null;
        const url = URL.createObjectURL(clip.blob);
        const name = clipFileName(window, size);
        const a = document.createElement('a');
        a.href = url;
        a.download = name;
        a.click();
        setStatus({
          kind: 'done',
          url,
          name,
          seconds: clip.realMs / 1000,
          bytes: clip.blob.size,
          width: size.width,
          height: size.height,
          frames: clip.frames,
          drawMs: clip.drawMs,
        });
      },
      (error: unknown) => {
        recording.current = null;
        if (error instanceof ClipCancelled) setStatus({ kind: 'cancelled' });
        else setStatus({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
  };

  const longest = parsed.ok ? longestClipSeconds(parsed.window, speed) : 0;

  return (
    <div className="clip-choice">
      <button type="button" onClick={open} aria-haspopup="dialog">
        Export clip…
      </button>
      <dialog
        ref={dialog}
        className="clip-dialog"
        aria-labelledby="clip-title"
        onCancel={(e) => {
          // Escape while recording stops the recording; the dialog stays to say so.
          if (recording.current) {
            e.preventDefault();
            recording.current.cancel();
          }
        }}
        // Keys typed here are for the form, not the page's shortcuts (Space would pause the replay).
        onKeyDown={(e) => {
          if (e.key !== 'Escape') e.nativeEvent.stopPropagation();
        }}
      >
        <h2 id="clip-title">Export a clip</h2>
        <p className="hint">
          A short video of part of this run, for a slide: the cluster, its messages, the callouts and the lesson caption on screen, and the
          time.
        </p>
        {!type && (
          <p className="clip-problem" role="alert">
            This browser cannot record video (it has no MediaRecorder for WebM). Try a recent Chrome, Edge or Firefox.
          </p>
        )}
        <fieldset className="clip-window" disabled={busy}>
          <legend>Cluster time to show (seconds)</legend>
          <div className="clip-fields">
            <label>
              From <input type="number" inputMode="decimal" min={0} step={0.1} value={fromText} onChange={(e) => setFrom(e.target.value)} />
            </label>
            <label>
              To <input type="number" inputMode="decimal" min={0} step={0.1} value={toText} onChange={(e) => setTo(e.target.value)} />
            </label>
          </div>
          <div className="clip-presets">
            <span className="hint">Now {seconds(now)} s:</span>
            <button type="button" className="ghost" onClick={() => setWindow(lastWindow(now, 1000))}>
              last 1 s
            </button>
            <button type="button" className="ghost" onClick={() => setWindow(lastWindow(now, 3000))}>
              last 3 s
            </button>
            <button type="button" className="ghost" onClick={() => setWindow({ from: 0, to: Math.max(1000, Math.round(now)) })}>
              from the start
            </button>
          </div>
        </fieldset>
        <fieldset className="clip-size" disabled={busy}>
          <legend>Size</legend>
          {CLIP_SIZES.map((s, i) => (
            <label key={s.width}>
              <input type="radio" name="clip-size" checked={sizeIndex === i} onChange={() => setSizeIndex(i)} />
              {s.width} × {s.height}
            </label>
          ))}
        </fieldset>
        {!parsed.ok && (
          <p className="clip-problem" role="alert">
            {parsed.message}
          </p>
        )}
        {parsed.ok && (
          <p className="hint" data-clip-longest={longest.toFixed(2)}>
            Played at the current speed ({describeSpeed(speed)}){fastForward ? ', quiet moments skipped' : ''}: the clip lasts{' '}
            {fastForward ? 'at most ' : 'about '}
            {longest < 10 ? longest.toFixed(1) : Math.round(longest)} s.
            {longest > LONG_CLIP_S && ' Raise the speed for a shorter clip.'}
          </p>
        )}
        {status.kind === 'recording' && (
          <div className="clip-progress" role="status">
            <progress
              max={1}
              value={Math.min(1, (status.reached - status.window.from) / (status.window.to - status.window.from))}
              aria-label="Clip recorded"
            />
            <span>
              {status.phase === 'seeking'
                ? `Going to ${seconds(status.window.from)} s…`
                : status.phase === 'finishing'
                  ? 'Finishing the video…'
                  : `Recording ${seconds(status.reached)} s of ${seconds(status.window.from)}–${seconds(status.window.to)} s`}
            </span>
          </div>
        )}
        {status.kind === 'done' && (
          <p
            className="clip-done"
            role="status"
            data-clip-seconds={status.seconds.toFixed(3)}
            data-clip-bytes={status.bytes}
            data-clip-frames={status.frames}
            data-clip-draw-ms={status.drawMs.toFixed(1)}
          >
            Saved {status.name}: {status.seconds.toFixed(1)} s, {status.width} × {status.height}, {describeBytes(status.bytes)}.{' '}
            <a href={status.url} download={status.name}>
              Download again
            </a>
          </p>
        )}
        {status.kind === 'failed' && (
          <p className="clip-problem" role="alert">
            {status.message}
          </p>
        )}
        {status.kind === 'cancelled' && (
          <p className="hint" role="status">
            Cancelled: no clip was saved.
          </p>
        )}
        <div className="clip-actions">
          {busy ? (
            <button type="button" onClick={() => recording.current?.cancel()}>
              Cancel recording
            </button>
          ) : (
            <>
              <button type="button" className="primary" disabled={!type || !parsed.ok} onClick={record}>
                Record clip
              </button>
              <button type="button" onClick={close}>
                Close
              </button>
            </>
          )}
        </div>
        <p className="hint">The run replays this window and then returns to the moment it showed.</p>
      </dialog>
    </div>
  );
}
