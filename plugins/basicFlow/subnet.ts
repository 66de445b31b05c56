/**
 * Subnet labelling seam (basicFlow.md §4). T2 looks up a subnet record number for the source and
 * destination address when a flow is created and prints the record's country code and
 * organisation. We ship no subnet tables yet, so every address is unlabelled (record 0), which is
 * what T2 prints for unknown addresses. A real table plugs in by replacing `subnets`.
 */
export interface SubnetTable {
  /** Record number for an address (`ipVer` 4 or 6, bytes at `addr[off..]`), 0 = not found. */
  lookup(ipVer: number, addr: Uint8Array, off: number): number;
  /** Country / special-range code of a record (`-` for record 0). */
  country(record: number): string;
  /** Organisation of a record, at most 30 characters (`-` for record 0). */
  org(record: number): string;
}

const UNKNOWN = '-';

const noSubnets: SubnetTable = {
  lookup: () => 0,
  country: () => UNKNOWN,
  org: () => UNKNOWN,
};

export const subnets: SubnetTable = noSubnets;
