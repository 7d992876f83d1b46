/**
 * The binder: turns a Query AST into a logical plan. It resolves names (columns, `t.c`, select-list
 * aliases usable anywhere as ClickHouse allows, GROUP BY / ORDER BY positions, `*`), types every
 * expression through the function registry, splits aggregates from scalars, and binds subqueries,
 * CTEs, UNION ALL and joins.
 *
 * A SELECT becomes, bottom-up: FROM → Filter(WHERE) → Aggregate → Filter(HAVING) →
 * Project(select list + hidden sort keys) → Distinct → Sort → LimitBy → Limit → Project(visible).
 */
import { EddyError } from '../../src/core/errors.ts';
import type { TableSource } from '../../src/core/scan.ts';
import type { DataType, Field, Scalar } from '../../src/core/types.ts';
import { T, isNumeric, isTemporal, parseType, quoteToken, typeName, withNullable } from '../../src/core/types.ts';
import { constVector } from '../../src/core/vector.ts';
import { makeBatch } from '../../src/core/batch.ts';
import { findAggregate, findScalar, getScalar } from '../functions/registry.ts';
import type { Expr, FromItem, OrderItem, Query, Select } from '../parser/ast.ts';
import type { AggregateCall, AggExpr, BoundExpr, ColExpr } from './bound.ts';
import { columnsOf, conjuncts, exprKey, mapColumns } from './bound.ts';
import { constantCount, evaluateConstant } from './evaluate-constant.ts';
import { convertConstant, parseParam, typeLiteral } from './literals.ts';
import type { LogicalPlan, SortKey } from './logical.ts';
import { canonicalFunctionName, exprName } from './names.ts';
import { NumbersTable } from './numbers-table.ts';
import { Scope } from './scope.ts';
import { superType } from './supertype.ts';

/** What binding needs from the outside world. */
export interface BindContext {
  /** Resolve a table; throws UNKNOWN_TABLE / UNKNOWN_DATABASE. */
  resolveTable(database: string | undefined, name: string): TableSource;
  readonly currentDatabase: string;
  readonly params: Readonly<Record<string, string>>;
}

/** CTEs visible at a point of the query. */
interface Env {
  readonly queries: ReadonlyMap<string, Query>;
  readonly exprs: ReadonlyMap<string, Expr>;
}

/** Per-expression binding state. */
interface ExprEnv {
  readonly scope: Scope;
  readonly aliases: ReadonlyMap<string, Expr>;
  readonly expanding: Set<string>;
  readonly allowAgg: boolean;
  readonly clause: string;
  readonly env: Env;
  inAgg: boolean;
}

const COMPARISONS = new Set(['equals', 'notEquals', 'less', 'greater', 'lessOrEquals', 'greaterOrEquals']);
const INTERVAL_FN: Record<string, string> = {
  second: 'Seconds', minute: 'Minutes', hour: 'Hours', day: 'Days', week: 'Weeks', month: 'Months', quarter: 'Quarters', year: 'Years',
};

/** Bind a query into a logical plan whose schema is the query's result. */
export function bindQuery(query: Query, ctx: BindContext): LogicalPlan {
  return new Binder(ctx).query(query, { queries: new Map(), exprs: new Map() });
}

/** A scalar function call, typed through the registry. */
export function makeCall(fn: string, args: readonly BoundExpr[]): BoundExpr {
  const f = getScalar(fn);
  const type = f.returnType(args.map((a) => a.type), args.map((a) => (a.kind === 'const' ? a.value : undefined)));
  return { kind: 'call', fn: f.name, args, type, ...(f.volatile ? { volatile: true } : {}) };
}

/** AND of predicates (a single predicate is returned as is). */
export function makeAnd(preds: readonly BoundExpr[]): BoundExpr {
  return preds.length === 1 ? preds[0]! : makeCall('and', preds);
}

/** `expr` converted to `type` through the registry's CAST. */
export function makeCast(e: BoundExpr, type: DataType): BoundExpr {
  return makeCall(findScalar('_CAST') ? '_CAST' : 'CAST', [e, { kind: 'const', value: typeName(type), type: T.String }]);
}

class Binder {
  constructor(private readonly ctx: BindContext) {}

