/**
 * Evaluate a bound expression with no column references to a Scalar, through the same function
 * kernels the engine uses (so folding never changes a result). Used for constant folding, LIMIT
 * values, aggregate parameters and IN lists.
 */
import { EddyError } from '../../src/core/errors.ts';
import type { Scalar } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { constVector, scalarAt } from '../../src/core/vector.ts';
import { getScalar } from '../functions/registry.ts';
import type { BoundExpr } from './bound.ts';

/** The value of a constant expression, or undefined when it reads columns, is volatile or has a subquery. */
export function evaluateConstant(e: BoundExpr): Scalar | undefined {
  const v = evalVector(e);
  return v === undefined ? undefined : scalarAt(v, 0);
}

function evalVector(e: BoundExpr): Vector | undefined {
  switch (e.kind) {
    case 'const': return constVector(e.type, e.value, 1);
    case 'call': {
      if (e.volatile) return undefined;
      const args: Vector[] = [];
      for (const a of e.args) {
        const v = evalVector(a);
        if (v === undefined) return undefined;
        args.push(v);
      }
      return getScalar(e.fn).evaluate(args, 1, e.type);
    }
    case 'in': {
      const v = evalVector(e.expr);
      if (v === undefined) return undefined;
      const x = scalarAt(v, 0);
      const hit = x !== null && e.values.some((y) => y === x || (typeof y !== 'string' && typeof x !== 'string' && y !== null && x == y));
      return constVector(e.type, hit !== e.negated ? 1 : 0, 1);
    }
    default: return undefined;
  }
}

/** The value of a constant expression as a non-negative integer (LIMIT, OFFSET), or BAD_ARGUMENTS. */
export function constantCount(e: BoundExpr, what: string): number {
  const v = evaluateConstant(e);
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new EddyError('BAD_ARGUMENTS', `The value of ${what} must be a non-negative integer constant`);
  }
  return n;
}
