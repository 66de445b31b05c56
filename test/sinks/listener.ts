import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { createSocket, type Socket } from 'node:dgram';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** What the receiver process got: one entry per datagram, or one for the whole TCP stream. */
export interface Received {
  readonly length: number;
  readonly sha256: string;
}

export function summary(b: Uint8Array): Received {
  return { length: b.length, sha256: createHash('sha256').update(b).digest('hex') };
}

/** A receiver in another process (for senders that block this thread), see listenerProcess.mjs. */
export interface ProcessListener {
  readonly port: number;
  result(): Promise<Received[]>;
}

export function listenInProcess(mode: 'tcp' | 'udp' | 'tcp-reset', pauseMs = 0, datagrams = 1): Promise<ProcessListener> {
  const child: ChildProcess = spawn(process.execPath, [join(import.meta.dirname, 'listenerProcess.mjs'), mode, String(pauseMs), String(datagrams)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const finished = new Promise<Received[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => {
      const last = out.trim().split('\n').pop()!;
      resolve((JSON.parse(last) as { messages: Received[] }).messages);
    });
  });
  return new Promise((resolve) => {
    child.stdout!.on('data', (d: Buffer) => {
      const before = out;
      out += d.toString();
      const m = /^PORT (\d+)$/m.exec(out);
      if (m && !/^PORT/m.test(before)) resolve({ port: Number(m[1]), result: () => finished });
    });
  });
}

/**
 * A TCP receiver in this process (for senders in child processes) for one connection; with
 * `pauseMs` it starts reading that late.
 */
export async function tcpListener(options: { pauseMs?: number } = {}): Promise<{ port: number; received: () => Promise<Buffer>; server: Server }> {
  const chunks: Buffer[] = [];
  let resolveEnd: (b: Buffer) => void;
  const ended = new Promise<Buffer>((r) => (resolveEnd = r));
  const server = createServer((c) => {
    if (options.pauseMs) {
      c.pause();
      setTimeout(() => c.resume(), options.pauseMs);
    }
    c.on('data', (d: Buffer) => chunks.push(d));
    c.on('end', () => {
      server.close();
      resolveEnd(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, received: () => ended, server };
}

/** A UDP receiver in this process: the datagrams received so far. */
export async function udpListener(): Promise<{ port: number; datagrams: Buffer[]; socket: Socket }> {
  const datagrams: Buffer[] = [];
  const socket = createSocket('udp4');
  socket.on('message', (m) => datagrams.push(m));
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  return { port: socket.address().port, datagrams, socket };
}
