import { describe, expect, it } from 'vitest';
import { clipFileName, defaultWindow, lastWindow, longestClipSeconds, parseWindow, pickClipType } from './clipWindow.ts';

describe('the clip window', () => {
  it('defaults to the last second before the moment shown, or the first second of a young run', () => {
    expect(defaultWindow(3737.4)).toEqual({ from: 2737, to: 3737 });
    expect(defaultWindow(200)).toEqual({ from: 0, to: 1000 });
    expect(lastWindow(5000, 3000)).toEqual({ from: 2000, to: 5000 });
  });

  it('reads seconds typed by the teacher and names what is wrong', () => {
    expect(parseWindow('0.5', '2.5')).toEqual({ ok: true, window: { from: 500, to: 2500 } });
    expect(parseWindow('', '2')).toMatchObject({ ok: false, message: expect.stringContaining('From must be a number') });
    expect(parseWindow('1', 'soon')).toMatchObject({ ok: false, message: expect.stringContaining('To must be a number') });
    expect(parseWindow('-1', '2')).toMatchObject({ ok: false, message: expect.stringContaining('before the run started') });
    expect(parseWindow('2', '2')).toMatchObject({ ok: false, message: 'To must be later than From.' });
    expect(parseWindow('0', '31')).toMatchObject({ ok: false, message: expect.stringContaining('at most 30 s') });
  });

  it('says how long the clip plays at the chosen speed', () => {
    // Speed 1 shows 1 s of cluster time in 50 s; speed 50 in real time.
    expect(longestClipSeconds({ from: 0, to: 1000 }, 1)).toBeCloseTo(50);
    expect(longestClipSeconds({ from: 500, to: 2500 }, 50)).toBeCloseTo(2);
  });

  it('names the file by its window and size, and records the best WebM the browser has', () => {
    expect(clipFileName({ from: 500, to: 2500 }, { width: 1280, height: 720 })).toBe('raft-clip-0.500-2.500s-1280x720.webm');
    expect(pickClipType((t) => t === 'video/webm;codecs=vp8')).toBe('video/webm;codecs=vp8');
    expect(pickClipType(() => true)).toBe('video/webm;codecs=vp9');
    expect(pickClipType(() => false)).toBeNull();
    expect(pickClipType(null)).toBeNull();
  });
});
