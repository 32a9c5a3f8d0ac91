import type { Role } from '../../engine/types.ts';

/** An icon per role, so the role reads without colour: crown, ballot, none; a cross when down. */
export function RoleIcon({ role, alive }: { role: Role; alive: boolean }) {
  if (!alive) {
    return (
      <g aria-hidden="true">
        <circle r="12" fill="#78716c" />
        <path d="M-5 -5 L5 5 M5 -5 L-5 5" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" />
      </g>
    );
  }
  switch (role) {
    case 'leader':
      return (
        <g aria-hidden="true">
          <path
            d="M-14 6 L-14 -6 L-7 0 L0 -10 L7 0 L14 -6 L14 6 Z"
            fill="#f5b301"
            stroke="#92400e"
            strokeWidth="1.6"
            strokeLinejoin="round"
          />
        </g>
      );
    case 'candidate':
      return (
        <g aria-hidden="true">
          <rect x="-11" y="-3" width="22" height="12" rx="2" fill="#c77700" />
          <rect x="-6" y="-11" width="12" height="10" rx="1" fill="#fff" stroke="#c77700" strokeWidth="1.6" />
          <path d="M-8 -3 H8" stroke="#fff" strokeWidth="1.5" />
        </g>
      );
    case 'follower':
      return null;
  }
}
