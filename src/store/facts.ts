import type { Frame } from '../worker/protocol.ts';
import type { LabStore } from './lab.ts';

/**
 * Fold the facts a frame carries into the slices that show them. The worker derived each from
 * the whole run; the page only keeps what it draws.
 */
export function applyFacts(lab: LabStore, frame: Frame): void {
  lab.actions.callOut(frame.moments);
  if (frame.firstBreaks) lab.broken.setState({ firstBreak: frame.firstBreaks });
  if (frame.goal) lab.actions.goalProgress(frame.goal);
}

/** A new run: nothing said, broken or explained about the old one stays. */
export function resetFacts(lab: LabStore): void {
  lab.actions.callOut(null);
  lab.broken.setState({ firstBreak: {} });
  lab.actions.closeExplanation();
}