  query(q: Query, env: Env): LogicalPlan {
    return q.kind === 'Select' ? this.select(q, env) : this.union(q, env);
  }

  // ---------------------------------------------------------------- UNION ALL

  private union(q: Extract<Query, { kind: 'Union' }>, env: Env): LogicalPlan {
    const plans = q.queries.map((m) => this.query(m, env));
    const width = plans[0]!.schema.length;
    for (const p of plans) {
      if (p.schema.length !== width) {
        throw new EddyError('TYPE_MISMATCH', `UNION ALL members have different numbers of columns: ${width} and ${p.schema.length}`);
      }
    }
    const types = plans[0]!.schema.map((_, i) => superType(plans.map((p) => p.schema[i]!.type)));
    const schema: Field[] = plans[0]!.schema.map((f, i) => ({ name: f.name, type: types[i]! }));
    const inputs = plans.map((p): LogicalPlan => {
      if (p.schema.every((f, i) => f.type.kind === types[i]!.kind && f.type.nullable === types[i]!.nullable)) return p;
      const exprs = p.schema.map((f, i): BoundExpr => {
        const col: BoundExpr = { kind: 'col', index: i, type: f.type, name: f.name };
        return f.type.kind === types[i]!.kind && f.type.nullable === types[i]!.nullable ? col : makeCast(col, types[i]!);
      });
      return { kind: 'Project', schema: p.schema.map((f, i) => ({ name: f.name, type: exprs[i]!.type })), input: p, exprs };
    });
    let plan: LogicalPlan = { kind: 'Union', schema, inputs };
    if (q.orderBy || q.limit || q.offset) {
      const scope = Scope.of(schema);
      const x = this.exprEnv(scope, new Map(), false, 'ORDER BY', env);
      if (q.orderBy) plan = { kind: 'Sort', schema, input: plan, keys: q.orderBy.map((o) => this.sortKey(o, this.expr(o.expr, x))) };
      plan = this.limit(plan, q.limit, q.offset, x);
    }
    return plan;
  }

  // ---------------------------------------------------------------- SELECT

