import type { ReachFacts } from '../../worker/protocol.ts';
import type { RingLayout } from './layout.ts';

interface Props {
  readonly layout: RingLayout;
  readonly reach: ReachFacts;
}

/**
 * When the cluster is split, each island says whether it can elect a leader and why: a majority
 * of the whole cluster is needed, and a minority island cannot gather it however often it tries.
 */
export function IslandCaptions({ layout, reach }: Props) {
  if (layout.islands.length < 2) return null;
  const { needed } = reach;
  // Voters only: learners and removed servers elect no one (thesis §4.1).
  const voters = new Set(reach.config.voters);
  const total = reach.config.voters.length;
  const canElect = new Map(reach.islands.map((i) => [i.members.join(','), i.canElect]));
  return (
    <g className="island-captions">
      {layout.islands.map((island) => {
        const size = island.members.filter((m) => voters.has(m)).length;
        const canWin = canElect.get(island.members.join(',')) ?? false;
        const top = island.center.y - island.radius - 112;
        return (
          <g key={island.members.join(',')} transform={`translate(${island.center.x} ${Math.max(top, 8)})`}>
            <text textAnchor="middle" y="14" className={`island-title ${canWin ? 'can-win' : 'cannot-win'}`}>
              {canWin ? `Majority side: ${size} of ${total}` : `Minority side: ${size} of ${total}`}
            </text>
            <text textAnchor="middle" y="34" className="island-why">
              {canWin
                ? `can gather the ${needed} votes a leader needs`
                : `at most ${size} vote${size === 1 ? '' : 's'} of the ${needed} a leader needs: cannot elect one`}
            </text>
          </g>
        );
      })}
    </g>
  );
}
