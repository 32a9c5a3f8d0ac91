import { useEffect, useRef } from 'react';
import { live } from '../../store/live.ts';
import { onAnimationFrame } from '../../store/playback.ts';

const reduceQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
const reduceMotion = (): boolean => reduceQuery?.matches ?? false;

interface Props {
  readonly index: number;
  readonly radius: number;
  readonly color: string;
}

/**
 * The election timer as a ring that drains from full to empty; it snaps back to full (and
 * flashes) whenever the node hears a heartbeat or grants a vote. Drawn every display frame from
 * the node's electionResetAt/electionDeadline, without re-rendering React.
 */
export function TimerArc({ index, radius, color }: Props) {
  const arc = useRef<SVGCircleElement>(null);
  const flash = useRef<SVGCircleElement>(null);
  useEffect(() => {
    let lastReset = NaN;
    let lastDash = '';
    let lastFlash = 0;
    return onAnimationFrame((t) => {
      const n = live.nodes[index];
      const el = arc.current;
      if (!n || !el) return;
      const running = n.alive && n.role !== 'leader';
      const left = running ? Math.min(1, Math.max(0, (n.electionDeadline - t) / n.electionTimeout)) : 0;
      const dash = `${left.toFixed(3)} 1`;
      if (dash !== lastDash) {
        el.setAttribute('stroke-dasharray', dash);
        lastDash = dash;
      }
      if (running && n.electionResetAt !== lastReset) {
        const real = performance.now();
        // At high speed resets come many times a second: a flash then is noise, and costs frames.
        if (!Number.isNaN(lastReset) && flash.current && real - lastFlash > 600 && !reduceMotion()) {
          lastFlash = real;
          // The Web Animations API restarts the flash without forcing a layout.
          flash.current.animate([{ opacity: 0.55 }, { opacity: 0 }], { duration: 450, easing: 'ease-out' });
        }
        lastReset = n.electionResetAt;
      }
    });
  }, [index]);
  return (
    <g transform="rotate(-90)" aria-hidden="true">
      <circle r={radius} fill="none" stroke="#e6e3dc" strokeWidth="6" />
      <circle ref={arc} r={radius} fill="none" stroke={color} strokeWidth="6" strokeLinecap="round" pathLength={1} strokeDasharray="0 1" />
      <circle ref={flash} r={radius} fill="none" stroke={color} strokeWidth="10" opacity="0" />
    </g>
  );
}
