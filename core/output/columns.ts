/**
 * Column value types as T2's binary_value_t knows them (core.md §7).
 * `TS` and `DUR` are T2's timestamp and duration (header name `U64.U32`), `DIR` the flow direction.
 */
export type ValueType =
  | 'I8' | 'I16' | 'I32' | 'I64'
  | 'U8' | 'U16' | 'U32' | 'U64'
  | 'H8' | 'H16' | 'H32' | 'H64'
  | 'F' | 'D' | 'C' | 'S' | 'SC'
  | 'TS' | 'DUR' | 'DIR'
  | 'MAC' | 'IP4' | 'IP6' | 'IPX';

export interface Column {
  readonly name: string;
  readonly description: string;
  /** One type, or several for a compound column (values joined with `_`). */
  readonly types: readonly ValueType[];
  /** Repeating column: a uint32 count precedes the values (`:R` in the header). */
  readonly repeat: boolean;
}

export function column(name: string, description: string, type: ValueType | readonly ValueType[], repeat = false): Column {
  return { name, description, types: typeof type === 'string' ? [type] : type, repeat };
}

/** The type as `_headers.txt` prints it. */
export function headerTypeName(c: Column): string {
  const names = c.types.map((t) => (t === 'TS' || t === 'DUR' ? 'U64.U32' : t === 'DIR' ? 'C' : t));
  return names.join('_') + (c.repeat ? ':R' : '');
}
