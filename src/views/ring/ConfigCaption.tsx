import type { ConfigFacts } from '../../worker/protocol.ts';
import { configWords } from '../../narration/narrate.ts';
import { VIEW_H } from './layout.ts';

/**
 * The configuration and the majority it implies (thesis §4.1), in the ring's bottom corner where
 * no server sits: "6 servers: a leader needs 4" (the count asked of quorum.ts).
 */
export function ConfigCaption({ config }: { readonly config: ConfigFacts }) {
  if (config.voters.length === 0) return null;
  return (
    <g className="ring-config-line">
      <title>{`The configuration${config.from ? ` in ${config.from}'s log` : ''}: only voters elect and commit${config.pending ? '; a change is not committed yet' : ''}`}</title>
      <text
        x="8"
        y={VIEW_H - 10}
        className="ring-config status-config"
        data-config={config.voters.join(',')}
        data-learners={config.learners.join(',')}
      >
        {configWords(config.voters, config.learners)}
        {config.pending && config.learners.length === 0 ? ' · changing' : ''}
      </text>
    </g>
  );
}