  private select(s: Select, outer: Env): LogicalPlan {
    const env = this.withCtes(s, outer);
    let { plan, scope } = s.from ? this.from(s.from, env) : this.one();
    const aliases = new Map<string, Expr>(env.exprs);
    for (const item of s.items) {
      if (item.alias !== undefined) aliases.set(item.alias, item.expr);
      collectAliases(item.expr, aliases);
    }

    // Select list with `*` expanded.
    const items: { ast: Expr; name: string; bound: BoundExpr }[] = [];
    const xSelect = this.exprEnv(scope, aliases, true, 'SELECT', env);
    for (const item of s.items) {
      if (item.expr.kind === 'Star') {
        for (const c of scope.star(item.expr.table)) {
          items.push({ ast: { kind: 'Column', name: c.name, pos: item.expr.pos }, name: c.name, bound: { kind: 'col', index: c.index, type: c.type, name: c.name } });
        }
        continue;
      }
      const expanding = item.alias !== undefined ? new Set([item.alias]) : new Set<string>();
      items.push({ ast: item.expr, name: item.alias ?? exprName(item.expr), bound: this.expr(item.expr, { ...xSelect, expanding }) });
    }

    if (s.where) {
      const pred = this.expr(s.where, this.exprEnv(scope, aliases, false, 'WHERE', env));
      plan = { kind: 'Filter', schema: plan.schema, input: plan, predicate: pred };
    }

    const groupAsts = (s.groupBy ?? []).map((g) => this.positional(g, s, items.map((i) => i.ast), 'GROUP BY'));
    const xGroup = this.exprEnv(scope, aliases, false, 'GROUP BY', env);
    const groupKeys = groupAsts.map((g) => this.expr(g, xGroup));

    const xAny = this.exprEnv(scope, aliases, true, 'HAVING', env);
    const having = s.having ? this.expr(s.having, xAny) : undefined;
    const orderAsts = (s.orderBy ?? []).map((o) => this.positional(o.expr, s, items.map((i) => i.ast), 'ORDER BY'));
    const order = orderAsts.map((a) => this.expr(a, { ...xAny, clause: 'ORDER BY' }));
    const limitBy = (s.limitBy?.by ?? []).map((a) => this.expr(a, { ...xAny, clause: 'LIMIT BY' }));

    const all = [...items.map((i) => i.bound), ...(having ? [having] : []), ...order, ...limitBy];
    let post = (e: BoundExpr): BoundExpr => e;
    if (s.groupBy !== undefined || all.some(hasAgg)) {
      const aggs: AggregateCall[] = [];
      const aggIndex = new Map<string, number>();
      for (const e of all) collectAggs(e, aggs, aggIndex);
      const keyIndex = new Map<string, number>();
      groupKeys.forEach((k, i) => { if (!keyIndex.has(exprKey(k))) keyIndex.set(exprKey(k), i); });
      const schema: Field[] = [
        ...groupKeys.map((k, i) => ({ name: exprName(groupAsts[i]!), type: k.type })),
        ...aggs.map((a) => ({ name: a.name, type: a.type })),
      ];
      plan = { kind: 'Aggregate', schema, input: plan, keys: groupKeys, aggregates: aggs };
      const nk = groupKeys.length;
      const rewrite = (e: BoundExpr): BoundExpr => {
        const k = keyIndex.get(exprKey(e));
        if (k !== undefined) return { kind: 'col', index: k, type: e.type, name: schema[k]!.name };
        switch (e.kind) {
          case 'agg': {
            const j = aggIndex.get(exprKey(e))!;
            return { kind: 'col', index: nk + j, type: e.type, name: e.name };
          }
          case 'col':
            throw new EddyError('NOT_AN_AGGREGATE', `Column ${quoteToken(e.name)} is not under aggregate function and not in GROUP BY keys. In query with aggregation, every column must be either in GROUP BY or inside an aggregate function`);
          case 'call': return { ...e, args: e.args.map(rewrite) };
          case 'in': case 'inSubquery': return { ...e, expr: rewrite(e.expr) };
          default: return e;
        }
      };
      post = rewrite;
    }

    if (having) plan = { kind: 'Filter', schema: plan.schema, input: plan, predicate: post(having) };

    // Project the select list plus hidden columns for ORDER BY / LIMIT BY keys not in it.
    const exprs = items.map((i) => post(i.bound));
    const fields: Field[] = items.map((i, k) => ({ name: i.name, type: exprs[k]!.type }));
    const visible = exprs.length;
    const indexOf = (e: BoundExpr, name: string): ColExpr => {
      const pe = post(e);
      const key = exprKey(pe);
      let i = exprs.findIndex((x) => exprKey(x) === key);
      if (i < 0) { i = exprs.length; exprs.push(pe); fields.push({ name, type: pe.type }); }
      return { kind: 'col', index: i, type: pe.type, name: fields[i]!.name };
    };
    const sortKeys = order.map((e, i) => this.sortKey(s.orderBy![i]!, indexOf(e, exprName(orderAsts[i]!))));
    const limitByKeys = limitBy.map((e, i) => indexOf(e, exprName(s.limitBy!.by[i]!)));
    plan = { kind: 'Project', schema: fields, input: plan, exprs };

    if (s.distinct) plan = { kind: 'Distinct', schema: plan.schema, input: plan, columns: visible };
    if (sortKeys.length > 0) plan = { kind: 'Sort', schema: plan.schema, input: plan, keys: sortKeys };
    if (s.limitBy) {
      const xc = this.exprEnv(Scope.of([]), new Map(), false, 'LIMIT BY', env);
      plan = {
        kind: 'LimitBy', schema: plan.schema, input: plan, keys: limitByKeys,
        limit: constantCount(this.expr(s.limitBy.count, xc), 'LIMIT BY'),
        offset: s.limitBy.offset ? constantCount(this.expr(s.limitBy.offset, xc), 'LIMIT BY OFFSET') : 0,
      };
    }
    plan = this.limit(plan, s.limit, s.offset, this.exprEnv(Scope.of([]), new Map(), false, 'LIMIT', env));
    if (plan.schema.length > visible) {
      const schema = plan.schema.slice(0, visible);
      plan = { kind: 'Project', schema, input: plan, exprs: schema.map((f, i) => ({ kind: 'col', index: i, type: f.type, name: f.name })) };
    }
    return plan;
  }

