/**
 * Header-description components (core.md §3.7), encoded once at start-up so the hot path only
 * copies bytes. Every component but the link-layer ones starts with ':'.
 */

const enc = new TextEncoder();

/** One component, e.g. ':ipv4'. */
export function name(s: string): Uint8Array {
  return enc.encode(s);
}

/** Some table entries add two components (fcoe + fc, ppp + mp). */
export type Names = readonly Uint8Array[];

function table(entries: Record<number, string>): Map<number, Names> {
  const m = new Map<number, Names>();
  for (const [k, v] of Object.entries(entries)) m.set(Number(k), v.split(' ').map((s) => name(':' + s)));
  return m;
}

export const N = {
  eth: name('eth'),
  sll: name('sll'),
  nul: name('null'),
  raw: name('raw'),
  ppp: name('ppp'),
  chdlc: name('chdlc'),
  fr: name('fr'),
  radiotap: name('radiotap'),
  prism: name('prism'),
  wlan: name('wlan'),
  symantec: name('symantec'),
  isl: name('isl:'),
  ppi: name('ppi:'),
  fpp: name('fpp:'),
  cWlan: name(':wlan'),
  cEth: name(':eth'),
  cPpp: name(':ppp'),
  cChdlc: name(':chdlc'),
  vlan: name(':vlan'),
  mpls: name(':mpls'),
  llc: name(':llc'),
  ipvx: name(':ipvx'),
  ipv4: name(':ipv4'),
  ipv6: name(':ipv6'),
  arp: name(':arp'),
  rarp: name(':rarp'),
  aarp: name(':aarp'),
  lldp: name(':lldp'),
  slow: name(':slow'),
  lacp: name(':lacp'),
  marker: name(':marker'),
  oampdu: name(':oampdu'),
  ossp: name(':ossp'),
  pwethcw: name(':pwethcw'),
  erspan: name(':erspan'),
  pppoed: name(':pppoed'),
  pppoes: name(':pppoes'),
  wccp: name(':wccp'),
  gre: name(':gre'),
  compData: name(':comp_data'),
  etherip: name(':etherip'),
  tcp: name(':tcp'),
  udp: name(':udp'),
  udplite: name(':udplite'),
  sctp: name(':sctp'),
  icmp: name(':icmp'),
  icmpv6: name(':icmpv6'),
  igmp: name(':igmp'),
  dvmrp: name(':dvmrp'),
  pim: name(':pim'),
  rgmp: name(':rgmp'),
  esp: name(':esp'),
  ah: name(':ah'),
  l2tp: name(':l2tp'),
  ospf: name(':ospf'),
  ssdp: name(':ssdp'),
  udpencap: name(':udpencap'),
  isakmp: name(':isakmp'),
  dtls10: name(':dtls1.0'),
  dtls12: name(':dtls1.2'),
  dtls: name(':dtls'),
  hopopts: name(':ipv6.hopopts'),
  dstopts: name(':ipv6.dstopts'),
  routing: name(':ipv6.routing'),
  fraghdr: name(':ipv6.fraghdr'),
  gtp: name(':gtp'),
  vxlan: name(':vxlan'),
  vxlanGpe: name(':vxlan_gpe'),
  geneve: name(':geneve'),
  capwap: name(':capwap'),
  capwapData: name(':capwap.data'),
  lwapp: name(':lwapp'),
  mp: name(':mp'),
  teredo: name(':teredo'),
  ayiya: name(':ayiya'),
  unk: name(':UNK('),
  unkHex: name(':UNK(0x'),
} as const;

