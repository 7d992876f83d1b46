/**
 * The -If combinator: `fIf(args..., cond)` aggregates only rows where cond is true (non-zero, not NULL).
 * Registered for every aggregate name (aliases included) registered before this module runs
 * (countIf(cond) is count() over the matching rows). State and merge are the base function's.
 */
import type { DataType, Scalar } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { takeRows } from '../expr/build.ts';
import { checkArgCount, illegalType } from '../expr/errors.ts';
import { isArithmetic } from '../expr/promote.ts';
import { nullsOf, readBool } from '../expr/read.ts';
import type { AggregateFunction, GroupsAccumulator } from './registry.ts';
import { findAggregate, listFunctions, registerAggregate } from './registry.ts';

class IfAccumulator implements GroupsAccumulator {
  constructor(private readonly inner: GroupsAccumulator) {}

  update(args: readonly Vector[], groupIds: Uint32Array, n: number): void {
    const cond = args[args.length - 1]!;
    const { a, m } = readBool(cond, n);
    const nulls = nullsOf(cond, n);
    const idx = new Uint32Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) if (a[i & m] === 1 && (nulls === null || nulls[i] === 0)) idx[k++] = i;
    if (k === 0) return;
    const rest = args.slice(0, -1);
    if (k === n) { this.inner.update(rest, groupIds, n); return; }
    const g = new Uint32Array(k);
    for (let j = 0; j < k; j++) g[j] = groupIds[idx[j]!]!;
    this.inner.update(rest.map((v) => takeRows(v, idx, k)), g, k);
  }

  state(groups: number): Vector[] { return this.inner.state(groups); }
  merge(state: readonly Vector[], groupIds: Uint32Array, n: number): void { this.inner.merge(state, groupIds, n); }
  evaluate(groups: number): Vector { return this.inner.evaluate(groups); }
  memoryBytes(): number { return this.inner.memoryBytes(); }
}

/** Build fIf from the aggregate f, registered under `baseName` (an alias of f, or its name). */
export function ifCombinator(base: AggregateFunction, baseName = base.name): AggregateFunction {
  const name = `${baseName}If`;
  const split = (args: readonly DataType[]): readonly DataType[] => {
    checkArgCount(name, args, 1, Infinity);
    const c = args[args.length - 1]!;
    if (!isArithmetic(c)) throw illegalType(name, c, args.length - 1);
    return args.slice(0, -1);
  };
  return {
    name,
    returnType: (args: readonly DataType[], params: readonly Scalar[]) => base.returnType(split(args), params),
    stateTypes: (args, params) => base.stateTypes(split(args), params),
    create: (args, params) => new IfAccumulator(base.create(split(args), params)),
  };
}

for (const { name, isAggregate } of listFunctions()) {
  const f = isAggregate ? findAggregate(name) : undefined;
  if (f && !findAggregate(`${name}If`)) registerAggregate(ifCombinator(f, name));
}
