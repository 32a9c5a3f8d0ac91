import { describe, expect, it } from 'vitest';
import { describeHighlights, highlightCss, highlightedNodes } from './highlightCss.ts';

describe('lesson highlights', () => {
  it('point at nodes by their state and at regions by their panel', () => {
    expect(highlightedNodes([{ kind: 'leader' }])).toBe('.ring .node-hit[data-role="leader"][data-alive="true"]');
    expect(highlightedNodes([{ kind: 'minority' }])).toContain('[data-island="1"]');
    const css = highlightCss([{ kind: 'log' }, { kind: 'node', node: 'S3' }]);
    expect(css).toContain('.log-card');
    expect(css).toContain('[data-node="S3"]');
  });

  it('never put a name that is not a server id into the style sheet', () => {
    expect(highlightCss([{ kind: 'node', node: 'S1"] body { display: none } [x="' }])).toBe('');
  });

  it('say in words what they point at', () => {
    expect(describeHighlights([{ kind: 'leader' }, { kind: 'control', name: 'Heal' }])).toBe('the leader, the "Heal" button');
  });
});
