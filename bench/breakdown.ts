import type { Browser, Page } from '@playwright/test';

/**
 * Where a page's main-thread time goes, phase by phase, from a Chrome trace: what the busy time
 * of bench:vs is made of once script and style+layout are taken out (paint, pre-paint, the
 * compositing commit...). Tracing slows the page a little, so the figures are for comparing
 * phases with each other, not with the untraced busy time.
 */
const PHASES: readonly (readonly [string, string])[] = [
  ['ThreadControllerImpl::RunTask', 'all tasks'],
  ['HandlePostMessage', 'worker frames (script)'],
  ['Blink.Animate.UpdateTime', 'animation frames (script)'],
  ['Blink.ForcedStyleAndLayout.UpdateTime', 'forced style and layout'],
  ['Blink.Style.UpdateTime', 'style'],
  ['Blink.Layout.UpdateTime', 'layout'],
  ['Blink.PrePaint.UpdateTime', 'pre-paint'],
  ['Blink.Paint.UpdateTime', 'paint'],
  ['Blink.CompositingCommit.UpdateTime', 'layerize'],
  ['ProxyMain::BeginMainFrame::commit', 'commit to the compositor'],
];

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

/** Trace `page` while `drive` runs; returns ms per wall second for each phase, in PHASES' order. */
export async function traceBreakdown(browser: Browser, page: Page, drive: () => Promise<void>): Promise<string[]> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel', 'blink', 'cc'] });
  const t0 = Date.now();
  await drive();
  const wall = (Date.now() - t0) / 1000;
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const main = new Set<string>();
  for (const e of traceEvents) if (e.name === 'thread_name' && e.args?.name === 'CrRendererMain') main.add(`${e.pid}:${e.tid}`);
  const total = new Map<string, number>();
  for (const e of traceEvents) {
    if (e.ph !== 'X' || !e.dur || !main.has(`${e.pid}:${e.tid}`)) continue;
    total.set(e.name, (total.get(e.name) ?? 0) + e.dur / 1000);
  }
  return PHASES.map(([name, label]) => `${((total.get(name) ?? 0) / wall).toFixed(0).padStart(5)} ms/s  ${label}`);
}