  private limit(plan: LogicalPlan, limit: Expr | undefined, offset: Expr | undefined, x: ExprEnv): LogicalPlan {
    if (limit === undefined && offset === undefined) return plan;
    const n = limit !== undefined ? constantCount(this.expr(limit, x), 'LIMIT') : undefined;
    const o = offset !== undefined ? constantCount(this.expr(offset, x), 'OFFSET') : 0;
    return { kind: 'Limit', schema: plan.schema, input: plan, ...(n !== undefined ? { limit: n } : {}), offset: o };
  }

  private sortKey(o: OrderItem, expr: BoundExpr): SortKey {
    return { expr, desc: o.desc, nullsFirst: o.nullsFirst ?? false };
  }

  /** `GROUP BY 2` / `ORDER BY 1`: a positive integer literal names a select item. */
  private positional(e: Expr, s: Select, items: readonly Expr[], clause: string): Expr {
    if (e.kind !== 'Literal' || typeof e.value !== 'number' || e.isFloat || !Number.isInteger(e.value)) return e;
    if (s.items.some((i) => i.expr.kind === 'Star') && items.length === 0) return e;
    const item = items[e.value - 1];
    if (item === undefined) {
      throw new EddyError('BAD_ARGUMENTS', `Positional argument number ${e.value} is out of bounds in ${clause}: expected 1 to ${items.length}`);
    }
    return item;
  }

  private withCtes(s: Select, outer: Env): Env {
    if (!s.with || s.with.length === 0) return outer;
    const queries = new Map(outer.queries);
    const exprs = new Map(outer.exprs);
    for (const w of s.with) {
      if (w.kind === 'QueryCte') queries.set(w.name, w.query);
      else exprs.set(w.name, w.expr);
    }
    return { queries, exprs };
  }

  private exprEnv(scope: Scope, aliases: ReadonlyMap<string, Expr>, allowAgg: boolean, clause: string, env: Env): ExprEnv {
    return { scope, aliases, expanding: new Set(), allowAgg, clause, env, inAgg: false };
  }

  // ---------------------------------------------------------------- FROM

  private one(): { plan: LogicalPlan; scope: Scope } {
    const schema: Field[] = [{ name: 'dummy', type: T.UInt8 }];
    const batch = makeBatch(schema, [constVector(T.UInt8, 0, 1)], 1);
    return { plan: { kind: 'Values', schema, batches: [batch] }, scope: Scope.of(schema, 'one', 'system') };
  }

  private from(item: FromItem, env: Env): { plan: LogicalPlan; scope: Scope } {
    switch (item.kind) {
      case 'TableName': {
        const cte = item.database === undefined ? env.queries.get(item.name) : undefined;
        if (cte) {
          const plan = this.query(cte, env);
          return { plan, scope: Scope.of(plan.schema, item.alias ?? item.name) };
        }
        if (item.database === undefined && env.exprs.has(item.name)) {
          throw new EddyError('UNKNOWN_TABLE', `Table ${item.name} is an expression alias, not a table`);
        }
        return this.scan(this.ctx.resolveTable(item.database, item.name), item.alias);
      }
      case 'SubqueryTable': {
        const plan = this.query(item.query, env);
        return { plan, scope: Scope.of(plan.schema, item.alias) };
      }
      case 'TableFunction': return this.scan(this.tableFunction(item.name, item.args, env), item.alias);
      case 'Join': return this.join(item, env);
    }
  }

  private scan(table: TableSource, alias?: string): { plan: LogicalPlan; scope: Scope } {
    const plan: LogicalPlan = { kind: 'Scan', schema: table.schema, table, columns: table.schema.map((f) => f.name), ranges: [] };
    const tag = alias ?? table.name;
    const scope = new Scope(table.schema.map((f, index) => ({ name: f.name, type: f.type, index, table: tag, database: table.database })), [`${table.database}.${table.name}`]);
    return { plan, scope };
  }

