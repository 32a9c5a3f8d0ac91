import type { NodeId } from '../engine/types.ts';

/** What a step points at on screen, so a newcomer knows where to look. */
export type Highlight =
  | { readonly kind: 'node'; readonly node: NodeId }
  | { readonly kind: 'leader' }
  | { readonly kind: 'candidates' }
  | { readonly kind: 'timers' }
  | { readonly kind: 'terms' }
  | { readonly kind: 'votes' }
  | { readonly kind: 'messages' }
  | { readonly kind: 'log' }
  | { readonly kind: 'minority' }
  | { readonly kind: 'violations' }
  /** The lock panel: who holds the lock, what each client believes, what the storage accepted. */
  | { readonly kind: 'lock' }
  /** A control, by its accessible name ("Split 3/2", "Client write", ...). */
  | { readonly kind: 'control'; readonly name: string };

/**
 * Something the learner is asked to make happen. Each is recognised from the trace, so it does
 * not matter which button or shortcut was used to do it.
 */
export type Goal =
  | { readonly kind: 'leaderElected' }
  | { readonly kind: 'leaderCrashed' }
  | { readonly kind: 'newLeaderAfterCrash' }
  | { readonly kind: 'forcedTimeout' }
  | { readonly kind: 'clientWriteAccepted' }
  /** A leader commits a new entry. */
  | { readonly kind: 'committed' }
  /** A client hears that a write sent since the step appeared succeeded. */
  | { readonly kind: 'clientAcked' }
  | { readonly kind: 'split' }
  /** A minority server stood for election and counted the votes it could get: too few. */
  | { readonly kind: 'minorityRefused' }
  | { readonly kind: 'healed' }
  | { readonly kind: 'violationSeen' }
  /** `node`'s commit index has caught up with the highest in the cluster. */
  | { readonly kind: 'caughtUp'; readonly node: NodeId }
  /** A server dropped entries from its log to match its leader's. */
  | { readonly kind: 'truncated' }
  /** A leader tells `client` it holds the lock. */
  | { readonly kind: 'lockGranted'; readonly client: string }
  /** The storage accepts (or refuses) a write of `client`'s. */
  | { readonly kind: 'stored'; readonly client: string; readonly accepted: boolean };

/** Where a step starts: a library scenario (by name) or a broken-Raft demo (by rule), at a moment. */
export type StepSetup =
  | { readonly from: 'library'; readonly scenario: string; readonly at: number; readonly play: boolean }
  | { readonly from: 'broken'; readonly rule: string; readonly at: number; readonly play: boolean }
  /** A scene made for a lesson (src/lessons/scenes), by name. */
  | { readonly from: 'scene'; readonly scene: string; readonly at: number; readonly play: boolean }
  /**
   * Keep whatever the previous step left running. `at`: opened on its own (a link, Back, Replay)
   * when the steps before it are all watched, the scene opens at this moment, where they leave
   * it (lessons.test.ts checks it against a walk of the lesson).
   */
  | { readonly from: 'continue'; readonly at?: number };

export interface LessonStep {
  readonly id: string;
  readonly title: string;
  /** Plain words for a newcomer; no step needs the paper. */
  readonly text: string;
  readonly setup: StepSetup;
  readonly highlights: readonly Highlight[];
  /**
   * Present: Next waits until the goal is reached after the step appeared, and the run pauses
   * there so the class sees it. `watch`: the run reaches it by itself; else the learner acts.
   * Absent: a Next button moves on.
   */
  readonly task?: { readonly prompt: string; readonly goal: Goal; readonly watch?: true };
  /** The paper's name for the idea, for those who want to read on. */
  readonly paper?: string;
  /**
   * What the text says about the run, as facts a test checks by replaying the step's scene
   * (claims.test.ts): a sentence that is not true of the run it shows fails the build.
   */
  readonly claims: readonly Claim[];
  /** Asked before the step plays on: the run waits, paused, for the class's answer. */
  readonly question?: Question;
}

/** When, within a step, a claim is true: as it appears, when its task is done, or at some moment. */
export type ClaimWhen = 'start' | 'end' | 'sometime';

