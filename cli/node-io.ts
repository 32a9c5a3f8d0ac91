import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { CliIO, Terminal, TraceSink } from './main.ts';

const CHUNK = 1 << 16;

/** Lines gathered into large chunks: one write call per line would dominate a long run. */
function buffered(writeChunk: (chunk: string) => void, end: () => void): TraceSink {
  let buffer = '';
  return {
    write(line) {
      buffer += line + '\n';
      if (buffer.length >= CHUNK) {
        writeChunk(buffer);
        buffer = '';
      }
    },
    close() {
      if (buffer.length > 0) writeChunk(buffer);
      buffer = '';
      end();
    },
  };
}

let stopAsked = false;

/**
 * The real terminal. The first Ctrl-C asks the run to stop at its next slice (it then writes its
 * summary and the trace's final line); a second one quits at once. Progress is drawn only on a
 * terminal, never into a redirected stderr.
 */
export function nodeTerminal(): Terminal {
  process.on('SIGINT', () => {
    if (stopAsked) process.exit(130);
    stopAsked = true;
  });
  return {
    now: () => performance.now(),
    progress(line) {
      if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line}`);
    },
    interrupted: () => stopAsked,
    yield: () => new Promise((resolve) => setImmediate(resolve)),
  };
}

export const nodeIO: CliIO = {
  readText: (path) => readFileSync(path, 'utf8'),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  openFile(path) {
    const fd = openSync(path, 'w');
    return buffered(
      (chunk) => void writeSync(fd, chunk),
      () => closeSync(fd),
    );
  },
  // On Linux, writes to a pipe or terminal through process.stdout are synchronous, so the
  // trace cannot pile up in memory behind a slow reader.
  openStdout: () =>
    buffered(
      (chunk) => void process.stdout.write(chunk),
      () => {},
    ),
};