  private tableFunction(name: string, args: readonly Expr[], env: Env): TableSource {
    const x = this.exprEnv(Scope.of([]), new Map(), false, 'FROM', env);
    const vals = args.map((a) => constantCount(this.expr(a, x), `argument of ${name}`));
    if (name === 'numbers' || name === 'numbers_mt') {
      if (vals.length === 1) return new NumbersTable(0, vals[0]!);
      if (vals.length === 2) return new NumbersTable(vals[0]!, vals[1]!);
      throw new EddyError('NUMBER_OF_ARGUMENTS_DOESNT_MATCH', `Table function 'numbers' requires 1 or 2 arguments, got ${vals.length}`);
    }
    throw new EddyError('UNKNOWN_FUNCTION', `Unknown table function ${quoteToken(name)}`);
  }

  private join(j: Extract<FromItem, { kind: 'Join' }>, env: Env): { plan: LogicalPlan; scope: Scope } {
    if (j.joinType === 'right' || j.joinType === 'full') {
      throw new EddyError('NOT_IMPLEMENTED', `${j.joinType.toUpperCase()} JOIN is not supported yet`);
    }
    const l = this.from(j.left, env);
    let r = this.from(j.right, env);
    const nl = l.plan.schema.length;
    const hiddenRight = new Set<number>();
    const leftKeys: BoundExpr[] = [];
    const rightKeys: BoundExpr[] = [];
    const post: BoundExpr[] = [];
    const rightPre: BoundExpr[] = [];
    if (j.using) {
      for (const name of j.using) {
        const lc = l.scope.find({ kind: 'Column', name, pos: 0 });
        const rc = r.scope.find({ kind: 'Column', name, pos: 0 });
        if (!lc || !rc) throw new EddyError('UNKNOWN_IDENTIFIER', `Column ${quoteToken(name)} in USING is not found in ${lc ? 'right' : 'left'} table`);
        leftKeys.push({ kind: 'col', index: lc.index, type: lc.type, name });
        rightKeys.push({ kind: 'col', index: rc.index, type: rc.type, name });
        hiddenRight.add(rc.index);
      }
    }
    const scope = new Scope([
      ...l.scope.columns,
      ...r.scope.columns.map((c) => ({ ...c, index: c.index + nl, ...(hiddenRight.has(c.index) ? { hidden: true } : {}) })),
    ], [...l.scope.tables, ...r.scope.tables]);
    if (j.on) {
      const on = this.expr(j.on, this.exprEnv(scope, new Map(), false, 'JOIN ON', env));
      for (const c of conjuncts(on)) {
        const cols = [...columnsOf(c)];
        const side = (e: BoundExpr) => {
          const cs = [...columnsOf(e)];
          return cs.length === 0 ? 'none' : cs.every((i) => i < nl) ? 'left' : cs.every((i) => i >= nl) ? 'right' : 'both';
        };
        if (c.kind === 'call' && c.fn === 'equals') {
          const [a, b] = c.args as [BoundExpr, BoundExpr];
          const sa = side(a); const sb = side(b);
          if (sa === 'left' && sb === 'right') { leftKeys.push(a); rightKeys.push(shift(b, -nl)); continue; }
          if (sa === 'right' && sb === 'left') { leftKeys.push(b); rightKeys.push(shift(a, -nl)); continue; }
        }
        if (cols.length > 0 && cols.every((i) => i >= nl)) { rightPre.push(shift(c, -nl)); continue; }
        if (j.joinType === 'inner' || j.joinType === 'cross') { post.push(c); continue; }
        throw new EddyError('INVALID_JOIN_ON_EXPRESSION', `Unsupported JOIN ON condition for LEFT JOIN: ${exprKey(c)}; expected equalities between left and right columns`);
      }
    }
    if (j.joinType !== 'cross' && leftKeys.length === 0) {
      throw new EddyError('INVALID_JOIN_ON_EXPRESSION', 'Cannot determine join keys: JOIN needs ON with an equality between the two tables, or USING');
    }
    if (rightPre.length > 0) r = { ...r, plan: { kind: 'Filter', schema: r.plan.schema, input: r.plan, predicate: makeAnd(rightPre) } };
    for (let i = 0; i < leftKeys.length; i++) {
      const a = leftKeys[i]!; const b = rightKeys[i]!;
      if (a.type.kind !== b.type.kind) {
        const t = superType([withNullable(a.type, false), withNullable(b.type, false)]);
        if (a.type.kind !== t.kind) leftKeys[i] = makeCast(a, withNullable(t, a.type.nullable));
        if (b.type.kind !== t.kind) rightKeys[i] = makeCast(b, withNullable(t, b.type.nullable));
      }
    }
    let plan: LogicalPlan = {
      kind: 'Join', schema: [...l.plan.schema, ...r.plan.schema], joinType: j.joinType === 'cross' ? 'cross' : j.joinType,
      left: l.plan, right: r.plan, leftKeys, rightKeys,
    };
    if (post.length > 0) plan = { kind: 'Filter', schema: plan.schema, input: plan, predicate: makeAnd(post) };
    return { plan, scope };
  }

