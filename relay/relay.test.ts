import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FOLLOW_VERSION, MAX_MESSAGE_BYTES, type FollowState } from '../src/follow/protocol.ts';
import { startRelay, type Relay, type RelayLimits } from './server.ts';
import { TestClient } from './testClient.ts';

const v = FOLLOW_VERSION;
const state = (seq: number, extra: Partial<FollowState> = {}): FollowState => ({
  seq,
  run: `run=1.abc${seq}`,
  speed: 1,
  lesson: null,
  ...extra,
});

let relay: Relay;
const clients: TestClient[] = [];

async function start(limits: Partial<RelayLimits> = {}): Promise<void> {
  relay = await startRelay({ port: 0, host: '127.0.0.1', limits });
}
async function open(): Promise<TestClient> {
  const c = await TestClient.open(relay.url);
  clients.push(c);
  return c;
}
/** A teacher with a session, and `n` students following it. */
async function classroom(n: number) {
  const teacher = await open();
  const { session, secret } = await teacher.ask({ v, type: 'host' }, 'hosted');
  const students = await Promise.all(Array.from({ length: n }, () => open()));
  await Promise.all(students.map((s) => s.ask({ v, type: 'follow', session }, 'following')));
  return { teacher, session, secret, students };
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await relay.close();
});

describe('relay: a session', () => {
  beforeEach(() => start());

  it('gives the teacher a short session code and a secret', async () => {
    const { session, secret } = await classroom(0);
    expect(session).toMatch(/^[A-Z2-9]{6}$/);
    expect(secret.length).toBeGreaterThanOrEqual(20);
    expect(relay.sessionCount()).toBe(1);
  });

  it("passes the teacher's published state to every student, unchanged", async () => {
    const { teacher, session, secret, students } = await classroom(3);
    const published = state(1, { speed: 20, lesson: { id: 'quorum', step: 2 } });
    const arrivals = students.map((s) => s.next('state'));
    await teacher.ask({ v, type: 'publish', session, secret, state: published }, 'published');
    for (const m of await Promise.all(arrivals)) expect(m).toEqual({ v, type: 'state', session, state: published });
  });

  it('shows a student who joins late the run as it is now, and only the latest state', async () => {
    const { teacher, session, secret } = await classroom(0);
    await teacher.ask({ v, type: 'publish', session, secret, state: state(1) }, 'published');
    await teacher.ask({ v, type: 'publish', session, secret, state: state(2) }, 'published');
    const late = await open();
    const arrived = late.next('state');
    late.send({ v, type: 'follow', session });
    expect((await arrived).state.seq).toBe(2);
  });

  it('does not pass on a state older than the one it holds', async () => {
    const { teacher, session, secret, students } = await classroom(1);
    await teacher.ask({ v, type: 'publish', session, secret, state: state(5) }, 'published');
    await teacher.ask({ v, type: 'publish', session, secret, state: state(3) }, 'published');
    await teacher.ask({ v, type: 'publish', session, secret, state: state(6) }, 'published');
    expect(students[0]!.ofType('state').map((m) => m.state.seq)).toEqual([5, 6]);
  });

  it('tells the teacher how many students follow', async () => {
    const { teacher, students } = await classroom(2);
    await expect.poll(() => teacher.ofType('audience').at(-1)?.followers).toBe(2);
    students[0]!.close();
    await expect.poll(() => teacher.ofType('audience').at(-1)?.followers).toBe(1);
  });
});

