// npm run relay -- [--port 8787] [--host 0.0.0.0]
// The follow relay for a classroom: run it on the teacher's laptop (students on the same network)
// or on any host students can reach, then open the app with ?relay=ws://<that host>:<port>.
import { startRelay } from './server.ts';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  return value ?? process.env[`RELAY_${name.toUpperCase()}`] ?? fallback;
}

const port = Number(option('port', '8787'));
const host = option('host', '0.0.0.0');
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not ${JSON.stringify(option('port', ''))}`);
  process.exit(2);
}

const relay = await startRelay({ port, host, log: (line) => console.log(`${new Date().toISOString()} ${line}`) });
console.log(`Students' pages and the teacher's page connect to ws://<this machine's address>:${relay.port}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void relay.close().then(() => process.exit(0)));
}
