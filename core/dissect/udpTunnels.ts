/**
 * Tunnels recognised by their ports in an IPv4 header (core.md §3.4 step 4, §3.6): AYIYA, then
 * (UDP only) GTP, VXLAN, GENEVE, CAPWAP, LWAPP, L2TP and Teredo.
 */
import { StatHi, StatLo } from '../flow/status.ts';
import type { Dissector } from './dissector.ts';
import { etherName } from './ethernet.ts';
import { addHdr } from './hdrDesc.ts';
import { ipv4 } from './ipv4.ts';
import { ipv6 } from './ipv6.ts';
import { Proto } from './l4.ts';
import { N } from './names.ts';
import { PppLe, pppName } from './ppp.ts';
import { geneve, innerEth, vxlan } from './vxlan.ts';
import { wlan } from './wlan.ts';

export const enum Tunnel {
  /** No L4 name was added. */
  None = 0,
  /** The L4 name was added; go on with the outer header. */
  Named = 1,
  /** The inner packet made the flow. */
  Done = 2,
}

export function stop(d: Dissector): false {
  d.p.statusHi |= StatHi.STPDSCT;
  return false;
}

/** Inner IPv4 or IPv6 by the version nibble at `off`, else stop. */
export function innerIp(d: Dissector, off: number): boolean {
  const v = d.u8(off) >> 4;
  if (v === 4) ipv4(d, off);
  else if (v === 6) ipv6(d, off);
  else return stop(d);
  return true;
}

export function one(a: number, b: number, port: number): boolean {
  return (a === port && b > 1024) || (b === port && a > 1024);
}

function ayiya(d: Dissector, a: number): boolean {
  const p = d.p;
  const hl = 8 + (1 << (d.u8(a) >> 4)) + (d.u8(a + 1) >> 4) * 4;
  const next = d.u8(a + 3);
  if (next !== Proto.IPV6 && next !== Proto.IPIP && next !== Proto.NONXT) return false;
  addHdr(p, N.ayiya);
  p.statusLo |= StatLo.L3_AYIYA;
  if (next === Proto.NONXT) return stop(d);
  if (next === Proto.IPV6) ipv6(d, a + hl);
  else ipv4(d, a + hl);
  return true;
}

function isGtp(x: number): boolean {
  return x === 2152 || x === 2123 || x === 3386;
}

function gtp(d: Dissector, g: number, sp: number, dp: number): boolean {
  if (!((isGtp(sp) && dp > 1024) || (isGtp(dp) && sp > 1024))) return false;
  const p = d.p;
  addHdr(p, N.gtp);
  p.statusLo |= StatLo.L3_GTP;
  if (d.u8(g + 1) !== 0xff) return false;
  const flags = d.u8(g);
  const ver = flags >> 5;
  let inner: number;
  if (ver === 0) inner = g + 20;
  else if (ver === 1) {
    inner = g + 8;
    if (flags & 7) inner += 4;
    if (flags & 4) inner += d.u8(g + 12) * 4;
  } else return stop(d);
  return innerIp(d, inner);
}

function capwap(d: Dissector, c: number, sp: number, dp: number): boolean {
  const data = one(sp, dp, 5247);
  if (!data && !one(sp, dp, 5246)) return false;
  const pre = d.u8(c);
  if (pre >> 4 !== 0) return false;
  const p = d.p;
  addHdr(p, data ? N.capwapData : N.capwap);
  p.statusLo |= StatLo.L3_CAPWAP;
  if ((pre & 0xf) === 1) {
    addHdr(p, N.dtls);
    p.statusHi |= StatHi.L7_DTLS;
    return stop(d);
  }
  const bits = (d.u8(c + 1) << 16) | (d.u8(c + 2) << 8) | d.u8(c + 3);
  // Control channel, fragments and keep-alives carry no user packet.
  if (!data || bits & 0x88) return stop(d);
  const pay = c + (bits >> 19) * 4;
  if (bits & 0x100) {
    if (((bits >> 9) & 0x1f) !== 1) return stop(d);
    wlan(d, pay);
    return true;
  }
  return innerEth(d, pay);
}

function lwapp(d: Dissector, c: number, sp: number, dp: number): boolean {
  if (!one(sp, dp, 12222) && !one(sp, dp, 12223)) return false;
  const p = d.p;
  addHdr(p, N.lwapp);
  p.statusLo |= StatLo.L3_CAPWAP;
  if (d.u8(c) & 0x04) return stop(d);
  wlan(d, c + 6);
  return true;
}

const L2TP_T = 0x8000;
const L2TP_L = 0x4000;
const L2TP_S = 0x0800;
const L2TP_O = 0x0200;
const L2TP_RESERVED = 0x33f0;

