/**
 * Part directory names, ClickHouse style: `<partition>_<minBlock>_<maxBlock>_<level>`. The partition id
 * may itself contain underscores (the three numbers are parsed from the right); names starting with
 * `tmp_` are parts being written and never parse.
 */
import { EddyError } from '../../src/core/errors.ts';

/** The directory name of a part. Throws BAD_ARGUMENTS for numbers or partition ids unusable in a path. */
export function partName(partition: string, minBlock: number, maxBlock: number, level: number): string {
  if (partition === '' || partition === '.' || partition === '..' || /[/\\\0]/.test(partition) || partition.startsWith('tmp_')) {
    throw new EddyError('BAD_ARGUMENTS', `Partition id '${partition}' cannot name a part directory`);
  }
  for (const [what, n] of [['minBlock', minBlock], ['maxBlock', maxBlock], ['level', level]] as const) {
    if (!Number.isSafeInteger(n) || n < 0) throw new EddyError('BAD_ARGUMENTS', `Part ${what} must be a non-negative integer, got ${n}`);
  }
  if (minBlock > maxBlock) throw new EddyError('BAD_ARGUMENTS', `Part minBlock ${minBlock} > maxBlock ${maxBlock}`);
  return `${partition}_${minBlock}_${maxBlock}_${level}`;
}

const PART_NAME = /^(.+)_(\d+)_(\d+)_(\d+)$/;

/** Parse a part directory name; null for anything else (temporary parts, stray files). */
export function parsePartName(name: string): { partition: string; minBlock: number; maxBlock: number; level: number } | null {
  if (name.startsWith('tmp_')) return null;
  const m = PART_NAME.exec(name);
  if (m === null) return null;
  const minBlock = Number(m[2]);
  const maxBlock = Number(m[3]);
  const level = Number(m[4]);
  if (!Number.isSafeInteger(minBlock) || !Number.isSafeInteger(maxBlock) || !Number.isSafeInteger(level) || minBlock > maxBlock) return null;
  return { partition: m[1]!, minBlock, maxBlock, level };
}
