import { memo, useCallback, useRef } from 'react';
import { motion } from 'motion/react';
import type { NodeFrame } from '../../worker/protocol.ts';
import { ROLE_COLOR, ROLE_LABEL } from '../theme.ts';
import { useRingGeometry } from './geometry.ts';
import { NODE_R } from './layout.ts';
import { RoleIcon } from './RoleIcon.tsx';
import { useLiveTimeout } from './useLiveTimeout.ts';
import { VotePips } from './VotePips.tsx';
import { useActions } from '../../store/context.ts';
import { majority } from '../../engine/quorum.ts';

interface Props {
  readonly node: NodeFrame;
  readonly index: number;
  readonly clusterSize: number;
  readonly timeoutRange: readonly [number, number];
  readonly selected: boolean;
  /** Which side of a split the node is on (0 = the bigger), for tests and tools. */
  readonly island: number;
  /** The highest term of any live leader: a leader below it has been replaced and does not know yet. */
  readonly newestLeaderTerm: number;
}

export function describeNode(n: NodeFrame, clusterSize: number): string {
  const member =
    n.membership === 'learner'
      ? ', a learner: it receives the log but does not vote'
      : n.membership === 'removed'
        ? ', removed from the cluster'
        : '';
  if (!n.alive) return `${n.id}: crashed (term ${n.term})${member}`;
  const parts = [`${n.id}: ${n.role}${member}`, `term ${n.term}`, n.votedFor ? `voted for ${n.votedFor}` : 'has not voted this term'];
  if (n.role === 'candidate') parts.push(`${n.votesGranted.length} of the ${majority(clusterSize)} votes it needs`);
  if (n.handingTo !== null) parts.push(`handing leadership to ${n.handingTo}, taking no writes`);
  parts.push(`log ${n.logLength}, committed ${n.commitIndex}`);
  return parts.join(', ');
}

/** One server on the ring: role by icon, label and colour; term, vote and its election timer. */
export const NodeGlyph = memo(function NodeGlyph({ node: n, index, clusterSize, timeoutRange, selected, island, newestLeaderTerm }: Props) {
  const { positionOf } = useRingGeometry();
  const { select } = useActions();
  const pos = positionOf(n.id);
  const title = useRef<HTMLTitleElement>(null);
  const description = describeNode(n, clusterSize);
  const [lo, hi] = timeoutRange;
  const format = useCallback(
    (timeout: number) =>
      n.role === 'leader' || !n.alive
        ? description
        : `${description}\nElection timeout this round: ${timeout} ms (random in ${lo}–${hi} ms)`,
    [description, n.role, n.alive, lo, hi],
  );
  useLiveTimeout(title, index, format);
  const look = n.alive ? n.role : 'crashed';
  const color = ROLE_COLOR[look];
  const leader = n.alive && n.role === 'leader';
  const needed = majority(clusterSize);
  const stale = leader && newestLeaderTerm > n.term;
  const learner = n.membership === 'learner';
  const removed = n.membership === 'removed';
  const subline = !n.alive
    ? 'down'
    : removed && !leader
      ? 'removed'
      : learner
        ? 'no vote yet'
        : stale
          ? `stale: replaced in term ${newestLeaderTerm}`
          : n.handingTo !== null
            ? `handover to ${n.handingTo}`
            : n.role === 'leader'
              ? `leader of term ${n.term}`
              : n.votedFor
                ? `voted ${n.votedFor}`
                : 'no vote yet';
  const toggle = () => select(selected ? null : n.id);
  // The picture is decoration (aria-hidden); one transparent hit circle on top is the control,
  // so its accessible name is exactly the state it reads out.
  return (
    <motion.g
      style={{ x: pos.x, y: pos.y }}
      className={`node node-${look}${selected ? ' is-selected' : ''}${learner ? ' is-learner' : ''}${removed ? ' is-removed' : ''}`}
    >
      {/* A removed server fades (it no longer counts for anything); a learner has a dashed ring. */}
      <g aria-hidden="true" opacity={removed ? 0.35 : undefined}>
        {selected && <circle r={NODE_R + 19} fill="none" stroke="#1f2430" strokeWidth="2" strokeDasharray="4 5" />}
        {leader ? (
          <>
            <circle r={NODE_R + 12} fill="#4338ca" opacity="0.10" />
            <circle r={NODE_R + 8} fill="none" stroke={color} strokeWidth="4" />
          </>
        ) : learner ? (
          // A learner runs no election timer (it never campaigns): a dashed ring instead of its track.
          <circle r={NODE_R + 8} fill="none" stroke="#0f766e" strokeWidth="2.5" strokeDasharray="6 5" />
        ) : n.alive && n.timer ? (
          // The election timer's track; the draining arc itself is drawn on the canvas layer.
          <circle r={NODE_R + 8} fill="none" stroke="#e6e3dc" strokeWidth="6" />
        ) : null}
        <circle
          r={NODE_R}
          fill={leader ? color : n.alive ? '#ffffff' : '#efedea'}
          stroke={color}
          strokeWidth={n.role === 'candidate' && n.alive ? 3.5 : 2.5}
          strokeDasharray={n.alive ? undefined : '5 4'}
        />
        <text y="-3" textAnchor="middle" className="node-id" fill={leader ? '#fff' : n.alive ? '#1f2430' : '#8a847c'}>
          {n.id}
        </text>
        <text y="17" textAnchor="middle" className="node-term" fill={leader ? '#e0e7ff' : '#5b6b82'}>
          term {n.term}
        </text>
        <g transform={`translate(0 ${-NODE_R - 20})`}>
          <RoleIcon role={n.role} alive={n.alive} />
        </g>
        <text y={NODE_R + 28} textAnchor="middle" className="node-role" fill={learner && n.alive ? '#0f766e' : color}>
          {learner && n.alive ? 'learner' : ROLE_LABEL[look]}
        </text>
        {n.alive && n.role === 'candidate' ? (
          <g transform={`translate(0 ${NODE_R + 44})`}>
            <VotePips granted={n.votesGranted.length} denied={n.votesDenied.length} total={clusterSize} needed={needed} />
          </g>
        ) : (
          <text
            y={NODE_R + 46}
            textAnchor="middle"
            className={
              stale ? 'node-sub is-stale' : n.handingTo !== null ? 'node-sub is-handing' : learner ? 'node-sub is-learner' : 'node-sub'
            }
          >
            {subline}
          </text>
        )}
      </g>
      <circle
        r={NODE_R + 14}
        className="node-hit"
        data-node={n.id}
        data-role={n.role}
        data-term={n.term}
        data-alive={String(n.alive)}
        data-membership={n.membership}
        data-handing-to={n.handingTo ?? undefined}
        data-island={island}
        role="button"
        tabIndex={0}
        aria-label={description}
        aria-pressed={selected}
        onClick={toggle}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            toggle();
          }
        }}
      >
        <title ref={title} />
      </circle>
    </motion.g>
  );
});
