// A loopback receiver in its own process, for senders that block the test's thread.
// Usage: node listenerProcess.mjs tcp|udp|tcp-reset [pauseMs] [datagrams]
// Prints "PORT <n>" when ready; at the end (TCP: peer closed; UDP: <datagrams> received) prints
// one JSON line {messages: [{length, sha256}]} (TCP: one message, the whole stream) and exits.
// Gives up after 20 s.
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';

const [mode, pauseMs = '0', datagrams = '1'] = process.argv.slice(2);
const chunks = [];
const summary = (b) => ({ length: b.length, sha256: createHash('sha256').update(b).digest('hex') });
const done = () => {
  const messages = mode === 'udp' ? chunks.map(summary) : [summary(Buffer.concat(chunks))];
  process.stdout.write(JSON.stringify({ messages }) + '\n', () => process.exit(0));
};
setTimeout(done, 20_000).unref();

if (mode === 'udp') {
  const s = createSocket('udp4');
  s.on('message', (m) => {
    chunks.push(m);
    if (chunks.length >= Number(datagrams)) done();
  });
  s.bind(0, '127.0.0.1', () => process.stdout.write(`PORT ${s.address().port}\n`));
} else {
  const server = createServer((c) => {
    if (mode === 'tcp-reset') {
      setTimeout(() => {
        c.resetAndDestroy();
        server.close(done);
      }, 100);
      return;
    }
    c.pause();
    setTimeout(() => c.resume(), Number(pauseMs));
    c.on('data', (d) => chunks.push(d));
    c.on('end', done);
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`PORT ${server.address().port}\n`));
}
