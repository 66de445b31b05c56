/** A time zone as the C library sees it: offset and abbreviation at an instant. */
export interface ZoneTime {
  /** Seconds east of UTC. */
  readonly offset: number;
  /** The abbreviation strftime's %Z prints. */
  readonly abbr: string;
}

export interface Zone {
  at(sec: number): ZoneTime;
}

export const UTC: ZoneTime = { offset: 0, abbr: 'UTC' };
export const UTC_ZONE: Zone = { at: () => UTC };
