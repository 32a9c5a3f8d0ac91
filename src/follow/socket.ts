import { FOLLOW_VERSION, parseFromRelay, type FromRelay, type ToRelay } from './protocol.ts';

export type SocketStatus = 'connecting' | 'open' | 'closed';

/**
 * A WebSocket to the relay that comes back after a drop (Wi-Fi in a lecture hall), waiting a
 * little longer each time. `onOpen` runs on every (re)connection, to host or follow again.
 */
export class RelaySocket {
  private ws: WebSocket | null = null;
  private retry = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly handlers: {
      readonly onOpen: () => void;
      readonly onMessage: (msg: FromRelay) => void;
      readonly onStatus: (status: SocketStatus) => void;
    },
  ) {
    this.connect();
  }

  private connect(): void {
    this.handlers.onStatus('connecting');
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.handlers.onStatus('closed');
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 0;
      this.handlers.onStatus('open');
      this.handlers.onOpen();
    };
    ws.onmessage = (e: MessageEvent) => {
      // Only text of the follow protocol is read; anything else is dropped unread.
      if (typeof e.data !== 'string') return;
      const msg = parseFromRelay(e.data);
      if (msg) this.handlers.onMessage(msg);
    };
    ws.onclose = () => {
      this.ws = null;
      if (this.stopped) return;
      this.handlers.onStatus('connecting');
      const delay = Math.min(10_000, 500 * 2 ** this.retry++);
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }

  send(msg: ToRelay): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  get open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close();
    this.handlers.onStatus('closed');
  }
}

export const V = FOLLOW_VERSION;