  // ---------------------------------------------------------------- expressions

  private expr(e: Expr, x: ExprEnv): BoundExpr {
    switch (e.kind) {
      case 'Literal': {
        const t = typeLiteral(e.value, e.isFloat === true);
        return { kind: 'const', value: t.value, type: t.type };
      }
      case 'Param': {
        const p = parseParam(e.name, e.type, this.ctx.params[e.name], parseType);
        return { kind: 'const', value: p.value, type: p.type };
      }
      case 'Alias': return this.expr(e.expr, x);
      case 'Column': return this.column(e, x);
      case 'Star': throw new EddyError('BAD_ARGUMENTS', `Asterisk is not allowed in ${x.clause} here`);
      case 'Function': return this.call(e, x);
      case 'Cast': {
        const inner = this.expr(e.expr, x);
        parseType(e.type); // validates the type name
        return makeCall(findScalar('_CAST') ? '_CAST' : 'CAST', [inner, { kind: 'const', value: e.type, type: T.String }]);
      }
      case 'Case': {
        const args: BoundExpr[] = [];
        const operand = e.operand ? this.expr(e.operand, x) : undefined;
        for (const w of e.whens) {
          const when = this.expr(w.when, x);
          args.push(operand ? this.comparison('equals', [operand, when]) : when, this.expr(w.then, x));
        }
        args.push(e.else ? this.expr(e.else, x) : { kind: 'const', value: null, type: T.Nothing });
        return makeCall('multiIf', args);
      }
      case 'In': return this.inList(e, x);
      case 'Subquery': {
        const plan = this.query(e.query, x.env);
        if (plan.schema.length !== 1) throw new EddyError('NOT_IMPLEMENTED', `Scalar subquery must return exactly one column, got ${plan.schema.length}`);
        return { kind: 'subquery', plan, type: plan.schema[0]!.type };
      }
      case 'Interval': throw new EddyError('NOT_IMPLEMENTED', 'INTERVAL is only supported as an operand of + or -');
      case 'Tuple':
        if (e.items.length === 1) return this.expr(e.items[0]!, x);
        throw new EddyError('NOT_IMPLEMENTED', 'Tuples are not supported here');
      case 'Array': throw new EddyError('NOT_IMPLEMENTED', 'Arrays are not supported yet');
    }
  }

  private column(e: Extract<Expr, { kind: 'Column' }>, x: ExprEnv): BoundExpr {
    if (e.table === undefined) {
      const alias = x.aliases.get(e.name);
      if (alias !== undefined && !x.expanding.has(e.name) && !(alias.kind === 'Column' && alias.name === e.name && alias.table === undefined)) {
        x.expanding.add(e.name);
        try { return this.expr(alias, x); } finally { x.expanding.delete(e.name); }
      }
    }
    const c = x.scope.find(e);
    if (!c) {
      const name = exprName(e);
      const tables = x.scope.tables.length > 0 ? x.scope.tables.join(', ') : 'no table';
      const have = x.scope.columns.filter((cc) => !cc.hidden).map((cc) => cc.name);
      throw new EddyError('UNKNOWN_IDENTIFIER',
        `Missing columns: ${quoteToken(name)} while processing query in ${x.clause} (reading ${tables}), required columns: ${quoteToken(name)}` +
        (have.length > 0 ? `, available columns: ${have.slice(0, 20).join(', ')}${have.length > 20 ? ', ...' : ''}` : ''));
    }
    return { kind: 'col', index: c.index, type: c.type, name: c.name };
  }

