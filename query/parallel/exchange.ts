/**
 * The partitioned merge of a parallel GROUP BY. Each partition aggregates its units into a table of its
 * own; when a partition ends with more than `threshold` groups, the groups are split by key hash
 * (key-buckets.ts) into one bucket per worker, bucket j goes to worker j (through the main thread,
 * as transferred buffers), and worker j merges bucket j of every partition into its table, evaluates
 * its share of the groups — disjoint from the other workers' — and applies what the plan does over
 * the aggregate that each share can do alone: HAVING filters, projections, and for ORDER BY … LIMIT
 * (or a plain LIMIT) its own best (or first) limit + offset rows. The main thread then only
 * concatenates small results. When every partition has few groups, the main thread merges them all
 * as before, without the second round. When a worker's groups are a large share of the rows it read
 * (near-unique keys, where partial aggregation saves nothing), GatherExec sends the remaining units to
 * every worker, each folding in only the rows of its own bucket: those groups need no merge at all.
 */
import type { Batch } from '../../src/core/batch.ts';
import type { Field } from '../../src/core/types.ts';
import type { AggregateCall, BoundExpr } from '../planner/bound.ts';
import type { SortKey } from '../planner/logical.ts';
import { FilterExec } from '../physical/filter.ts';
import { HashAggregateExec } from '../physical/hash-aggregate.ts';
import { LimitExec } from '../physical/limit.ts';
import type { PhysicalOperator } from '../physical/operator.ts';
import { ProjectExec } from '../physical/project.ts';
import { TopKExec } from '../physical/topk.ts';
import { ValuesExec } from '../physical/values.ts';
import type { FragmentStep } from './fragment.ts';
import { bucketRows, keyBuckets } from './key-buckets.ts';
import { packBatch, packRows, type PackedBatch } from './pack.ts';

/** What each merging partition keeps of its groups (after the steps): its best or its first `limit` rows. */
export type ExchangeReduce =
  | { readonly kind: 'topK'; readonly keys: readonly SortKey[]; readonly limit: number }
  | { readonly kind: 'limit'; readonly limit: number };

/** How a parallel aggregate's partitions merge by key hash (plain data, shipped with the fragment). */
export interface AggregateExchange {
  /** A partition with more partial groups than this splits them by key hash (group_by_two_level_threshold). */
  readonly threshold: number;
  /** The aggregate's output: keys, then final values. */
  readonly finalSchema: readonly Field[];
  /** HAVING filters and projections over the aggregate's output, from the bottom up. */
  readonly steps: readonly FragmentStep[];
  readonly reduce?: ExchangeReduce;
  /** Rows after the steps. */
  readonly schema: readonly Field[];
}

/** An operator over batches produced elsewhere (a table's groups, received results). */
export class StreamExec implements PhysicalOperator {
  readonly name = 'Stream';
  readonly children: readonly PhysicalOperator[] = [];

  constructor(readonly schema: readonly Field[], private readonly batches: AsyncIterable<Batch>) {}

  execute(): AsyncIterable<Batch> {
    return this.batches;
  }

  explain(): string {
    return 'Stream';
  }
}

/** The steps and the reduce of `x` over `input` (the aggregate's final rows). */
export function buildReduce(x: AggregateExchange, input: PhysicalOperator, countRowsBeforeLimit: boolean): PhysicalOperator {
  let op = input;
  for (const s of x.steps) op = s.kind === 'filter' ? new FilterExec(op, s.predicate) : new ProjectExec(op, s.exprs, s.schema);
  if (x.reduce === undefined) return op;
  return x.reduce.kind === 'topK'
    ? new TopKExec(op, x.reduce.keys, x.reduce.limit, 0, countRowsBeforeLimit)
    : new LimitExec(op, x.reduce.limit, 0, countRowsBeforeLimit);
}

/** The main thread's merge of every partition's partial states (all partitions had few groups). */
export function mergeOnMainThread(x: AggregateExchange, partialSchema: readonly Field[], aggregates: readonly AggregateCall[],
  partials: readonly Batch[], countRowsBeforeLimit: boolean): PhysicalOperator {
  const nk = x.finalSchema.length - aggregates.length;
  const keys: BoundExpr[] = x.finalSchema.slice(0, nk).map((f, i) => ({ kind: 'col', index: i, type: f.type, name: f.name }));
  const merged = new HashAggregateExec(new ValuesExec(partialSchema, partials), keys, aggregates, x.finalSchema, 'final');
  return buildReduce(x, merged, countRowsBeforeLimit);
}

/**
 * Split partial-state batches (keys in the first `nk` columns) into `parts` buckets by key hash,
 * packed for transfer; bucket `skip` is left empty (its groups stay where they are).
 */
export function splitPartials(batches: readonly Batch[], nk: number, parts: number, skip: number, transfer: ArrayBuffer[]): PackedBatch[][] {
  const out: PackedBatch[][] = Array.from({ length: parts }, () => []);
  for (const b of batches) {
    const n = b.sel === null ? b.length : b.sel.length;
    if (n === 0) continue;
    const dense = b.sel === null ? b : packBatch(b, []);
    const buckets = keyBuckets(dense.columns.slice(0, nk), n, parts);
    const rows = bucketRows(buckets, parts);
    for (let j = 0; j < parts; j++) {
      if (j === skip || rows[j]!.length === 0) continue;
      out[j]!.push(packRows(dense.columns, rows[j]!, transfer));
    }
  }
  return out;
}

/** The buffers a packed batch holds (to transfer it on). */
export function packedBuffers(batches: readonly PackedBatch[], into: Set<ArrayBuffer>): void {
  for (const b of batches) {
    for (const c of b.columns) {
      switch (c.kind) {
        case 'const': break;
        case 'flat': into.add(c.values.buffer as ArrayBuffer); if (c.nulls) into.add(c.nulls.buffer as ArrayBuffer); break;
        case 'string': into.add(c.offsets.buffer as ArrayBuffer); into.add(c.bytes.buffer as ArrayBuffer); if (c.nulls) into.add(c.nulls.buffer as ArrayBuffer); break;
        case 'dict':
          into.add(c.codes.buffer as ArrayBuffer); if (c.nulls) into.add(c.nulls.buffer as ArrayBuffer);
          into.add(c.dict.kind === 'flat' ? c.dict.values.buffer as ArrayBuffer : c.dict.offsets.buffer as ArrayBuffer);
          if (c.dict.kind === 'string') into.add(c.dict.bytes.buffer as ArrayBuffer);
          if (c.dict.nulls) into.add(c.dict.nulls.buffer as ArrayBuffer);
          break;
      }
    }
  }
}
