import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { nodeIO } from './node-io.ts';

// `npm run sim` runs a compiled bundle of the command line (cli/launch.mjs), not tsx: the bundle
// must say exactly what the source says, and exit with the same status.

function launched(args: readonly string[]) {
  return spawnSync(process.execPath, ['cli/launch.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });
}

describe('the compiled command line', () => {
  it('prints the same summary as the source for a library scenario', async () => {
    let expected = '';
    const code = await main(['src/scenarios/split-vote.json'], { ...nodeIO, stdout: (t) => void (expected += t) });
    const run = launched(['sim', 'src/scenarios/split-vote.json']);
    expect(run.status).toBe(code);
    expect(run.stdout).toBe(expected);
    expect(expected).toContain('leaders by term');
  });

  it('keeps the exit status of a bad argument, and refuses an unknown tool', () => {
    expect(launched(['sim', '--no-such-flag']).status).toBe(2);
    const unknown = launched(['rm-rf']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('usage: node cli/launch.mjs sim|experiment');
  });
});
