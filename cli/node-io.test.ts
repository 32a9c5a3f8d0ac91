import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeIO } from './node-io.ts';

describe('node IO', () => {
  it('writes every trace line to the file, in order, across buffer flushes', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sim-cli-')), 'trace.jsonl');
    const sink = nodeIO.openFile(path);
    const count = 5000; // well past one 64 KiB chunk
    for (let i = 0; i < count; i++) sink.write(JSON.stringify({ i, pad: 'x'.repeat(20) }));
    sink.close();
    const read = readFileSync(path, 'utf8').split('\n');
    expect(read.pop()).toBe('');
    expect(read.map((l) => (JSON.parse(l) as { i: number }).i)).toEqual(Array.from({ length: count }, (_, i) => i));
  });

  it('refuses a trace path it cannot create', () => {
    expect(() => nodeIO.openFile('/nonexistent-dir/trace.jsonl')).toThrow(/ENOENT/);
  });

  it('reads scenario files as text', () => {
    expect(() => nodeIO.readText('/nonexistent-dir/s.json')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