/** IP protocol → name; 59 (no next header) deliberately maps to no component. */
export const IP_PROTO_NAMES = table({
  0: 'ipv6.hopopts', 1: 'icmp', 2: 'igmp', 4: 'ipv4', 6: 'tcp', 8: 'egp', 9: 'igp', 17: 'udp',
  33: 'dccp', 36: 'xtp', 37: 'ddp', 41: 'ipv6', 43: 'ipv6.routing', 44: 'ipv6.fraghdr',
  45: 'idrp', 46: 'rsvp', 47: 'gre', 48: 'dsr', 50: 'esp', 51: 'ah', 53: 'swipe', 54: 'nhrp',
  58: 'icmpv6', 60: 'ipv6.dstopts', 80: 'osi', 83: 'vines', 88: 'eigrp', 89: 'ospf', 93: 'ax25',
  97: 'etherip', 103: 'pim', 108: 'ipcomp', 112: 'vrrp', 113: 'pgm', 115: 'l2tp', 132: 'sctp',
  134: 'rsvp-e2ei', 135: 'mipv6', 136: 'udplite', 137: 'mpls', 139: 'hip', 140: 'shim6',
});
IP_PROTO_NAMES.set(59, []);

export const ETHER_NAMES = table({
  0x0000: 'wlccp', 0x0600: 'idp', 0x0800: 'ipv4', 0x2000: 'cdp', 0x8100: 'vlan', 0x9000: 'loop',
  0x2001: 'cgmp', 0x8902: 'cfm', 0x2003: 'vtp', 0x6003: 'dec_dna', 0x0104: 'pagp', 0x2004: 'dtp',
  0x6004: 'lat', 0x0806: 'arp', 0x8906: 'fcoe fc', 0x8809: 'slow', 0x010b: 'stp', 0x880b: 'ppp',
  0x890d: 'wlan', 0x0111: 'udld', 0x8021: 'ipcp', 0xc021: 'lcp', 0xc223: 'chap', 0xc029: 'cbcp',
  0x872d: 'wlccp', 0x8035: 'rarp', 0x8137: 'ipx', 0x8038: 'dec_stp', 0x883e: 'wccp',
  0x8847: 'mpls', 0x8848: 'mpls', 0x6558: 'eth', 0x6002: 'dec_mop', 0x8863: 'pppoed',
  0x8864: 'pppoes', 0x886f: 'msnlb', 0x8870: 'llc', 0x888e: 'eapol', 0x809b: 'ddp', 0x01a1: 'ndp',
  0x01a2: 'ndp', 0x88a2: 'aoe', 0x88a8: 'vlan', 0x9100: 'vlan', 0x9200: 'vlan', 0x8899: 'realtek',
  0x0bad: 'vines_ip', 0x00bb: 'edp', 0x88bb: 'lwapp', 0x88be: 'erspan', 0x88cc: 'lldp',
  0x86dd: 'ipv6', 0x80f3: 'aarp', 0x80fd: 'ccp', 0x88f7: 'ptp',
});

/** LLC DSAP → name; the SAPs mapped to [] add nothing. */
export const LLC_NAMES = table({
  0x04: 'sna', 0x08: 'sna', 0x0c: 'sna', 0x40: 'sna', 0xc8: 'sna', 0x10: 'ipx', 0x14: 'osi',
  0x20: 'osi', 0x34: 'osi', 0x54: 'osi', 0xfe: 'osi', 0x42: 'stp', 0x7e: 'x25', 0x80: '3comxns',
  0x82: 'bacnet', 0xbc: 'vines_llc', 0xe0: 'ipx', 0xf0: 'netbios', 0xf8: 'hpext', 0xfc: 'rpl',
});
for (const sap of [0x00, 0x01, 0x02, 0x06, 0xaa, 0xff]) LLC_NAMES.set(sap, []);

/** PPP protocol (network byte order) → name. */
export const PPP_NAMES = table({
  0x0207: 'cdp', 0x0021: 'ipv4', 0x8021: 'ipcp', 0xc021: 'lcp', 0x0023: 'osi', 0xc023: 'pap',
  0xc223: 'chap', 0x003d: 'ppp mp', 0x0057: 'ipv6', 0x0281: 'mpls', 0x0283: 'mpls',
  0x00fd: 'comp_data', 0x80fd: 'ccp',
});