/** L2TP on port 1701; shared with IPv6. */
export function l2tp(d: Dissector, t: number, sp: number, dp: number): boolean {
  if (sp !== 1701 && dp !== 1701) return false;
  const flags = d.u16(t);
  const ver = flags & 0xf;
  if (flags & L2TP_RESERVED || (ver !== 2 && ver !== 3)) return false;
  const p = d.p;
  addHdr(p, N.l2tp);
  p.statusLo |= StatLo.L2_L2TP;
  if (flags & L2TP_T || ver === 3) return stop(d);
  let pos = t + 2;
  if (flags & L2TP_L) pos += 2;
  pos += 4;
  if (flags & L2TP_S) pos += 4;
  if (flags & L2TP_O) pos += 2 + d.u16(pos);
  const b = d.u8(pos);
  if ((b === 0x0f || b === 0x8f) && d.u8(pos + 1) === 0) {
    addHdr(p, N.cChdlc);
    const et = d.u16(pos + 2);
    if (et === 0x0800 || et === 0x86dd) return innerIp(d, pos + 4);
    etherName(d, et);
    return stop(d);
  }
  addHdr(p, N.cPpp);
  p.statusLo |= StatLo.L2_PPP;
  if (b === 0xff && d.u8(pos + 1) === 0x03) pos += 2;
  let proto = d.u16le(pos);
  if (proto === PppLe.MP) {
    addHdr(p, N.mp);
    pos += 6;
    proto = d.u16le(pos);
  }
  if (proto === PppLe.IPV4 || proto === PppLe.IPV6) return innerIp(d, pos + 2);
  pppName(d, proto);
  return stop(d);
}

export const TEREDO_PORT = 3544;
const TEREDO_PREFIX = 0x20010000;

/**
 * Where the IPv6 header starts if the UDP payload at `t` is Teredo (between two unprivileged
 * ports, after an optional authentication and origin indication), else -1. Also the fast path's
 * test (fastPath.ts).
 */
export function teredoStart(d: Dissector, t: number, sp: number, dp: number): number {
  if (sp <= 1024 || dp <= 1024) return -1;
  if (d.u16(t) === 0x0001) t += 13 + d.u8(t + 2) + d.u8(t + 3);
  if (d.u16(t) === 0x0000) t += 8;
  if (d.u8(t) >> 4 !== 6 || d.left(t) < 40) return -1;
  if (sp !== TEREDO_PORT && dp !== TEREDO_PORT && d.u32(t + 8) !== TEREDO_PREFIX && d.u32(t + 24) !== TEREDO_PREFIX) return -1;
  return t;
}

function teredo(d: Dissector, t: number, sp: number, dp: number): boolean {
  const start = teredoStart(d, t, sp, dp);
  if (start < 0) return false;
  addHdr(d.p, N.teredo);
  d.p.statusLo |= StatLo.L3_TRDO;
  ipv6(d, start);
  return true;
}

/** Port-based tunnels of the (unfragmented) IPv4 header `hdr`. */
export function portTunnels(d: Dissector, hdr: number, ihl: number): Tunnel {
  const p = d.p;
  const proto = d.u8(hdr + 9);
  if (proto !== Proto.TCP && proto !== Proto.UDP && proto !== Proto.UDPLITE && proto !== Proto.SCTP) return Tunnel.None;
  const l4 = hdr + ihl;
  const sp = d.u16(l4);
  const dp = d.u16(l4 + 2);
  p.srcPort = sp;
  p.dstPort = dp;
  if (sp === 0 || dp === 0) return Tunnel.None;
  let named = false;
  if (one(sp, dp, 5072)) {
    if (proto === Proto.SCTP) {
      addHdr(p, N.sctp);
      addHdr(p, N.ayiya);
      p.statusHi |= StatHi.STPDSCT;
      return Tunnel.Named;
    }
    const hl = proto === Proto.TCP ? (d.u8(l4 + 12) >> 4) << 2 : 8;
    if (d.u16(hdr + 2) >= ihl + hl + 8) {
      addHdr(p, proto === Proto.TCP ? N.tcp : proto === Proto.UDP ? N.udp : N.udplite);
      named = true;
      if (ayiya(d, l4 + hl)) return Tunnel.Done;
    }
  }
  if (proto !== Proto.UDP || p.statusHi & StatHi.STPDSCT) return named ? Tunnel.Named : Tunnel.None;
  if (!named) addHdr(p, N.udp);
  const pay = l4 + 8;
  if (gtp(d, pay, sp, dp)) return Tunnel.Done;
  if (!(p.statusHi & StatHi.STPDSCT) && vxlan(d, pay, sp, dp)) return Tunnel.Done;
  if (!(p.statusHi & StatHi.STPDSCT) && geneve(d, pay, sp, dp)) return Tunnel.Done;
  if (!(p.statusHi & StatHi.STPDSCT) && capwap(d, pay, sp, dp)) return Tunnel.Done;
  if (!(p.statusHi & StatHi.STPDSCT) && lwapp(d, pay, sp, dp)) return Tunnel.Done;
  if (!(p.statusHi & StatHi.STPDSCT) && l2tp(d, pay, sp, dp)) return Tunnel.Done;
  if (!(p.statusHi & StatHi.STPDSCT) && teredo(d, pay, sp, dp)) return Tunnel.Done;
  return Tunnel.Named;
}