/** A fact about the run that a step's text states. `null` for a server means "some server". */
export type Claim =
  /** `node` is an alive leader of `term`. */
  | { readonly kind: 'leads'; readonly node: NodeId | null; readonly term: number; readonly when: ClaimWhen }
  /** These servers all act as leaders at the same moment. */
  | { readonly kind: 'leadersAtOnce'; readonly nodes: readonly NodeId[]; readonly when: ClaimWhen }
  /** No alive server among `nodes` becomes leader during the step (and none is one at its end). */
  | { readonly kind: 'noLeaderElected'; readonly among: readonly NodeId[] | 'all' }
  /** `node`, a leader, steps down during the step on hearing a higher term. */
  | { readonly kind: 'stepsDown'; readonly node: NodeId }
  /** During the step some server refuses its vote for this reason (logBehind: the candidate's log is behind). */
  | { readonly kind: 'voteRefused'; readonly reason: 'logBehind' | 'alreadyVoted' }
  /** During the step, `node` (null: the leader) accepted, or refused, a write of `value` (null: any). */
  | { readonly kind: 'write'; readonly node: NodeId | null; readonly value: string | null; readonly accepted: boolean }
  /** Each of `nodes` holds an entry writing `value` to `key`, committed there or not. */
  | {
      readonly kind: 'holds';
      readonly nodes: readonly NodeId[];
      readonly key: string;
      readonly value: string;
      readonly committed: boolean;
      readonly when: ClaimWhen;
    }
  /** None of `nodes` holds an entry writing `value` to `key`. */
  | { readonly kind: 'lacks'; readonly nodes: readonly NodeId[]; readonly key: string; readonly value: string; readonly when: ClaimWhen }
  /** The leader's newest client entry is committed (true) or not yet (false). */
  | { readonly kind: 'newestCommitted'; readonly committed: boolean; readonly when: ClaimWhen }
  /** During the step, the leader commits an entry once `stored` servers (itself included) hold it. */
  | { readonly kind: 'committedOnceStoredBy'; readonly stored: number }
  /** `node`'s log and commit index match the leader's. */
  | { readonly kind: 'matchesLeader'; readonly node: NodeId; readonly when: ClaimWhen }
  /** Some Figure 3 property is broken during the step (the red check), or none is. */
  | { readonly kind: 'violation'; readonly property: string }
  | { readonly kind: 'noViolation' }
  /** No server's election timeout fires during the step: heartbeats keep resetting them. */
  | { readonly kind: 'noElectionTimeout' }
  /** In `term` (null: the step's election) a candidate counted at most `most` votes of `needed`. */
  | { readonly kind: 'mostVotes'; readonly term: number | null; readonly most: number; readonly needed: number }
  /** Each server voted at most once in each term during the step. */
  | { readonly kind: 'oneVotePerTerm' }
  /** `node` is down (crashed) as the step appears, or comes back during it. */
  | { readonly kind: 'down'; readonly node: NodeId; readonly when: ClaimWhen }
  /** `node` dropped entries of its log during the step. */
  | { readonly kind: 'truncated'; readonly node: NodeId }
  /** The servers in `nodes` are cut off from the others. */
  | { readonly kind: 'cutOff'; readonly nodes: readonly NodeId[]; readonly when: ClaimWhen }
  /** By the committed log, `holder` (null: nobody) holds the lock, granted with fencing token `token`. */
  | { readonly kind: 'lockHeld'; readonly holder: string | null; readonly token: number | null; readonly when: ClaimWhen }
  /** `client` believes what it was last told: it holds the lock with `token`, or was fenced off with it. */
  | {
      readonly kind: 'believes';
      readonly client: string;
      readonly state: 'holds' | 'fenced';
      readonly token: number;
      readonly when: ClaimWhen;
    }
  /** During the step, the storage accepted (or refused) a write of `client`'s carrying `token`. */
  | { readonly kind: 'store'; readonly client: string; readonly token: number | null; readonly accepted: boolean };

/** A question the class answers before the run shows what happens. */
export interface Question {
  readonly ask: string;
  /** Two to four answers, chosen by click or by the key of their number (1, 2, 3...). */
  readonly choices: readonly string[];
  /** The index of the right choice. */
  readonly answer: number;
  /** What happened and why, shown once the step's goal is reached. */
  readonly reveal: string;
  /** The rule, as the paper names it. */
  readonly rule: string;
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly steps: readonly LessonStep[];
}
