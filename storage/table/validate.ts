/**
 * Checks that inserted columns fit the table schema before anything is logged: a block that reached
 * the WAL must always replay.
 */
import { EddyError } from '../../src/core/errors.ts';
import type { Field } from '../../src/core/types.ts';
import { arrayTypeOf, typeName } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';

/** Throw an EddyError unless `columns` (schema order) hold `rowCount` rows of the schema's layouts. */
export function validateColumns(schema: readonly Field[], columns: readonly Vector[], rowCount: number): void {
  if (!Number.isSafeInteger(rowCount) || rowCount < 0) throw new EddyError('LOGICAL_ERROR', `bad row count ${rowCount}`);
  if (columns.length !== schema.length) {
    throw new EddyError('NUMBER_OF_ARGUMENTS_DOESNT_MATCH', `Insert has ${columns.length} columns, table has ${schema.length}`);
  }
  for (let c = 0; c < schema.length; c++) {
    const f = schema[c]!;
    const v = columns[c]!;
    if (v.length < rowCount) {
      throw new EddyError('LOGICAL_ERROR', `Column ${f.name} has ${v.length} rows, expected ${rowCount}`);
    }
    if (!columnFits(f, v)) {
      throw new EddyError('TYPE_MISMATCH', `Column ${f.name} is ${typeName(f.type)}, got a ${typeName(v.type)} ${v.kind} vector`);
    }
  }
}

/** True when `v` can be stored in a column of field `f` (same physical layout; any encoding). */
export function columnFits(f: Field, v: Vector): boolean {
  if (v.kind === 'const') return true;
  const inner = v.kind === 'dict' ? v.dict : v;
  if (f.type.kind === 'String') return inner.kind === 'string';
  return inner.kind === 'flat' && inner.values.constructor === arrayTypeOf(f.type);
}