describe('relay: only the teacher publishes', () => {
  beforeEach(() => start());

  it('refuses a publish forged without the secret, and the students never see it', async () => {
    const { teacher, session, secret, students } = await classroom(2);
    await teacher.ask({ v, type: 'publish', session, secret, state: state(1) }, 'published');
    const forger = await open();
    const forged = state(99, { run: 'run=1.forged' });
    expect((await forger.ask({ v, type: 'publish', session, secret: 'x'.repeat(secret.length), state: forged }, 'error')).code).toBe(
      'forbidden',
    );
    expect((await forger.ask({ v, type: 'publish', session, secret: '', state: forged }, 'error')).code).toBe('forbidden');
    // A student cannot publish either, though it is in the session.
    expect((await students[0]!.ask({ v, type: 'publish', session, secret: 'guess', state: forged }, 'error')).code).toBe('forbidden');
    // The teacher's next publish still arrives; the forged one never did.
    const next = students[1]!.next('state');
    await teacher.ask({ v, type: 'publish', session, secret, state: state(2) }, 'published');
    expect((await next).state.seq).toBe(2);
    for (const s of students) expect(s.ofType('state').map((m) => m.state.run)).not.toContain('run=1.forged');
    const late = await open();
    expect((await late.ask({ v, type: 'follow', session }, 'state')).state.seq).toBe(2);
  });

  it('lets the teacher take the session back after a reload with the secret, and nobody else', async () => {
    const { teacher, session, secret } = await classroom(0);
    teacher.close();
    await teacher.waitClosed();
    const thief = await open();
    expect((await thief.ask({ v, type: 'host', session, secret: 'A'.repeat(32) }, 'error')).code).toBe('forbidden');
    const back = await open();
    expect(await back.ask({ v, type: 'host', session, secret }, 'hosted')).toEqual({ v, type: 'hosted', session, secret });
  });

  it('ends a session whose teacher has been gone for the orphan time', async () => {
    await relay.close();
    await start({ orphanMs: 100 });
    const { teacher, session, secret } = await classroom(0);
    teacher.close();
    await expect.poll(() => relay.sessionCount(), { timeout: 2000 }).toBe(0);
    const back = await open();
    expect((await back.ask({ v, type: 'host', session, secret }, 'error')).code).toBe('unknown-session');
  });
});

describe('relay: bad input', () => {
  beforeEach(() => start());

  it('answers malformed messages plainly and keeps the connection usable', async () => {
    const { teacher, session, secret } = await classroom(0);
    const bad: (object | string)[] = [
      'not json',
      '[]',
      { v, type: 'dance' },
      { v, type: 'follow', session: 'abc' },
      { v, type: 'follow', session, extra: 1 },
      { v, type: 'publish', session, secret, state: { ...state(1), speed: 1e6 } },
      { v, type: 'publish', session, secret, state: { ...state(1), run: '<img src=x onerror=alert(1)>' } },
      { v, type: 'publish', session, secret, state: { ...state(1), cluster: { nodes: [] } } },
      { v, type: 'publish', session, secret, state: { ...state(1), lesson: { id: 'Quorum!', step: 1 } } },
    ];
    for (const msg of bad) expect((await teacher.ask(msg, 'error')).code).toBe('malformed');
    expect((await teacher.ask({ v: 99, type: 'host' }, 'error')).code).toBe('version');
    expect((await teacher.ask({ v, type: 'follow', session: 'ZZZZZZ' }, 'error')).code).toBe('unknown-session');
    await teacher.ask({ v, type: 'publish', session, secret, state: state(1) }, 'published');
  });

  it('closes a connection that sends an oversized message', async () => {
    const { teacher, session, secret } = await classroom(0);
    teacher.send({ v, type: 'publish', session, secret, state: state(1, { run: `run=1.${'a'.repeat(MAX_MESSAGE_BYTES)}` }) });
    expect(await teacher.waitClosed()).toBe(1009);
  });
});

describe('relay: rate limit', () => {
  beforeEach(() => start({ burst: 5, perSecond: 1, refusalsBeforeClose: 20 }));

  it('refuses a flood past the burst, then closes a connection that keeps on', async () => {
    const { teacher, session, secret, students } = await classroom(1);
    const refused = teacher.next('error');
    for (let i = 1; i <= 10; i++) teacher.send({ v, type: 'publish', session, secret, state: state(i) });
    expect((await refused).code).toBe('rate-limited');
    // The host message used one token: four publishes went through.
    await expect.poll(() => students[0]!.ofType('state').length).toBe(4);
    for (let i = 11; i <= 40; i++) teacher.send({ v, type: 'publish', session, secret, state: state(i) });
    expect(await teacher.waitClosed()).toBe(1008);
    expect(students[0]!.ofType('state').length).toBe(4);
  });
});

describe('relay: a full lecture hall', () => {
  beforeEach(() => start());

  it('holds 300 followers on loopback and every update reaches every one of them', async () => {
    const { teacher, session, secret, students } = await classroom(300);
    for (let seq = 1; seq <= 3; seq++) {
      const arrivals = students.map((s) => s.next('state', 10_000));
      teacher.send({ v, type: 'publish', session, secret, state: state(seq) });
      for (const m of await Promise.all(arrivals)) expect(m.state.seq).toBe(seq);
    }
    await expect.poll(() => teacher.ofType('audience').at(-1)?.followers).toBe(300);
  });
});
