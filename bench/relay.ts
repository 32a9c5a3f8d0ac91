// Relay load benchmark, on loopback only: one teacher, 300 followers (BENCH_FOLLOWERS), a run of
// updates; prints how long each update takes to reach every follower. Prints figures; asserts
// nothing about time. It fails only if an update never reaches a follower.
import { performance } from 'node:perf_hooks';
import { FOLLOW_VERSION, type FollowState } from '../src/follow/protocol.ts';
import { startRelay } from '../relay/server.ts';
import { TestClient } from '../relay/testClient.ts';

const FOLLOWERS = Number(process.env.BENCH_FOLLOWERS ?? 300);
const UPDATES = 40;
const GAP_MS = 100;
const v = FOLLOW_VERSION;

// A run link of a realistic size: a scenario with a few dozen actions compresses to ~1 KB.
const run = `run=1.${'x'.repeat(1200)}`;

const relay = await startRelay({ port: 0, host: '127.0.0.1' });
const teacher = await TestClient.open(relay.url);
const { session, secret } = await teacher.ask({ v, type: 'host' }, 'hosted');

const t0 = performance.now();
const followers: TestClient[] = [];
for (let i = 0; i < FOLLOWERS; i += 50) {
  const batch = await Promise.all(Array.from({ length: Math.min(50, FOLLOWERS - i) }, () => TestClient.open(relay.url)));
  await Promise.all(batch.map((f) => f.ask({ v, type: 'follow', session }, 'following')));
  followers.push(...batch);
}
console.log(`${FOLLOWERS} followers connected and following in ${(performance.now() - t0).toFixed(0)} ms`);

// For each update: when it was sent, and when each follower had it.
const sentAt = new Map<number, number>();
const lastArrival = new Map<number, number>();
const arrivals = new Map<number, number>();
for (const f of followers) {
  f.onReceived = (m) => {
    if (m.type !== 'state') return;
    const now = performance.now();
    arrivals.set(m.state.seq, (arrivals.get(m.state.seq) ?? 0) + 1);
    lastArrival.set(m.state.seq, Math.max(lastArrival.get(m.state.seq) ?? 0, now));
  };
}

for (let seq = 1; seq <= UPDATES; seq++) {
  const state: FollowState = { seq, run, speed: 1, lesson: { id: 'quorum', step: seq % 5 } };
  sentAt.set(seq, performance.now());
  teacher.send({ v, type: 'publish', session, secret, state });
  await new Promise((ok) => setTimeout(ok, GAP_MS));
}
const deadline = performance.now() + 5000;
while (performance.now() < deadline && [...arrivals.values()].some((n) => n < FOLLOWERS)) await new Promise((ok) => setTimeout(ok, 50));

const spans: number[] = [];
let missing = 0;
for (let seq = 1; seq <= UPDATES; seq++) {
  const got = arrivals.get(seq) ?? 0;
  missing += FOLLOWERS - got;
  if (got === FOLLOWERS) spans.push(lastArrival.get(seq)! - sentAt.get(seq)!);
}
spans.sort((a, b) => a - b);
const pct = (p: number): number => spans[Math.min(spans.length - 1, Math.floor((p / 100) * spans.length))] ?? NaN;
console.log(
  `${UPDATES} updates, ${FOLLOWERS} followers: time until the last follower had an update: ` +
    `p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${(spans.at(-1) ?? NaN).toFixed(1)} ms` +
    (missing > 0 ? `; ${missing} deliveries MISSING` : '; every follower had every update'),
);

for (const f of followers) f.close();
teacher.close();
await relay.close();
process.exit(missing > 0 ? 1 : 0);
