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

/**
 * A nested compound inside a column (T2's sub-value of type 0, `bv_new_bv`): its own values,
 * possibly repeating; printed as `( … )` in text and as `(T1_T2)` / `(T1_T2:R)` in the header.
 */
export interface Compound {
  readonly types: readonly ColumnType[];
  readonly repeat: boolean;
}

export type ColumnType = ValueType | Compound;

export interface Column {
  readonly name: string;
  readonly description: string;
  /** One type, or several for a compound column (values joined with `_`). */
  readonly types: readonly ColumnType[];
  /** Repeating column: a uint32 count precedes the values (`:R` in the header). */
  readonly repeat: boolean;
}

export function column(name: string, description: string, type: ValueType | readonly ColumnType[], repeat = false): Column {
  return { name, description, types: typeof type === 'string' ? [type] : type, repeat };
}

/** A nested compound value for `column(..., [ ..., compound([...], true)])`. */
export function compound(types: readonly ColumnType[], repeat = false): Compound {
  return { types, repeat };
}

function typeName(t: ColumnType): string {
  if (typeof t !== 'string') return `(${compoundTypeName(t)})`;
  return t === 'TS' || t === 'DUR' ? 'U64.U32' : t === 'DIR' ? 'C' : t;
}

function compoundTypeName(c: Compound): string {
  return c.types.map(typeName).join('_') + (c.repeat ? ':R' : '');
}

/** The type as `_headers.txt` prints it (`H8_H32`, `U16:R`, `U8_(U16_F:R)`). */
export function headerTypeName(c: Column): string {
  return compoundTypeName(c);
}
