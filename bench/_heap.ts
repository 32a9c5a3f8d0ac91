import { SimDriver } from '../src/worker/driver.ts';
import { DEFAULT_SETTINGS } from '../src/sim/settings.ts';
import { heapUsed, mb } from './measure.ts';
const d = new SimDriver({ version: 1, settings: DEFAULT_SETTINGS, actions: [] });
for (let t = 2500; t <= 3_600_000; t += 2500) { for (let u = t - 2500 + 166; u < t; u += 166) { d.advanceTo(u); d.frame(2000); } d.advanceTo(t); d.act({ type: 'write', key: 'x', value: String(t) }); d.frame(); }
const tl = (d as any).timeline;
const h0 = heapUsed();
console.log('total', mb(h0), 'segments', tl.segments.length, 'kept', tl.segments.reduce((a: number, s: any) => a + s.kept.length, 0), 'tail', tl.tail.length, 'snaps', tl.snapshots.length, 'meta', (d as any).meta.size, 'markers', (d as any).markers.length);
(d as any).meta.clear(); const h1 = heapUsed(); console.log('meta', mb(h0 - h1));
tl.rebuilt = []; const h2 = heapUsed(); console.log('rebuilt cache', mb(h1 - h2));
for (const s of tl.segments) { s.kept.length = 0; } const h3 = heapUsed(); console.log('kept events', mb(h2 - h3));
tl.tail.length = 0; const h4 = heapUsed(); console.log('tail', mb(h3 - h4));
(d as any).markers = []; const h5 = heapUsed(); console.log('markers', mb(h4 - h5));
for (const k of tl.snapshots) { k.snap.checker = null; } for (const s of tl.segments) s.start.snap.checker = null; const h6 = heapUsed(); console.log('checkers', mb(h5 - h6));
tl.snapshots.length = 1; tl.segments.length = 0; const h7 = heapUsed(); console.log('snapshots rest', mb(h6 - h7), 'left', mb(h7));
