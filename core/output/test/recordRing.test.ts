import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { RingConsumer, RingProducer, ringMemory } from '../recordRing.ts';

const channels: MessageChannel[] = [];

afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** Both ends of one ring in this thread; a full ring makes the producer fail instead of block. */
function ring(size: number) {
  const memory = ringMemory(size);
  const channel = new MessageChannel();
  channels.push(channel);
  const producer = new RingProducer(memory, channel.port1, () => {
    throw new Error('ring full');
  });
  return { producer, consumer: new RingConsumer(memory, channel.port2) };
}

/** A record of `len` bytes whose content tells its number. */
function record(n: number, len: number): Uint8Array {
  const b = new Uint8Array(Math.max(len, 4) + 7);
  for (let i = 0; i < len; i++) b[i] = (n * 31 + i) & 0xff;
  return b;
}

function takeBytes(consumer: RingConsumer): number[] | undefined {
  const start = consumer.take();
  if (start < 0) return undefined;
  // A record in the ring follows its length word; one sent as a message is the whole message.
  const len = start === 0 ? consumer.bytes.length : consumer.view.getInt32(start - 4, true);
  const bytes = Array.from(consumer.bytes.subarray(start, start + len));
  consumer.release();
  return bytes;
}

describe('record ring', () => {
  it('passes records of every length in order across many wrap-arounds', () => {
    const { producer, consumer } = ring(512);
    const lengths = [0, 1, 2, 3, 4, 5, 13, 60, 100, 124, 7, 90, 33];
    let sent = 0;
    let received = 0;
    for (let round = 0; round < 200; round++) {
      // Two records in flight at most: they fit even with the end of the ring left unused.
      for (let k = 0; k < 2; k++, sent++) {
        const len = lengths[sent % lengths.length];
        producer.push(record(sent, len), len);
      }
      for (let k = 0; k < 2; k++, received++) {
        const len = lengths[received % lengths.length];
        expect(takeBytes(consumer)).toEqual(Array.from(record(received, len).subarray(0, len)));
      }
    }
    producer.end();
    expect(consumer.take()).toBe(-1);
  });

  it('copies from sources that are not word-aligned, or shorter views of one buffer', () => {
    const { producer, consumer } = ring(1024);
    const base = record(3, 40);
    producer.push(base.subarray(1), 21);
    expect(takeBytes(consumer)).toEqual(Array.from(base.subarray(1, 22)));
    producer.push(base.subarray(0, 8), 8);
    producer.push(base.subarray(0, 40), 39);
    expect(takeBytes(consumer)).toEqual(Array.from(base.subarray(0, 8)));
    expect(takeBytes(consumer)).toEqual(Array.from(base.subarray(0, 39)));
  });

  it('sends records larger than half the ring as messages, keeping their place in the order', () => {
    const { producer, consumer } = ring(128);
    producer.push(record(1, 10), 10);
    producer.push(record(2, 300), 300);
    producer.push(record(3, 20), 20);
    expect(takeBytes(consumer)).toEqual(Array.from(record(1, 10).subarray(0, 10)));
    expect(takeBytes(consumer)).toEqual(Array.from(record(2, 300).subarray(0, 300)));
    expect(takeBytes(consumer)).toEqual(Array.from(record(3, 20).subarray(0, 20)));
  });

  it('waits when full (here: gives up through whileWaiting) and goes on once records are released', () => {
    const { producer, consumer } = ring(128);
    const expected = (n: number) => Array.from(record(n, 36).subarray(0, 36));
    for (let n = 1; n <= 3; n++) producer.push(record(n, 36), 36);
    expect(() => producer.push(record(4, 36), 36)).toThrow('ring full');
    expect(takeBytes(consumer)).toEqual(expected(1));
    // The head may not reach the tail: 40 bytes at the start need the tail beyond 40.
    expect(() => producer.push(record(4, 36), 36)).toThrow('ring full');
    expect(takeBytes(consumer)).toEqual(expected(2));
    producer.push(record(4, 36), 36);
    expect(takeBytes(consumer)).toEqual(expected(3));
    expect(takeBytes(consumer)).toEqual(expected(4));
  });
});