  private call(e: Extract<Expr, { kind: 'Function' }>, x: ExprEnv): BoundExpr {
    const lname = e.name.toLowerCase();
    if (lname === 'currentdatabase' && e.args.length === 0) return { kind: 'const', value: this.ctx.currentDatabase, type: T.String };
    if ((e.name === 'in' || e.name === 'notIn') && e.args.length === 2) {
      const list = e.args[1]!;
      return this.inList({ kind: 'In', pos: e.pos, expr: e.args[0]!, negated: e.name === 'notIn',
        list: list.kind === 'Subquery' ? list : list.kind === 'Tuple' ? list.items : [list] }, x);
    }
    const agg = findAggregate(e.name) ?? (e.distinct ? findAggregate(`${e.name}Distinct`) : undefined);
    if (agg) return this.aggregate(e, x);
    if ((e.name === 'plus' || e.name === 'minus') && e.args.length === 2) {
      const iv = e.args.findIndex((a) => unalias(a).kind === 'Interval');
      if (iv >= 0) {
        const interval = unalias(e.args[iv]!) as Extract<Expr, { kind: 'Interval' }>;
        const other = this.expr(e.args[1 - iv]!, x);
        const unit = INTERVAL_FN[interval.unit];
        if (!unit) throw new EddyError('BAD_ARGUMENTS', `Unknown interval unit ${quoteToken(interval.unit)}`);
        if (e.name === 'minus' && iv === 0) throw new EddyError('ILLEGAL_TYPE_OF_ARGUMENT', 'Cannot subtract a date from an interval');
        return makeCall(`${e.name === 'plus' ? 'add' : 'subtract'}${unit}`, [other, this.expr(interval.value, x)]);
      }
    }
    const f = findScalar(e.name);
    if (!f) {
      throw new EddyError('UNKNOWN_FUNCTION', `Unknown function ${quoteToken(e.name)}`);
    }
    const args = e.args.map((a) => this.expr(a, x));
    return COMPARISONS.has(f.name) ? this.comparison(f.name, args) : makeCall(f.name, args);
  }

  /** A comparison; a string constant compared with a date/number column is converted to the column's type. */
  private comparison(fn: string, args: BoundExpr[]): BoundExpr {
    const [a, b] = args as [BoundExpr, BoundExpr];
    const fix = (c: BoundExpr, other: BoundExpr): BoundExpr => {
      if (c.kind !== 'const' || typeof c.value !== 'string' || other.kind === 'const') return c;
      const t = withNullable(other.type, false);
      if (!isTemporal(t) && !isNumeric(t) && t.kind !== 'Bool') return c;
      const v = convertConstant(c.value, { ...t, lowCardinality: false });
      if (v === undefined) {
        throw new EddyError(isTemporal(t) ? 'CANNOT_PARSE_DATETIME' : 'CANNOT_PARSE_TEXT',
          `Cannot convert string ${quoteToken(c.value)} to type ${typeName(t)} for comparison`);
      }
      return { kind: 'const', value: v, type: t };
    };
    if (args.length === 2) return makeCall(fn, [fix(a, b), fix(b, a)]);
    return makeCall(fn, args);
  }

  private aggregate(e: Extract<Expr, { kind: 'Function' }>, x: ExprEnv): BoundExpr {
    const name = exprName(e);
    if (!x.allowAgg) throw new EddyError('ILLEGAL_AGGREGATION', `Aggregate function ${name} is found in ${x.clause} in query`);
    if (x.inAgg) throw new EddyError('ILLEGAL_AGGREGATION', `Aggregate function ${name} is found inside another aggregate function in query`);
    let fnName = canonicalFunctionName(e.name);
    if (e.distinct) {
      if (fnName === 'count' && findAggregate('uniqExact')) fnName = 'uniqExact';
      else if (findAggregate(`${fnName}Distinct`)) fnName = `${fnName}Distinct`;
      else throw new EddyError('NOT_IMPLEMENTED', `${fnName}(DISTINCT ...) is not supported`);
    }
    const f = findAggregate(fnName)!;
    const inner: ExprEnv = { ...x, inAgg: true };
    const args = e.args.filter((a) => a.kind !== 'Star').map((a) => this.expr(a, inner));
    const params: Scalar[] = (e.params ?? []).map((p) => {
      const v = evaluateConstant(this.expr(p, inner));
      if (v === undefined) throw new EddyError('BAD_ARGUMENTS', `Parameters of aggregate function ${name} must be constants`);
      return v;
    });
    const type = f.returnType(args.map((a) => a.type), params);
    const out: AggExpr = { kind: 'agg', fn: f.name, args, params, type, name };
    return out;
  }

