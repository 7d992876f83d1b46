/**
 * Column DEFAULT values. Eddy stores a default as a constant: the expression is evaluated once, at
 * CREATE/ALTER time, and kept as a SQL literal in the definition.
 */
import type { DataType, Scalar } from '../core/types.ts';
import { EddyError } from '../core/errors.ts';
import { is64Bit, isNumeric, quoteToken } from '../core/types.ts';

/** Render a constant as the SQL literal stored in the definition. */
export function renderLiteral(v: Scalar): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

/** Parse a stored literal back into a value of the column's representation. */
export function parseDefaultLiteral(text: string, type: DataType): Scalar {
  const t = text.trim();
  if (t === 'NULL') return null;
  if (t.startsWith("'")) return t.slice(1, -1).replace(/\\'/g, "'").replace(/\\\\/g, '\\');
  if (t === 'true' || t === 'false') return t === 'true';
  if (is64Bit(type)) return BigInt(t);
  if (isNumeric(type) || type.kind === 'Date' || type.kind === 'DateTime' || type.kind === 'Bool') return Number(t);
  throw new EddyError('BAD_ARGUMENTS', `Cannot read default ${quoteToken(t)}`);
}

/** The implicit default of a type: 0, '', or NULL for Nullable columns. */
export function implicitDefault(type: DataType): Scalar {
  if (type.nullable) return null;
  if (type.kind === 'String') return '';
  if (is64Bit(type)) return 0n;
  return 0;
}
