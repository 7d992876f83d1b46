/**
 * The shared accumulator of min, max, any, anyLast, argMin and argMax: a value slot per group and,
 * for argMin/argMax, a key slot deciding which row's value is kept. State is the value (and key)
 * as Nullable vectors, NULL for groups without a value.
 */
import type { DataType } from '../../src/core/types.ts';
import { withNullable } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import type { GroupsAccumulator } from '../functions/registry.ts';
import { maxGroup } from './agg.ts';
import { stripType } from './define.ts';
import { nullsOf } from './read.ts';
import { Slots } from './slots.ts';

/** Which row a group keeps: the smallest, the largest, the first or the last seen. */
export type Pick = 'min' | 'max' | 'first' | 'last';

/** Accumulator keeping one value per group chosen by `pick` over a key (the value itself unless arg*). */
export class PickAccumulator implements GroupsAccumulator {
  private readonly value: Slots;
  private readonly key: Slots | null;

  constructor(private readonly pick: Pick, valueType: DataType, keyType: DataType | null, private readonly nullable: boolean) {
    this.value = new Slots(stripType(valueType));
    this.key = keyType ? new Slots(stripType(keyType)) : null;
  }

  update(args: readonly Vector[], groupIds: Uint32Array, n: number): void {
    const groups = maxGroup(groupIds, n) + 1;
    const val = this.value, key = this.key ?? val;
    val.ensure(groups);
    key.ensure(groups);
    const vNulls = nullsOf(args[0]!, n);
    const kNulls = this.key ? nullsOf(args[1]!, n) : null;
    val.load(args[0]!, n);
    if (this.key) this.key.load(args[1]!, n);
    const has = key.has;
    const pick = this.pick;
    const sign = pick === 'min' ? -1 : 1;
    for (let i = 0; i < n; i++) {
      if ((vNulls !== null && vNulls[i] === 1 && !this.key) || (kNulls !== null && kNulls[i] === 1)) continue;
      const g = groupIds[i]!;
      let take: boolean;
      if (has[g] !== 1) take = true;
      else if (pick === 'first') take = false;
      else if (pick === 'last') take = true;
      else take = key.compare(g, i) * sign > 0;
      if (!take) continue;
      if (this.key) this.key.set(g, i);
      if (vNulls !== null && vNulls[i] === 1) { if (val.has[g] === 1) val.has[g] = 0; }
      else val.set(g, i);
    }
  }

  state(groups: number): Vector[] {
    const v = this.value.toVector(groups, true);
    return this.key ? [v, this.key.toVector(groups, true)] : [v];
  }

  merge(state: readonly Vector[], groupIds: Uint32Array, n: number): void {
    this.update(state, groupIds, n);
  }

  evaluate(groups: number): Vector {
    return this.value.toVector(groups, this.nullable);
  }

  memoryBytes(): number {
    return this.value.memoryBytes() + (this.key?.memoryBytes() ?? 0);
  }
}

/** State types of a pick aggregate: Nullable value (and key) types. */
export function pickStateTypes(valueType: DataType, keyType: DataType | null): DataType[] {
  const v = withNullable(stripType(valueType));
  return keyType ? [v, withNullable(stripType(keyType))] : [v];
}
