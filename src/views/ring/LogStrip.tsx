import { memo } from 'react';
import { motion } from 'motion/react';
import type { LogEntry, NodeId } from '../../engine/types.ts';
import { selectLeader, selectLogs, selectNodes, useSim } from '../../store/simStore.ts';
import { conflictingIndexes, leaderLogOf } from '../log/conflicts.ts';
import { termColor } from '../theme.ts';
import { useRingGeometry } from './geometry.ts';
import { STRIP_Y } from './layout.ts';

const CELL_W = 22;
const CELL_H = 26;
const GAP = 2;
const EMPTY: readonly LogEntry[] = [];

/** How many of the newest entries a strip shows: fewer as the ring gets crowded, so strips never touch. */
export function stripCells(clusterSize: number): number {
  return clusterSize <= 5 ? 7 : clusterSize <= 7 ? 6 : 5;
}

interface StripProps {
  readonly id: NodeId;
  readonly alive: boolean;
  readonly candidate: boolean;
  readonly commitIndex: number;
  readonly log: readonly LogEntry[];
  readonly leaderLog: readonly LogEntry[] | null;
  readonly cells: number;
}

/**
 * One server's log under it on the ring: its newest entries as term-coloured cells (solid when
 * committed, outlined when not), a bar after the last committed entry, and a red strike on
 * entries that differ from the leader's. Older entries are counted, not drawn.
 */
export const LogStrip = memo(function LogStrip({ id, alive, candidate, commitIndex, log, leaderLog, cells }: StripProps) {
  const { positionOf } = useRingGeometry();
  const pos = positionOf(id);
  const first = Math.max(1, log.length - cells + 1);
  const shown = log.length - first + 1;
  const hidden = first - 1;
  // Centred under the node; the count of hidden entries sits in one more slot on the left.
  const slots = Math.max(shown, 1) + (hidden > 0 ? 1 : 0);
  const width = slots * (CELL_W + GAP) - GAP;
  const left = -width / 2 + (hidden > 0 ? CELL_W + GAP : 0);
  const conflicts = conflictingIndexes(log, leaderLog);
  // A candidate's vote tally takes the line under it: the strip moves down by a line.
  const y = STRIP_Y + (candidate ? 24 : 0);
  const commitShown = commitIndex >= first - 1 && commitIndex <= log.length && log.length > 0;
  const commitX = left + (commitIndex - first + 1) * (CELL_W + GAP) - GAP / 2;
  return (
    <motion.g style={{ x: pos.x, y: pos.y }} className={`log-strip${alive ? '' : ' is-down'}`} pointerEvents="none">
      <g transform={`translate(0 ${y})`} data-log-of={id} data-commit-index={commitIndex} data-length={log.length} aria-hidden="true">
        {hidden > 0 && (
          <text x={-width / 2 + CELL_W / 2} y={CELL_H / 2 + 5} textAnchor="middle" className="strip-more">
            +{hidden}
          </text>
        )}
        {shown === 0 && <rect x={left} width={CELL_W} height={CELL_H} rx="4" className="strip-empty" />}
        {log.slice(first - 1).map((e, k) => {
          const i = first + k;
          const committed = i <= commitIndex;
          const conflict = conflicts.has(i);
          const x = left + k * (CELL_W + GAP);
          const color = termColor(e.term);
          return (
            <g
              key={i}
              transform={`translate(${x} 0)`}
              data-index={i}
              data-term={e.term}
              data-committed={String(committed)}
              data-conflict={conflict ? 'true' : undefined}
            >
              <rect
                width={CELL_W}
                height={CELL_H}
                rx="4"
                fill={committed ? color : '#ffffff'}
                stroke={conflict ? '#b91c1c' : color}
                strokeWidth={conflict ? 3 : 2}
                strokeDasharray={committed ? undefined : '4 3'}
              />
              <text x={CELL_W / 2} y={CELL_H / 2 + 5} textAnchor="middle" className="strip-term" fill={committed ? '#ffffff' : color}>
                {e.term}
              </text>
              {conflict && <line x1="2" y1={CELL_H - 2} x2={CELL_W - 2} y2="2" stroke="#b91c1c" strokeWidth="2.5" />}
            </g>
          );
        })}
        {commitShown && <rect x={commitX - 2} y={-5} width="4" height={CELL_H + 10} rx="2" fill="#1f2430" className="strip-commit" />}
      </g>
    </motion.g>
  );
});

/** Every server's log strip: drawn from the log patches the worker sent, nothing computed here but the picture. */
export function LogStrips() {
  const nodes = useSim(selectNodes);
  const logs = useSim(selectLogs);
  const leader = useSim(selectLeader);
  const leaderLog = leaderLogOf(logs, leader?.id ?? null);
  const cells = stripCells(nodes.length);
  return (
    <g className="log-strips">
      {nodes.map((n) => (
        <LogStrip
          key={n.id}
          id={n.id}
          alive={n.alive}
          candidate={n.alive && n.role === 'candidate'}
          commitIndex={n.commitIndex}
          log={logs[n.id] ?? EMPTY}
          leaderLog={n.id === leader?.id ? null : leaderLog}
          cells={cells}
        />
      ))}
    </g>
  );
}
