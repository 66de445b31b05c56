// Loads up to --limit packets (default 1,000,000) of a capture into one buffer so that the
// dissector and flow-table benchmarks measure no I/O; `replay` points the packet record at each.
export function loadPackets(m, path) {
  const i = process.argv.indexOf('--limit');
  const limit = i > 0 ? Number(process.argv[i + 1]) : 1_000_000;
  const reader = m.openCaptureReader(path);
  const pkt = new m.Packet();
  const chunks = [];
  const meta = [];
  let size = 0;
  while (meta.length / 5 < limit && reader.next(pkt) === 1) {
    chunks.push(pkt.buf.slice(pkt.start, pkt.start + pkt.caplen));
    meta.push(size, pkt.caplen, pkt.rawLen, pkt.tsSec, pkt.tsNs);
    size += pkt.caplen;
  }
  reader.close();
  const linkType = pkt.linkType;
  const buf = new Uint8Array(size);
  chunks.forEach((c, k) => buf.set(c, meta[k * 5]));
  const view = new DataView(buf.buffer);
  const count = meta.length / 5;
  const replay = (fn) => {
    for (let k = 0; k < count; k++) {
      pkt.buf = buf;
      pkt.view = view;
      pkt.start = meta[k * 5];
      pkt.caplen = meta[k * 5 + 1];
      pkt.rawLen = meta[k * 5 + 2];
      pkt.tsSec = meta[k * 5 + 3];
      pkt.tsNs = meta[k * 5 + 4];
      pkt.linkType = linkType;
      fn(pkt);
    }
  };
  return { pkt, replay, count };
}