  private inList(e: Extract<Expr, { kind: 'In' }>, x: ExprEnv): BoundExpr {
    if (unalias(e.expr).kind === 'Tuple') throw new EddyError('NOT_IMPLEMENTED', 'IN with a tuple on the left is not supported yet');
    const expr = this.expr(e.expr, x);
    if (!Array.isArray(e.list)) {
      const plan = this.query((e.list as Extract<Expr, { kind: 'Subquery' }>).query, x.env);
      if (plan.schema.length !== 1) throw new EddyError('NOT_IMPLEMENTED', 'IN (subquery) must return exactly one column');
      return { kind: 'inSubquery', expr, plan, negated: e.negated, type: T.UInt8 };
    }
    const items = (e.list as readonly Expr[]).map((i) => this.expr(i, x));
    const values: Scalar[] = [];
    const target = { ...withNullable(expr.type, false), lowCardinality: false };
    for (const it of items) {
      const v = evaluateConstant(it);
      if (v === undefined) {
        // Not all constants: lower to OR / AND of comparisons.
        const cmps = items.map((i) => this.comparison(e.negated ? 'notEquals' : 'equals', [expr, i]));
        return cmps.length === 1 ? cmps[0]! : makeCall(e.negated ? 'and' : 'or', cmps);
      }
      if (v === null) continue;
      const c = convertConstant(v, target);
      if (c !== undefined && c !== null) values.push(c);
    }
    return { kind: 'in', expr, values, negated: e.negated, type: expr.type.nullable ? withNullable(T.UInt8) : T.UInt8 };
  }
}

function unalias(e: Expr): Expr {
  return e.kind === 'Alias' ? unalias(e.expr) : e;
}

function shift(e: BoundExpr, by: number): BoundExpr {
  return mapColumns(e, (c) => ({ ...c, index: c.index + by }));
}

function collectAliases(e: Expr, out: Map<string, Expr>): void {
  switch (e.kind) {
    case 'Alias': out.set(e.alias, e.expr); collectAliases(e.expr, out); break;
    case 'Function': e.args.forEach((a) => collectAliases(a, out)); break;
    case 'Cast': collectAliases(e.expr, out); break;
    case 'Case':
      if (e.operand) collectAliases(e.operand, out);
      for (const w of e.whens) { collectAliases(w.when, out); collectAliases(w.then, out); }
      if (e.else) collectAliases(e.else, out);
      break;
    case 'In': collectAliases(e.expr, out); if (Array.isArray(e.list)) (e.list as readonly Expr[]).forEach((a) => collectAliases(a, out)); break;
    case 'Tuple': case 'Array': e.items.forEach((a) => collectAliases(a, out)); break;
    case 'Interval': collectAliases(e.value, out); break;
    default: break;
  }
}

function hasAgg(e: BoundExpr): boolean {
  switch (e.kind) {
    case 'agg': return true;
    case 'call': return e.args.some(hasAgg);
    case 'in': case 'inSubquery': return hasAgg(e.expr);
    default: return false;
  }
}

function collectAggs(e: BoundExpr, out: AggregateCall[], index: Map<string, number>): void {
  switch (e.kind) {
    case 'agg': {
      const k = exprKey(e);
      if (!index.has(k)) { index.set(k, out.length); out.push({ fn: e.fn, args: e.args, params: e.params, type: e.type, name: e.name }); }
      break;
    }
    case 'call': e.args.forEach((a) => collectAggs(a, out, index)); break;
    case 'in': case 'inSubquery': collectAggs(e.expr, out, index); break;
    default: break;
  }
}
