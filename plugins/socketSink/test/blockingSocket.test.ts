import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listenInProcess, summary } from '../../../test/sinks/listener.ts';
import { BlockingSocket, SocketError } from '../blockingSocket.ts';

/** 24 MiB of a recognisable pattern: six times the ring, so the sender must wait for the receiver. */
function pattern(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + (i >>> 10)) & 0xff;
  return b;
}

describe('BlockingSocket', () => {
  it('TCP: delivers every byte, in order, to a receiver that starts reading late', async () => {
    const listener = await listenInProcess('tcp', 300);
    const data = pattern(24 << 20);
    const s = new BlockingSocket({ host: '127.0.0.1', port: listener.port, udp: false });
    const t0 = Date.now();
    for (let off = 0; off < data.length; off += 100_003) s.send(data, off, Math.min(off + 100_003, data.length));
    s.close();
    // the sender had to wait for the paused receiver: the ring and kernel buffers are bounded
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(await listener.result()).toEqual([summary(data)]);
  }, 30_000);

  it('UDP: one datagram per send, contents intact, also across the ring end', async () => {
    // (less than the receiver's kernel buffer holds: UDP drops what it cannot hold)
    const listener = await listenInProcess('udp', 0, 30);
    const s = new BlockingSocket({ host: 'localhost', port: listener.port, udp: true, ringSize: 1 << 12 });
    const data = pattern(20_000);
    const sizes = Array.from({ length: 30 }, (_, k) => 500 + 37 * k);
    sizes.forEach((n, k) => s.send(data, k, k + n));
    s.close();
    expect(await listener.result()).toEqual(sizes.map((n, k) => summary(data.subarray(k, k + n))));
  }, 30_000);

  it('UDP: no error when nobody listens', () => {
    const s = new BlockingSocket({ host: '127.0.0.1', port: 9, udp: true });
    s.send(new Uint8Array(10), 0, 10);
    expect(() => s.close()).not.toThrow();
  });

  it('TCP: a clear error when nobody listens', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const e = (() => {
      try {
        new BlockingSocket({ host: '127.0.0.1', port, udp: false });
      } catch (err) {
        return err;
      }
    })() as SocketError;
    expect(e).toBeInstanceOf(SocketError);
    expect([e.stage, e.reason, e.address]).toEqual(['connect', 'Connection refused', '127.0.0.1']);
  });

  it('a host name that does not resolve is a resolve error', () => {
    expect(() => new BlockingSocket({ host: 'no-such-host.invalid', port: 1, udp: false })).toThrow(/resolve/);
  });

  it('TCP: a receiver that resets the connection makes the sender fail instead of hanging', async () => {
    const listener = await listenInProcess('tcp-reset');
    const data = pattern(1 << 20);
    const e = (() => {
      try {
        const s = new BlockingSocket({ host: '127.0.0.1', port: listener.port, udp: false });
        for (let k = 0; k < 64; k++) s.send(data, 0, data.length);
        s.close();
      } catch (err) {
        return err;
      }
    })() as SocketError;
    expect(e).toBeInstanceOf(SocketError);
    expect(e.stage).toBe('send');
    expect(['Connection reset by peer', 'Broken pipe']).toContain(e.reason);
    await listener.result();
  }, 30_000);
});
