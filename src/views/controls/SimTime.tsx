import { useEffect, useRef } from 'react';
import { useActions } from '../../store/context.ts';

/** The simulated time being shown, updated every display frame without React. */
export function SimTime() {
  const { onAnimationFrame } = useActions();
  const el = useRef<HTMLOutputElement>(null);
  useEffect(() => {
    let shown = -1;
    return onAnimationFrame((t) => {
      // To the microsecond, as the simulation's times are: two events can share a millisecond.
      const at = Math.round(t * 1000) / 1000;
      if (at === shown || !el.current) return;
      shown = at;
      el.current.dataset.simTime = String(at);
      // The words change once a millisecond at most: new text is a relayout of the toolbar.
      const text = `${(at / 1000).toFixed(3)} s`;
      if (el.current.textContent !== text) el.current.textContent = text;
    });
  }, []);
  return (
    <div className="sim-time">
      <span className="label">simulated time</span>
      <output ref={el} data-sim-time="0" aria-label="Simulated time">
        0.000 s
      </output>
    </div>
  );
}
