import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  FOLLOW_VERSION,
  MAX_MESSAGE_BYTES,
  parseToRelay,
  SESSION_ALPHABET,
  SESSION_LENGTH,
  type FollowState,
  type FromRelay,
  type RelayErrorCode,
} from '../src/follow/protocol.ts';

/** The relay's limits; tests make them small to reach them quickly. */
export interface RelayLimits {
  /** Messages a connection may send in a burst, and per second after it (a token bucket). */
  readonly burst: number;
  readonly perSecond: number;
  /** A connection that keeps sending past its rate after this many refusals is closed. */
  readonly refusalsBeforeClose: number;
  readonly maxSessions: number;
  readonly maxFollowersPerSession: number;
  readonly maxConnections: number;
  /** How long a session outlives its teacher's connection (a reload, a Wi-Fi drop), in ms. */
  readonly orphanMs: number;
  /** Ping interval; a connection that misses a pong is dropped. */
  readonly pingMs: number;
}

export const DEFAULT_LIMITS: RelayLimits = {
  burst: 30,
  perSecond: 10,
  refusalsBeforeClose: 50,
  maxSessions: 200,
  maxFollowersPerSession: 1000,
  maxConnections: 5000,
  orphanMs: 15 * 60 * 1000,
  pingMs: 30_000,
};

export interface RelayOptions {
  readonly port: number;
  readonly host: string;
  readonly limits?: Partial<RelayLimits>;
  readonly log?: (line: string) => void;
}

export interface Relay {
  readonly port: number;
  readonly url: string;
  sessionCount(): number;
  close(): Promise<void>;
}

/**
 * One teaching session: who may publish (the secret), who follows, and the one thing kept: the
 * latest published state, so a student who joins late sees the run as it is now.
 */
interface Session {
  readonly id: string;
  readonly secret: Buffer;
  host: WebSocket | null;
  readonly followers: Set<WebSocket>;
  state: FollowState | null;
  orphanTimer: ReturnType<typeof setTimeout> | null;
  audienceTimer: ReturnType<typeof setTimeout> | null;
}

interface Peer {
  tokens: number;
  refilledAt: number;
  refusals: number;
  alive: boolean;
  hosting: Session | null;
  following: Session | null;
}

function newSessionId(): string {
  let id = '';
  for (let i = 0; i < SESSION_LENGTH; i++) id += SESSION_ALPHABET[randomInt(SESSION_ALPHABET.length)];
  return id;
}

function sameSecret(a: Buffer, b: string): boolean {
  const given = Buffer.from(b, 'utf8');
  return given.length === a.length && timingSafeEqual(a, given);
}

