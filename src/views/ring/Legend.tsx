import { MESSAGE_KINDS, MESSAGE_STYLE, ROLE_COLOR } from '../theme.ts';
import { RoleIcon } from './RoleIcon.tsx';
import { symbolId } from './Symbols.tsx';

/** What every shape means: roles, the timer ring and each kind of message. */
export function Legend() {
  return (
    <section className="legend" aria-label="Legend">
      <ul className="legend-roles">
        <li>
          <svg viewBox="-20 -20 40 40" width="26" height="26" aria-hidden="true">
            <circle r="13" fill="#fff" stroke={ROLE_COLOR.follower} strokeWidth="2.5" />
          </svg>
          Follower
        </li>
        <li>
          <svg viewBox="-20 -20 40 40" width="26" height="26" aria-hidden="true">
            <RoleIcon role="candidate" alive />
          </svg>
          Candidate
        </li>
        <li>
          <svg viewBox="-20 -20 40 40" width="26" height="26" aria-hidden="true">
            <RoleIcon role="leader" alive />
          </svg>
          Leader
        </li>
        <li>
          <svg viewBox="-20 -20 40 40" width="26" height="26" aria-hidden="true">
            <RoleIcon role="follower" alive={false} />
          </svg>
          Crashed
        </li>
        <li>
          <svg viewBox="-20 -20 40 40" width="26" height="26" aria-hidden="true">
            <circle r="14" fill="none" stroke="#e6e3dc" strokeWidth="4" />
            <path d="M0 -14 A14 14 0 1 1 -14 0" fill="none" stroke={ROLE_COLOR.follower} strokeWidth="4" strokeLinecap="round" />
          </svg>
          Election timer (drains; refills on heartbeat)
        </li>
      </ul>
      <ul className="legend-messages">
        {MESSAGE_KINDS.map((kind) => (
          <li key={kind} title={MESSAGE_STYLE[kind].detail}>
            <svg viewBox="-14 -14 28 28" width="24" height="24" aria-hidden="true">
              <use href={`#${symbolId(kind)}`} />
            </svg>
            {MESSAGE_STYLE[kind].label}
          </li>
        ))}
        <li title="A message lost on the network or stopped by a partition fades where it dies">
          <svg viewBox="-14 -14 28 28" width="24" height="24" aria-hidden="true">
            <use href="#msg-heartbeat" opacity="0.35" />
          </svg>
          Lost (fades out)
        </li>
        <li title="A message on a cut link stops at the partition and dies there">
          <svg viewBox="-14 -14 28 28" width="24" height="24" aria-hidden="true">
            <use href="#msg-burst" />
          </svg>
          Died at the partition
        </li>
      </ul>
    </section>
  );
}
