// The "physical limit" for the bench: a bare node:http server that answers every request with the exact
// status, headers and body bytes the gateway sent for the landing-page query (captured by run.mjs into a
// JSON file). Date, Connection and Keep-Alive are added by node:http itself, exactly as for the gateway.
import http from 'node:http';
import { readFileSync } from 'node:fs';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const body = Buffer.from(spec.body, 'base64');
const headers = spec.headers.flat(); // raw [name, value, name, value, …], casing and order preserved
const port = Number(process.argv[3]);

const server = http.createServer((req, res) => {
  req.resume();
  res.writeHead(spec.status, headers);
  res.end(body);
});
if (spec.keepAliveTimeoutMs) server.keepAliveTimeout = spec.keepAliveTimeoutMs;
server.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 500).unref();
});
