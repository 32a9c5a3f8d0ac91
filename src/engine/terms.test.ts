import { describe, expect, it } from 'vitest';
import { appendEntries, appendReply, deliver, elect, makeNode, requestVote, voteReply } from '../../test/support/nodes.ts';
import { step, type RaftNode } from './index.ts';
import type { Rpc } from './types.ts';
import { roleOf } from './node.ts';

// Figure 2, All Servers: "If RPC request or response contains term T > currentTerm: set
// currentTerm = T, convert to follower." Checked for each RPC and reply, from each role.

const rpcs: Record<string, (term: number) => Rpc> = {
  RequestVote: (t) => requestVote(t, 'S3', 0, 0),
  RequestVoteReply: (t) => voteReply(t, false),
  AppendEntries: (t) => appendEntries(t, 'S3', 0, 0),
  AppendEntriesReply: (t) => appendReply(t, false),
};

const roles: Record<string, () => RaftNode> = {
  follower: () => makeNode({ term: 2, votedFor: 'S2' }),
  candidate: () => {
    const n = makeNode({ term: 1 });
    step(n, { type: 'timeoutNow' }, 0);
    return n;
  },
  leader: () => {
    const n = makeNode({ term: 1 });
    elect(n, 0);
    return n;
  },
};

describe('a higher term in any RPC or reply (Figure 2, All Servers)', () => {
  for (const [role, build] of Object.entries(roles)) {
    for (const [type, make] of Object.entries(rpcs)) {
      it(`a ${role} receiving ${type} with a higher term adopts it and becomes a follower`, () => {
        const n = build();
        expect(roleOf(n)).toBe(role);
        const before = n.currentTerm;
        deliver(n, 'S3', make(before + 5), 10);
        expect(n.currentTerm).toBe(before + 5);
        expect(roleOf(n)).toBe('follower');
        // A new term means a fresh vote, unless the RPC itself was a vote request it granted.
        if (type === 'RequestVote') expect(n.votedFor).toBe('S3');
        else expect(n.votedFor).toBeNull();
      });
    }
  }

  it('a leader that steps down for a higher term stops sending heartbeats', () => {
    const n = makeNode({ size: 3 });
    elect(n, 0);
    deliver(n, 'S2', appendReply(4, false), 10);
    expect(roleOf(n)).toBe('follower');
    const out = step(n, { type: 'timer' }, 60); // its old heartbeat time
    expect(out.sends.filter((s) => s.rpc.type === 'AppendEntries')).toEqual([]);
  });

  it('a refused PreVote carrying a higher term teaches it in any role; a PreVote request or a granted PreVote never does', () => {
    const refusal = { ...voteReply(9, false, true), reason: 'staleTerm' as const };
    for (const build of Object.values(roles)) {
      const n = build();
      deliver(n, 'S3', refusal, 10);
      expect([n.currentTerm, roleOf(n)]).toEqual([9, 'follower']);
    }
    const n = makeNode({ term: 2, config: { preVote: true } });
    deliver(n, 'S3', requestVote(6, 'S3', 0, 0, true), 10);
    deliver(n, 'S3', voteReply(3, true, true), 20);
    expect(n.currentTerm).toBe(2);
  });

  it('a lower term never lowers currentTerm', () => {
    const n = makeNode({ term: 7 });
    for (const make of Object.values(rpcs)) deliver(n, 'S3', make(3));
    expect(n.currentTerm).toBe(7);
  });
});
