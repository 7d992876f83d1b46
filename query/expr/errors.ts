/**
 * Argument checking shared by every function: ClickHouse's error names and messages that name the
 * function and the offending type (quoted with quoteToken so a type cannot pass for an error name).
 */
import { EddyError } from '../../src/core/errors.ts';
import type { DataType } from '../../src/core/types.ts';
import { quoteToken, typeName } from '../../src/core/types.ts';

/** Throw NUMBER_OF_ARGUMENTS_DOESNT_MATCH unless min <= args.length <= max. */
export function checkArgCount(fn: string, args: readonly unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw new EddyError('NUMBER_OF_ARGUMENTS_DOESNT_MATCH',
      `Number of arguments for function ${quoteToken(fn)} doesn't match: passed ${args.length}, should be ${want}`);
  }
}

/** An ILLEGAL_TYPE_OF_ARGUMENT error for argument `index` (0-based) of `fn`. */
export function illegalType(fn: string, t: DataType, index: number, expected?: string): EddyError {
  return new EddyError('ILLEGAL_TYPE_OF_ARGUMENT',
    `Illegal type ${quoteToken(typeName(t))} of argument ${index + 1} of function ${quoteToken(fn)}` +
    (expected ? `, expected ${expected}` : ''));
}

/** A BAD_ARGUMENTS error from `fn` with a detail. */
export function badArguments(fn: string, detail: string): EddyError {
  return new EddyError('BAD_ARGUMENTS', `Function ${quoteToken(fn)}: ${detail}`);
}
