import { describe, expect, it } from 'vitest';
import { parseLessonLink } from '../lessons/link.ts';
import { embedSnippet, embedUrl, fullAppUrl, isEmbedded } from './embedUrl.ts';

describe('embedding', () => {
  it('an embedded address is the run link with embed=1, and leads back to the same run', () => {
    const run = 'https://lab.example/raft/?speed=2#run=2.abc';
    const embedded = embedUrl(run);
    expect(embedded).toBe('https://lab.example/raft/?speed=2&embed=1#run=2.abc');
    expect(isEmbedded(new URL(embedded).search)).toBe(true);
    expect(fullAppUrl(embedded)).toBe(run);
    expect(isEmbedded('?embed=0')).toBe(false);
  });

  it('a lesson step embeds by its link, and the embedded page leads back to that step', () => {
    const step = 'https://lab.example/raft/#lesson=quorum&step=2';
    const embedded = embedUrl(step);
    expect(embedded).toBe('https://lab.example/raft/?embed=1#lesson=quorum&step=2');
    expect(isEmbedded(new URL(embedded).search)).toBe(true);
    expect(parseLessonLink(new URL(embedded).hash)).toEqual({ ok: true, place: { lesson: 'quorum', step: 1 } });
    expect(fullAppUrl(embedded)).toBe(step);
  });

  it('the snippet quotes the address, so nothing in it can close the attribute', () => {
    const snippet = embedSnippet('https://x.example/?a="><script>#run=1', 640, 400);
    expect(snippet).toMatch(/^<iframe src="[^"]*" width="640" height="400" sandbox="allow-scripts allow-popups"/);
    expect(snippet).not.toContain('"><script>');
    expect(snippet).toContain('&quot;&gt;&lt;script&gt;');
  });
});
