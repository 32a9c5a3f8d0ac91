// Starts a command-line tool (cli/<name>.ts) from a compiled bundle instead of through tsx, so a
// call starts in well under 0.2 s: tsx transpiles the whole engine at every start. The bundle
// lives in node_modules/.cache/raft-cli and is rebuilt with esbuild (tsx's own compiler) whenever
// any source file under cli/ or src/ is newer than it, so it can never run stale code.
//
//   node cli/launch.mjs sim [args...]       (what `npm run sim` does)
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
if (name !== 'sim' && name !== 'experiment') {
  console.error('usage: node cli/launch.mjs sim|experiment [args...]');
  process.exit(2);
}
const entry = join(root, 'cli', `${name}.ts`);
const out = join(root, 'node_modules', '.cache', 'raft-cli', `${name}.mjs`);

/** The newest modification time of the sources a bundle is made from. */
function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|json|mjs)$/.test(e.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(out).mtimeMs;
  } catch {
    return -1;
  }
}

const sources = Math.max(newestSource(join(root, 'cli')), newestSource(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs);
if (builtAt() < sources) {
  const { buildSync } = await import('esbuild');
  mkdirSync(dirname(out), { recursive: true });
  buildSync({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}
process.argv.splice(2, 1);
await import(pathToFileURL(out).href);
