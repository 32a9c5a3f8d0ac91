import { ClientHistoryFold, type ClientHistoryFacts } from '../sim/clientHistory.ts';
import { eachNotable, type EventLog } from '../sim/eventLog.ts';

/**
 * The client history (src/sim/clientHistory.ts) at the moment shown, read from the run's recorded
 * events as RunFacts reads its own: forward, only the new events; back, again from the start.
 * The facts (and the linearizability check in them) are worked out only when a write changed.
 */
export class ClientFacts {
  private read = 0;
  private fold = new ClientHistoryFold();
  /** The fold's version the page was last sent; -1: nothing sent yet. */
  private sent = -1;

  restart(): void {
    this.read = 0;
    this.fold = new ClientHistoryFold();
    this.sent = -1;
  }

  /** Read the history up to `end`; the facts when they changed (`facts` null: no write yet), else null. */
  advance(history: EventLog, end: number): { readonly facts: ClientHistoryFacts | null } | null {
    if (end < this.read) {
      this.fold = new ClientHistoryFold();
      this.read = 0;
      // A fresh fold restarts its count: what was sent belongs to the later moment.
      this.sent = -1;
    }
    eachNotable(history, this.read, end, (e) => this.fold.see(e));
    this.read = end;
    if (this.fold.version === this.sent) return null;
    this.sent = this.fold.version;
    return { facts: this.fold.facts() };
  }
}
