import { WebSocket } from 'ws';
import { parseFromRelay, type FromRelay } from '../src/follow/protocol.ts';

/** A relay connection for tests and the benchmark: sends raw text or objects, awaits replies by type. */
export class TestClient {
  readonly received: FromRelay[] = [];
  closed: { code: number } | null = null;
  private waiters: { match: (m: FromRelay) => boolean; ok: (m: FromRelay) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const msg = parseFromRelay(data.toString('utf8'));
      if (!msg) throw new Error(`the relay sent something the page could not read: ${data.toString('utf8').slice(0, 200)}`);
      this.received.push(msg);
      this.onReceived?.(msg);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(msg)) return true;
        w.ok(msg);
        return false;
      });
    });
    ws.on('close', (code: number) => (this.closed = { code }));
  }

  onReceived: ((msg: FromRelay) => void) | null = null;

  static open(url: string): Promise<TestClient> {
    return new Promise((ok, fail) => {
      const ws = new WebSocket(url);
      ws.once('open', () => ok(new TestClient(ws)));
      ws.once('error', fail);
    });
  }

  send(msg: object | string): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  /** Send `msg` and wait for the next message of `type`. */
  ask<T extends FromRelay['type']>(msg: object | string, type: T, ms = 2000): Promise<Extract<FromRelay, { type: T }>> {
    const reply = this.next(type, ms);
    this.send(msg);
    return reply;
  }

  /** The next message of `type` to arrive, within `ms`. */
  next<T extends FromRelay['type']>(type: T, ms = 2000): Promise<Extract<FromRelay, { type: T }>> {
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no "${type}" message within ${ms} ms`)), ms);
      this.waiters.push({
        match: (m) => m.type === type,
        ok: (m) => {
          clearTimeout(timer);
          ok(m as Extract<FromRelay, { type: T }>);
        },
      });
    });
  }

  ofType<T extends FromRelay['type']>(type: T): Extract<FromRelay, { type: T }>[] {
    return this.received.filter((m): m is Extract<FromRelay, { type: T }> => m.type === type);
  }

  waitClosed(ms = 2000): Promise<number> {
    return new Promise((ok, fail) => {
      if (this.closed) return ok(this.closed.code);
      const timer = setTimeout(() => fail(new Error(`still open after ${ms} ms`)), ms);
      this.ws.once('close', (code: number) => {
        clearTimeout(timer);
        ok(code);
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}
