/** Ethernet overlays on UDP: VXLAN, VXLAN-GPE and GENEVE (core.md §3.6). */
import { StatLo } from '../flow/status.ts';
import type { Dissector } from './dissector.ts';
import { etherName, vlans } from './ethernet.ts';
import { addHdr } from './hdrDesc.ts';
import { N } from './names.ts';
import { PppLe, pppoeSession } from './ppp.ts';
import { innerIp, one, stop } from './udpTunnels.ts';

function isVx(x: number): boolean {
  return x === 4789 || x === 4790 || x === 8472;
}

/** Ethernet inside VXLAN/GENEVE; a non-IP payload reverts to the outer UDP flow. */
export function innerEth(d: Dissector, e: number): boolean {
  const p = d.p;
  const l2Off = p.l2Off;
  const macOff = p.macOff;
  const vlanId = p.vlanId;
  const vlanCount = p.vlanCount;
  addHdr(p, N.cEth);
  p.l2Off = p.macOff = e;
  const t = vlans(d, e + 12);
  const et = d.u16(t);
  const v = d.u8(t + 2) >> 4;
  if ((et === 0x0800 && v === 4) || (et === 0x86dd && v === 6)) return innerIp(d, t + 2);
  if (et === 0x8864 && ((d.u16le(t + 8) === PppLe.IPV4) || d.u16le(t + 8) === PppLe.IPV6)) {
    pppoeSession(d, t + 2);
    return true;
  }
  etherName(d, et);
  p.l2Off = l2Off;
  p.macOff = macOff;
  p.vlanId = vlanId;
  p.vlanCount = vlanCount;
  p.ethType = 0x0800;
  return stop(d);
}

export function vxlan(d: Dissector, v: number, sp: number, dp: number): boolean {
  if (!((isVx(sp) && dp > 1024) || isVx(dp))) return false;
  const p = d.p;
  if (sp === 4790 || dp === 4790) {
    if (d.u8(v + 1) | d.u8(v + 2) | d.u8(v + 7)) return false;
    addHdr(p, N.vxlanGpe);
    p.statusLo |= StatLo.L3_VXLAN;
    const next = d.u8(v + 3);
    if (next === 1 || next === 2) return innerIp(d, v + 8);
    if (next === 3) return innerEth(d, v + 8);
    if (next === 5) p.statusLo |= StatLo.L2_MPLS_UCAST | StatLo.L2_MPLS_MCAST;
    return stop(d);
  }
  if (d.u8(v + 1) | d.u8(v + 2) | d.u8(v + 3) | d.u8(v + 7)) return false;
  addHdr(p, N.vxlan);
  p.statusLo |= StatLo.L3_VXLAN;
  return innerEth(d, v + 8);
}

export function geneve(d: Dissector, g: number, sp: number, dp: number): boolean {
  if (!one(sp, dp, 6081)) return false;
  if (d.u16(g + 2) !== 0x6558) return stop(d);
  addHdr(d.p, N.geneve);
  d.p.statusLo |= StatLo.L3_GENEVE;
  return innerEth(d, g + 8 + (d.u8(g) & 0x3f) * 4);
}
