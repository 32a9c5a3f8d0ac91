import { main } from './main.ts';
import { nodeIO, nodeTerminal } from './node-io.ts';

// A reader that stops early (`| head`) closes the pipe: that is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

process.exitCode = await main(process.argv.slice(2), { ...nodeIO, terminal: nodeTerminal() });
