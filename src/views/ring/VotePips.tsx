interface Props {
  readonly granted: number;
  readonly denied: number;
  readonly total: number;
  readonly needed: number;
}

/**
 * A candidate's ballot: one pip per server, filled as votes arrive, crossed when refused, with a
 * tick mark where a majority is reached and the count written out.
 */
export function VotePips({ granted, denied, total, needed }: Props) {
  const gap = 13;
  const width = (total - 1) * gap;
  return (
    <g aria-hidden="true" className="vote-tally">
      {Array.from({ length: total }, (_, i) => {
        const x = i * gap - width / 2;
        const state = i < granted ? 'granted' : i >= total - denied ? 'denied' : 'open';
        return state === 'denied' ? (
          <path key={i} d={`M${x - 4} -4 L${x + 4} 4 M${x + 4} -4 L${x - 4} 4`} stroke="#c2410c" strokeWidth="2" strokeLinecap="round" />
        ) : (
          <circle
            key={i}
            cx={x}
            r="5"
            fill={state === 'granted' ? '#15803d' : '#fff'}
            stroke={state === 'granted' ? '#15803d' : '#a3a3a3'}
            strokeWidth="1.5"
          />
        );
      })}
      <line
        x1={(needed - 1) * gap - width / 2 + gap / 2}
        x2={(needed - 1) * gap - width / 2 + gap / 2}
        y1="-9"
        y2="9"
        stroke="#1f2430"
        strokeWidth="1.5"
      />
      <text y="24" textAnchor="middle" className="node-sub">
        {granted} of the {needed} votes it needs
      </text>
    </g>
  );
}