/**
 * The follow relay: the teacher's page hosts a session and publishes its run; students' pages
 * follow it. WebSocket framing is the `ws` package's; every message is one JSON object, parsed
 * and checked in src/follow/protocol.ts before anything is done with it.
 */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const limits: RelayLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log ?? (() => undefined);
  const sessions = new Map<string, Session>();
  const peers = new Map<WebSocket, Peer>();

  const http: Server = createServer((req, res) => {
    // A plain answer for a person who opens the relay's address in a browser.
    if (req.method === 'GET' && (req.url === '/' || req.url === '/health')) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Raft Election Lab relay: ${sessions.size} session(s). Open the app with ?relay=ws://<this host>:<port>\n`);
      return;
    }
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server: http, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false, clientTracking: true });

  const send = (ws: WebSocket, msg: FromRelay): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const refuse = (ws: WebSocket, code: RelayErrorCode, message: string): void =>
    send(ws, { v: FOLLOW_VERSION, type: 'error', code, message });

  /** Tell the teacher how many follow, at most a few times a second however many join at once. */
  const announceAudience = (session: Session): void => {
    if (session.audienceTimer) return;
    session.audienceTimer = setTimeout(() => {
      session.audienceTimer = null;
      if (session.host) send(session.host, { v: FOLLOW_VERSION, type: 'audience', followers: session.followers.size });
    }, 250);
  };

  const dropSession = (session: Session): void => {
    if (session.orphanTimer) clearTimeout(session.orphanTimer);
    if (session.audienceTimer) clearTimeout(session.audienceTimer);
    sessions.delete(session.id);
    log(`session ${session.id} ended`);
  };

  const leave = (ws: WebSocket, peer: Peer): void => {
    if (peer.following) {
      peer.following.followers.delete(ws);
      announceAudience(peer.following);
      peer.following = null;
    }
    const hosted = peer.hosting;
    if (hosted && hosted.host === ws) {
      hosted.host = null;
      hosted.orphanTimer = setTimeout(() => dropSession(hosted), limits.orphanMs);
    }
    peer.hosting = null;
  };

  /** A token bucket per connection: bursts are fine (a timeline drag), a flood is not. */
  const allowed = (peer: Peer): boolean => {
    const now = performance.now();
    peer.tokens = Math.min(limits.burst, peer.tokens + ((now - peer.refilledAt) / 1000) * limits.perSecond);
    peer.refilledAt = now;
    if (peer.tokens < 1) return false;
    peer.tokens -= 1;
    return true;
  };

  const onMessage = (ws: WebSocket, peer: Peer, data: Buffer, isBinary: boolean): void => {
    if (!allowed(peer)) {
      peer.refusals++;
      if (peer.refusals > limits.refusalsBeforeClose) ws.close(1008, 'rate limit');
      else if (peer.refusals === 1 || peer.refusals % 10 === 0) refuse(ws, 'rate-limited', 'Too many messages: slow down.');
      return;
    }
    const msg = isBinary ? null : parseToRelay(data.toString('utf8'));
    if (!msg) return refuse(ws, 'malformed', 'Not a message of the follow protocol.');
    switch (msg.type) {
      case 'unsupported':
        return refuse(ws, 'version', `This relay speaks follow protocol ${FOLLOW_VERSION}, the page ${msg.v}.`);
      case 'host': {
        leave(ws, peer);
        let session: Session | undefined;
        if (msg.session !== undefined && msg.secret !== undefined) {
          // The teacher's page comes back (a reload, a dropped connection) with its secret.
          session = sessions.get(msg.session);
          if (!session) return refuse(ws, 'unknown-session', 'That session has ended: start a new one.');
          if (!sameSecret(session.secret, msg.secret))
            return refuse(ws, 'forbidden', 'Only the teacher who started this session may host it.');
          if (session.orphanTimer) clearTimeout(session.orphanTimer);
          session.orphanTimer = null;
          if (session.host && session.host !== ws) session.host.close(4000, 'hosted elsewhere');
        } else {
          if (sessions.size >= limits.maxSessions) return refuse(ws, 'full', 'This relay holds as many sessions as it can.');
          let id = newSessionId();
          while (sessions.has(id)) id = newSessionId();
          session = {
            id,
            secret: Buffer.from(randomBytes(24).toString('base64url')),
            host: null,
            followers: new Set(),
            state: null,
            orphanTimer: null,
            audienceTimer: null,
          };
          sessions.set(id, session);
          log(`session ${id} started`);
        }
        session.host = ws;
        peer.hosting = session;
        send(ws, { v: FOLLOW_VERSION, type: 'hosted', session: session.id, secret: session.secret.toString('utf8') });
        announceAudience(session);
        return;
      }
      case 'follow': {
        const session = sessions.get(msg.session);
        if (!session) return refuse(ws, 'unknown-session', 'No session with that code is running on this relay.');
        if (session.followers.size >= limits.maxFollowersPerSession)
          return refuse(ws, 'full', 'This session has as many followers as it can take.');
        leave(ws, peer);
        session.followers.add(ws);
        peer.following = session;
        send(ws, { v: FOLLOW_VERSION, type: 'following', session: session.id });
        if (session.state) send(ws, { v: FOLLOW_VERSION, type: 'state', session: session.id, state: session.state });
        announceAudience(session);
        return;
      }
      case 'publish': {
        const session = sessions.get(msg.session);
        // The same answer for a wrong secret and a missing session: a forger learns nothing.
        if (!session || !sameSecret(session.secret, msg.secret)) {
          log(`refused a publish to ${msg.session} without its secret`);
          return refuse(ws, 'forbidden', 'Only the teacher who started this session may publish to it.');
        }
        if (session.state && msg.state.seq <= session.state.seq)
          return send(ws, { v: FOLLOW_VERSION, type: 'published', seq: session.state.seq });
        session.state = msg.state;
        // Serialise once for everyone: 300 followers get the same bytes.
        const text = JSON.stringify({ v: FOLLOW_VERSION, type: 'state', session: session.id, state: msg.state } satisfies FromRelay);
        for (const f of session.followers) if (f.readyState === f.OPEN) f.send(text);
        send(ws, { v: FOLLOW_VERSION, type: 'published', seq: msg.state.seq });
        return;
      }
    }
  };

  wss.on('connection', (ws: WebSocket, _req: IncomingMessage) => {
    if (peers.size >= limits.maxConnections) {
      ws.close(1013, 'relay full');
      return;
    }
    const peer: Peer = { tokens: limits.burst, refilledAt: performance.now(), refusals: 0, alive: true, hosting: null, following: null };
    peers.set(ws, peer);
    ws.on('message', (data: Buffer, isBinary: boolean) => onMessage(ws, peer, data, isBinary));
    ws.on('pong', () => (peer.alive = true));
    ws.on('close', () => {
      leave(ws, peer);
      peers.delete(ws);
    });
    // An oversized message makes ws close the socket (1009); other socket errors end it too.
    ws.on('error', () => ws.terminate());
  });

  const pinger = setInterval(() => {
    for (const [ws, peer] of peers) {
      if (!peer.alive) {
        ws.terminate();
        continue;
      }
      peer.alive = false;
      ws.ping();
    }
  }, limits.pingMs);

  await new Promise<void>((ok, fail) => {
    http.once('error', fail);
    http.listen(options.port, options.host, () => ok());
  });
  const port = (http.address() as AddressInfo).port;
  log(`relay listening on ws://${options.host}:${port}`);

  return {
    port,
    url: `ws://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    sessionCount: () => sessions.size,
    close: async () => {
      clearInterval(pinger);
      for (const s of sessions.values()) dropSession(s);
      for (const ws of peers.keys()) ws.terminate();
      await new Promise<void>((ok) => wss.close(() => ok()));
      await new Promise<void>((ok) => http.close(() => ok()));
    },
  };
}
