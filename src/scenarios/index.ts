import type { Scenario } from '../sim/scenario.ts';
import { parseScenario } from '../sim/validate.ts';
import addServerDuringSplit from './add-server-during-split.json';
import figure8 from './figure-8.json';
import firstElection from './first-election.json';
import followerCatchUp from './follower-catch-up.json';
import heldHeartbeat from './held-heartbeat-election.json';
import leaderCrash from './leader-crash.json';
import leadershipTransfer from './leadership-transfer.json';
import lossyNetwork from './lossy-network.json';
import lostVote from './lost-vote-split.json';
import removeTheLeader from './remove-the-leader.json';
import sevenNodes from './seven-nodes-lose-three-then-four.json';
import split32LeaderMajority from './split-3-2-leader-majority.json';
import split32LeaderMinority from './split-3-2-leader-minority.json';
import splitVote from './split-vote.json';
import staleRead from './stale-read.json';

/** A scenario of the library: its name is its id (and file name), and it says what to watch for. */
export interface LibraryScenario extends Scenario {
  readonly name: string;
  readonly description: string;
  readonly until: number;
}

/**
 * The documents go through the same validator as any file or link: JSON imports are typed only
 * loosely, and a library scenario that would not load from a file must not load here either.
 */
function entry(doc: unknown): LibraryScenario {
  const s = parseScenario(doc);
  if (s.name === undefined || s.description === undefined || s.until === undefined) {
    throw new Error(`library scenario ${s.name ?? '(unnamed)'} needs a name, a description and an until`);
  }
  return { ...s, name: s.name, description: s.description, until: s.until };
}

/** In teaching order: from a calm first election to the paper's subtlest case. */
export const SCENARIOS: readonly LibraryScenario[] = [
  firstElection,
  leaderCrash,
  splitVote,
  lostVote,
  heldHeartbeat,
  split32LeaderMajority,
  split32LeaderMinority,
  followerCatchUp,
  leadershipTransfer,
  addServerDuringSplit,
  removeTheLeader,
  staleRead,
  lossyNetwork,
  sevenNodes,
  figure8,
].map(entry);

export function findScenario(name: string): LibraryScenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
