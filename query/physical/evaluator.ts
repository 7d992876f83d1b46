/**
 * Expression evaluation: bound expressions compiled once into a flat program of steps over vectors
 * (functions resolved, IN sets built, common subexpressions shared), then run per batch on dense
 * columns. Each step is one vectorized function call; there is no per-row interpretation.
 */
import { EddyError } from '../../src/core/errors.ts';
import type { Vector } from '../../src/core/vector.ts';
import { constVector } from '../../src/core/vector.ts';
import type { ScalarFunction } from '../functions/registry.ts';
import { getScalar } from '../functions/registry.ts';
import type { BoundExpr } from '../planner/bound.ts';
import { exprKey } from '../planner/bound.ts';
import { InSet } from './in-set.ts';

type Step =
  | { readonly op: 'col'; readonly index: number }
  | { readonly op: 'const'; readonly e: Extract<BoundExpr, { kind: 'const' }> }
  | { readonly op: 'call'; readonly fn: ScalarFunction; readonly args: readonly number[]; readonly e: BoundExpr }
  | { readonly op: 'in'; readonly set: InSet; readonly arg: number };

/** Evaluates a list of expressions over batches; results share common subexpressions. */
export class Evaluator {
  private readonly steps: Step[] = [];
  private readonly outputs: number[];

  constructor(readonly exprs: readonly BoundExpr[]) {
    const slots = new Map<string, number>();
    this.outputs = exprs.map((e) => this.compile(e, slots));
  }

  private compile(e: BoundExpr, slots: Map<string, number>): number {
    const key = exprKey(e);
    const volatile = e.kind === 'call' && e.volatile === true;
    const known = volatile ? undefined : slots.get(key);
    if (known !== undefined) return known;
    let step: Step;
    switch (e.kind) {
      case 'col': step = { op: 'col', index: e.index }; break;
      case 'const': step = { op: 'const', e }; break;
      case 'call': step = { op: 'call', fn: getScalar(e.fn), args: e.args.map((a) => this.compile(a, slots)), e }; break;
      case 'in': step = { op: 'in', set: new InSet(e.expr.type, e.values, e.negated), arg: this.compile(e.expr, slots) }; break;
      default: throw new EddyError('LOGICAL_ERROR', `Cannot evaluate ${e.kind} expression: it must be resolved before execution`);
    }
    this.steps.push(step);
    const slot = this.steps.length - 1;
    if (!volatile) slots.set(key, slot);
    return slot;
  }

  /** Evaluate every expression over `n` rows of dense columns. */
  run(columns: readonly Vector[], n: number): Vector[] {
    const vals: Vector[] = new Array(this.steps.length);
    for (let s = 0; s < this.steps.length; s++) {
      const st = this.steps[s]!;
      switch (st.op) {
        case 'col': vals[s] = columns[st.index]!; break;
        case 'const': vals[s] = constVector(st.e.type, st.e.value, n); break;
        case 'call': vals[s] = st.fn.evaluate(st.args.map((a) => vals[a]!), n, st.e.type); break;
        case 'in': vals[s] = st.set.probe(vals[st.arg]!, n); break;
      }
    }
    return this.outputs.map((o) => vals[o]!);
  }
}
