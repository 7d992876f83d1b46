/**
 * The one registry of scalar and aggregate functions. Each function lives in its own file under
 * query/functions/ and registers itself here; `query/functions/index.ts` imports them all.
 *
 * Lookup is case-insensitive for names registered with `caseInsensitive` (as ClickHouse does for
 * SQL-standard names such as count, sum, lower, substring), case-sensitive otherwise.
 */
import type { DataType, Scalar } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { EddyError, } from '../../src/core/errors.ts';
import { quoteToken } from '../../src/core/types.ts';

/** A scalar function: one output row per input row. */
export interface ScalarFunction {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly caseInsensitive?: boolean;
  /**
   * The result type for these argument types, or throw ILLEGAL_TYPE_OF_ARGUMENT /
   * NUMBER_OF_ARGUMENTS_DOESNT_MATCH naming the function and the offending type.
   * `constants[i]` is the value of argument i when it is a constant (literal), else undefined.
   */
  returnType(args: readonly DataType[], constants: readonly (Scalar | undefined)[]): DataType;
  /**
   * Evaluate over `n` rows. Arguments are dense (no selection) and have length n, in any encoding
   * (flat, string, dict, const). Returns a vector of `resultType` and length n.
   */
  evaluate(args: readonly Vector[], n: number, resultType: DataType): Vector;
  /** True when the function is not deterministic per row (now(), rand()): never constant-folded. */
  readonly volatile?: boolean;
}

/**
 * Per-group state of one aggregate over dense group ids (DataFusion's GroupsAccumulator shape).
 * Group ids are 0..groups-1 and grow over time; accumulators resize their typed arrays as needed.
 */
export interface GroupsAccumulator {
  /** Fold rows into their groups. args are dense, length n; groupIds[i] is row i's group. */
  update(args: readonly Vector[], groupIds: Uint32Array, n: number): void;
  /** Optional fast path of update when every row is in group 0 (aggregation without GROUP BY). */
  updateOne?(args: readonly Vector[], n: number): void;
  /** Export the partial state of groups 0..groups-1 as vectors (for partial → final and rollups). */
  state(groups: number): Vector[];
  /** Fold exported partial states (length n) into their groups. */
  merge(state: readonly Vector[], groupIds: Uint32Array, n: number): void;
  /** Final values of groups 0..groups-1. */
  evaluate(groups: number): Vector;
  /** Optional: final values of the groups `rows` (each below `groups`), in that order, without evaluating the others. */
  evaluateAt?(rows: Uint32Array, groups: number): Vector;
  /** Approximate bytes of state held, for max_memory_usage. */
  memoryBytes(): number;
  /** Optional: make room for `groups` groups in all (a size hint, so per-group arrays grow once). */
  reserve?(groups: number): void;
}

/** An aggregate function such as sum, uniq, quantile(0.5). */
export interface AggregateFunction {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly caseInsensitive?: boolean;
  /** Result type for these argument types and parameters (quantile(0.9)(x): params = [0.9]). */
  returnType(args: readonly DataType[], params: readonly Scalar[]): DataType;
  /** Types of the vectors state() exports. */
  stateTypes(args: readonly DataType[], params: readonly Scalar[]): DataType[];
  /** A fresh accumulator. */
  create(args: readonly DataType[], params: readonly Scalar[]): GroupsAccumulator;
}

const scalars = new Map<string, ScalarFunction>();
const aggregates = new Map<string, AggregateFunction>();
const scalarsCi = new Map<string, ScalarFunction>();
const aggregatesCi = new Map<string, AggregateFunction>();

/** Register a scalar function under its name and aliases. */
export function registerScalar(f: ScalarFunction): void {
  for (const n of [f.name, ...(f.aliases ?? [])]) {
    scalars.set(n, f);
    if (f.caseInsensitive) scalarsCi.set(n.toLowerCase(), f);
  }
}

/** Register an aggregate function under its name and aliases. */
export function registerAggregate(f: AggregateFunction): void {
  for (const n of [f.name, ...(f.aliases ?? [])]) {
    aggregates.set(n, f);
    if (f.caseInsensitive) aggregatesCi.set(n.toLowerCase(), f);
  }
}

/** The scalar function called `name`, or undefined. */
export function findScalar(name: string): ScalarFunction | undefined {
  return scalars.get(name) ?? scalarsCi.get(name.toLowerCase());
}

/** The aggregate function called `name`, or undefined. */
export function findAggregate(name: string): AggregateFunction | undefined {
  return aggregates.get(name) ?? aggregatesCi.get(name.toLowerCase());
}

/** The scalar function called `name`, or UNKNOWN_FUNCTION. */
export function getScalar(name: string): ScalarFunction {
  const f = findScalar(name);
  if (!f) throw new EddyError('UNKNOWN_FUNCTION', `Unknown function ${quoteToken(name)}`);
  return f;
}

/** Every registered name, for system.functions. */
export function listFunctions(): { name: string; isAggregate: boolean; caseInsensitive: boolean }[] {
  const out: { name: string; isAggregate: boolean; caseInsensitive: boolean }[] = [];
  for (const [name, f] of scalars) out.push({ name, isAggregate: false, caseInsensitive: !!f.caseInsensitive });
  for (const [name, f] of aggregates) out.push({ name, isAggregate: true, caseInsensitive: !!f.caseInsensitive });
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
