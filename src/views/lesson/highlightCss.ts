import type { Highlight } from '../../lessons/types.ts';

const NODE = '.ring .node-hit';
const ALIVE = '[data-alive="true"]';

/** The node hit circles a highlight points at (they carry the node's state as data attributes). */
function nodeSelector(h: Highlight): string | null {
  switch (h.kind) {
    case 'node':
      return /^S[1-9]$/.test(h.node) ? `${NODE}[data-node="${h.node}"]` : null;
    case 'leader':
      return `${NODE}[data-role="leader"]${ALIVE}`;
    case 'candidates':
      return `${NODE}[data-role="candidate"]${ALIVE}`;
    case 'timers':
      return `${NODE}${ALIVE}:not([data-role="leader"])`;
    case 'terms':
    case 'votes':
      return `${NODE}${ALIVE}`;
    case 'minority':
      return `${NODE}[data-island="1"]`;
    default:
      return null;
  }
}

/** Whole regions a highlight points at. */
function regionSelector(h: Highlight): string | null {
  switch (h.kind) {
    case 'messages':
      return '.stage-canvas, .legend';
    case 'log':
      return '.log-card';
    case 'violations':
      return '.figure3';
    case 'lock':
      return '.lock-panel';
    default:
      return null;
  }
}

/** One selector for every node hit circle the highlights point at ('' for none). */
export function highlightedNodes(highlights: readonly Highlight[]): string {
  return highlights
    .map(nodeSelector)
    .filter((s): s is string => s !== null)
    .join(', ');
}

/**
 * A style sheet drawing the lesson's highlights: a thick dashed ring around the nodes named and
 * an outline around regions. Shape (dashes, a "Look here" tag) carries the meaning, not colour
 * alone. Built from a fixed set of selectors, never from free text.
 */
export function highlightCss(highlights: readonly Highlight[]): string {
  const nodes = highlights.map(nodeSelector).filter((s): s is string => s !== null);
  const regions = highlights.map(regionSelector).filter((s): s is string => s !== null);
  const rules: string[] = [];
  if (nodes.length > 0) {
    rules.push(`${nodes.join(', ')} { stroke: var(--highlight); stroke-width: 6px; stroke-dasharray: 12 6; }`);
  }
  if (regions.length > 0) rules.push(`${regions.join(', ')} { outline: 4px dashed var(--highlight); outline-offset: 4px; }`);
  // The logs a step points at are the ones on the ring (on screen in both views), with their
  // table below when it is shown; a glow, so the strokes that say committed or not stay as they are.
  if (highlights.some((h) => h.kind === 'log')) {
    rules.push('.ring .log-strip { filter: drop-shadow(0 0 2px var(--highlight)) drop-shadow(0 0 4px var(--highlight)); }');
  }
  if (highlights.some((h) => h.kind === 'terms')) rules.push('.ring .node-term { font-weight: 800; text-decoration: underline; }');
  if (highlights.some((h) => h.kind === 'votes')) rules.push('.ring .node-sub { font-weight: 800; text-decoration: underline; }');
  return rules.join('\n');
}

/** What the highlights point at, in words: read out and shown in the lesson panel. */
export function describeHighlights(highlights: readonly Highlight[]): string {
  const words = highlights.map((h) => {
    switch (h.kind) {
      case 'node':
        return `server ${h.node}`;
      case 'leader':
        return 'the leader';
      case 'candidates':
        return 'the candidates';
      case 'timers':
        return 'the election timers (the ring around each follower)';
      case 'terms':
        return 'the term numbers';
      case 'votes':
        return 'the votes under each server';
      case 'messages':
        return 'the messages in flight';
      case 'log':
        return "each server's log, drawn beside it";
      case 'minority':
        return 'the smaller side of the split';
      case 'violations':
        return 'the safety checks (Figure 3)';
      case 'lock':
        return 'the lock, its clients and the storage, next to the cluster';
      case 'control':
        return `the "${h.name}" button`;
    }
  });
  return words.join(', ');
}
