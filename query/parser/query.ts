/**
 * Queries: `[WITH ...] SELECT ... [FROM ...] [WHERE] [GROUP BY] [HAVING] [ORDER BY] [LIMIT n BY ...]
 * [LIMIT] [OFFSET] [SETTINGS] [FORMAT]`, and UNION chains of them.
 *
 * In a UNION, ORDER BY / LIMIT / OFFSET / SETTINGS / FORMAT written after the last member apply to the
 * whole union (ast.ts's contract). `UNION ALL` and `UNION DISTINCT` (bare `UNION` means DISTINCT, the
 * SQL standard) chain left to right: a change of mode nests the union so far as one member.
 */
import type { Expr, FromItem, Join, OrderItem, Query, Select, SelectItem, Union, With } from './ast.ts';
import type { Cursor } from './cursor.ts';
import { freeze } from './build.ts';
import { parseExpr, parseExprList } from './expression.ts';
import { RESERVED } from './keywords.ts';
import { parseQualifiedName } from './names.ts';
import { parseSettingList } from './settings.ts';

/** True when a query starts at the cursor: SELECT, WITH, or a parenthesised query. */
export function startsQuery(c: Cursor, k = 0): boolean {
  if (c.isKeyword('SELECT', k) || c.isKeyword('WITH', k)) return true;
  return c.isOp('(', k) && startsQuery(c, k + 1);
}

/** Clauses that may follow the last member of a UNION and then apply to all of it. */
type Trailer = { -readonly [K in 'orderBy' | 'limit' | 'offset' | 'settings' | 'format']?: Union[K] };

/** Parse a query: one SELECT or a UNION chain. */
export function parseQuery(c: Cursor): Query {
  const pos = c.peek().pos;
  const first = parseMember(c);
  let members: Query[] = [first.query];
  let distinct: boolean | undefined;
  let last = first;
  while (c.acceptKeyword('UNION')) {
    const d = c.acceptKeyword('DISTINCT') || !c.acceptKeyword('ALL');
    if (distinct !== undefined && d !== distinct) members = [makeUnion(members, distinct, {}, pos)];
    distinct = d;
    last = parseMember(c);
    members.push(last.query);
  }
  if (distinct === undefined) {
    if (!first.parenthesised) return first.query;
    const trailer = parseTrailer(c);
    return Object.keys(trailer).length === 0 ? first.query : makeUnion(members, false, trailer, pos);
  }
  let trailer: Trailer;
  if (last.parenthesised || last.query.kind !== 'Select') {
    trailer = parseTrailer(c);
  } else {
    const { orderBy, limit, offset, settings, format, ...rest } = last.query;
    trailer = { orderBy, limit, offset, settings, format };
    members[members.length - 1] = freeze({ ...rest });
  }
  return makeUnion(members, distinct, trailer, pos);
}

function makeUnion(queries: Query[], distinct: boolean, trailer: Trailer, pos: number): Union {
  return freeze({ kind: 'Union', queries: Object.freeze(queries), ...(distinct ? { distinct } : {}), ...trailer, pos });
}

/** One member of a UNION: a SELECT or a parenthesised query. */
function parseMember(c: Cursor): { query: Query; parenthesised: boolean } {
  if (c.acceptOp('(')) {
    const query = parseQuery(c);
    c.expectOp(')');
    return { query, parenthesised: true };
  }
  return { query: parseSelect(c), parenthesised: false };
}

/** ORDER BY / LIMIT / OFFSET / SETTINGS / FORMAT after a parenthesised query. */
function parseTrailer(c: Cursor): Trailer {
  const t: Trailer = {};
  if (c.acceptKeyword('ORDER', 'BY')) t.orderBy = parseOrderList(c);
  if (c.acceptKeyword('LIMIT')) {
    const a = parseExpr(c);
    if (c.acceptOp(',')) { t.offset = a; t.limit = parseExpr(c); } else t.limit = a;
    if (t.offset === undefined && c.acceptKeyword('OFFSET')) t.offset = parseExpr(c);
  }
  if (t.offset === undefined && c.acceptKeyword('OFFSET')) t.offset = parseOffsetTail(c);
  if (c.acceptKeyword('SETTINGS')) t.settings = parseSettingList(c);
  if (c.acceptKeyword('FORMAT')) t.format = c.expectIdentifier('format name');
  return t;
}

/** `OFFSET m [ROW | ROWS]` after the OFFSET keyword. */
function parseOffsetTail(c: Cursor): Expr {
  const e = parseExpr(c);
  if (!c.acceptKeyword('ROWS')) c.acceptKeyword('ROW');
  return e;
}

/** Parse one SELECT (WITH included). */
export function parseSelect(c: Cursor): Select {
  const pos = c.peek().pos;
  const withList = c.acceptKeyword('WITH') ? parseWithList(c) : undefined;
  c.expectKeyword('SELECT');
  const distinct = c.acceptKeyword('DISTINCT');
  if (!distinct) c.acceptKeyword('ALL');
  const items = parseSelectItems(c);
  const s: { -readonly [K in keyof Select]: Select[K] } = { kind: 'Select', distinct, items, pos };
  if (withList) s.with = withList;
  if (c.acceptKeyword('FROM')) s.from = parseFrom(c);
  if (c.acceptKeyword('WHERE')) s.where = parseExpr(c);
  if (c.acceptKeyword('GROUP', 'BY')) s.groupBy = Object.freeze(parseExprList(c, false));
  if (c.acceptKeyword('HAVING')) s.having = parseExpr(c);
  if (c.acceptKeyword('ORDER', 'BY')) s.orderBy = parseOrderList(c);
  parseLimits(c, s);
  if (c.acceptKeyword('SETTINGS')) s.settings = parseSettingList(c);
  if (c.acceptKeyword('FORMAT')) s.format = c.expectIdentifier('format name');
  return freeze(s);
}

/** `LIMIT n BY exprs`, `LIMIT n`, `LIMIT m, n`, `LIMIT n OFFSET m`, `OFFSET m`, in ClickHouse's order. */
function parseLimits(c: Cursor, s: { -readonly [K in keyof Select]: Select[K] }): void {
  let byDone = false;
  while (c.acceptKeyword('LIMIT')) {
    const a = parseExpr(c);
    let count = a;
    let offset;
    if (c.acceptOp(',')) { offset = a; count = parseExpr(c); } else if (c.acceptKeyword('OFFSET')) offset = parseExpr(c);
    if (!byDone && c.acceptKeyword('BY')) {
      s.limitBy = freeze({ count, offset, by: Object.freeze(parseExprList(c, false)) });
      byDone = true;
      continue;
    }
    s.limit = count;
    if (offset !== undefined) s.offset = offset;
    break;
  }
  if (s.offset === undefined && c.acceptKeyword('OFFSET')) s.offset = parseOffsetTail(c);
}

/** `WITH name AS (query), expr AS name, ...`. */
function parseWithList(c: Cursor): readonly With[] {
  const list: With[] = [];
  do {
    if (c.isIdentifier() && c.isKeyword('AS', 1) && c.isOp('(', 2) && startsQuery(c, 3)) {
      const name = c.expectIdentifier();
      c.next();
      c.next();
      const query = parseQuery(c);
      c.expectOp(')');
      list.push(freeze({ kind: 'QueryCte', name, query }));
    } else {
      const expr = parseExpr(c);
      c.expectKeyword('AS');
      list.push(freeze({ kind: 'ExprCte', name: c.expectIdentifier('alias'), expr }));
    }
  } while (c.acceptOp(','));
  return Object.freeze(list);
}

/** The select list; each item with its alias (`AS name` or a bare non-keyword word). */
function parseSelectItems(c: Cursor): readonly SelectItem[] {
  const items: SelectItem[] = [];
  do {
    const expr = parseExpr(c);
    const alias = expr.kind === 'Star' ? undefined : parseAlias(c);
    items.push(freeze({ expr, alias }));
  } while (c.acceptOp(','));
  return Object.freeze(items);
}

/** An optional alias: `AS name`, or a name without AS when it is not a clause keyword. */
function parseAlias(c: Cursor): string | undefined {
  if (c.acceptKeyword('AS')) return c.expectIdentifier('alias');
  const t = c.peek();
  if (t.kind === 'quoted' || (t.kind === 'word' && !RESERVED.has(t.upper))) return c.expectIdentifier();
  return undefined;
}

/** ORDER BY items. */
function parseOrderList(c: Cursor): readonly OrderItem[] {
  const items: OrderItem[] = [];
  do {
    const expr = parseExpr(c);
    const desc = c.acceptKeyword('DESC') || c.acceptKeyword('DESCENDING');
    if (!desc && !c.acceptKeyword('ASC')) c.acceptKeyword('ASCENDING');
    let nullsFirst: boolean | undefined;
    if (c.acceptKeyword('NULLS')) {
      nullsFirst = c.acceptKeyword('FIRST');
      if (!nullsFirst) c.expectKeyword('LAST');
    }
    items.push(freeze({ expr, desc, nullsFirst }));
  } while (c.acceptOp(','));
  return Object.freeze(items);
}

/** FROM: one item, then joins (and `,` for a cross join), left-deep. */
function parseFrom(c: Cursor): FromItem {
  let left = parseFromItem(c);
  for (;;) {
    const pos = c.peek().pos;
    let joinType: Join['joinType'];
    if (c.acceptOp(',')) {
      joinType = 'cross';
    } else {
      const t = joinKind(c);
      if (t === null) return left;
      joinType = t;
    }
    const right = parseFromItem(c);
    const join: { -readonly [K in keyof Join]: Join[K] } = { kind: 'Join', joinType, left, right, pos };
    if (joinType !== 'cross') {
      if (c.acceptKeyword('ON')) {
        join.on = parseExpr(c);
      } else if (c.acceptKeyword('USING')) {
        if (c.acceptOp('(')) {
          const cols = [c.expectIdentifier('column name')];
          while (c.acceptOp(',')) cols.push(c.expectIdentifier('column name'));
          c.expectOp(')');
          join.using = Object.freeze(cols);
        } else {
          join.using = Object.freeze([c.expectIdentifier('column name')]);
        }
      } else {
        c.fail();
      }
    }
    left = freeze(join);
  }
}

/** `[INNER | LEFT [OUTER] | RIGHT [OUTER] | FULL [OUTER] | CROSS] [ALL] JOIN`, consumed; null when no join follows. */
function joinKind(c: Cursor): Join['joinType'] | null {
  c.acceptKeyword('ALL');
  let kind: Join['joinType'] | null = null;
  if (c.acceptKeyword('INNER')) kind = 'inner';
  else if (c.acceptKeyword('LEFT')) kind = 'left';
  else if (c.acceptKeyword('RIGHT')) kind = 'right';
  else if (c.acceptKeyword('FULL')) kind = 'full';
  else if (c.acceptKeyword('CROSS')) kind = 'cross';
  if (kind === 'left' || kind === 'right' || kind === 'full') c.acceptKeyword('OUTER');
  if (kind !== null) c.acceptKeyword('ALL');
  if (kind === null) {
    if (!c.acceptKeyword('JOIN')) return null;
    return 'inner';
  }
  c.expectKeyword('JOIN');
  return kind;
}

/** A table, `db.table`, `(subquery)` or `function(args)`, with an optional alias. */
function parseFromItem(c: Cursor): FromItem {
  const pos = c.peek().pos;
  if (c.acceptOp('(')) {
    const query = parseQuery(c);
    c.expectOp(')');
    return freeze({ kind: 'SubqueryTable', query, alias: parseAlias(c), pos });
  }
  if (c.isIdentifier() && c.isOp('(', 1)) {
    const name = c.expectIdentifier();
    c.next();
    const args = c.isOp(')') ? [] : parseExprList(c);
    c.expectOp(')');
    return freeze({ kind: 'TableFunction', name, args: Object.freeze(args), alias: parseAlias(c), pos });
  }
  const q = parseQualifiedName(c);
  return freeze({ kind: 'TableName', database: q.database, name: q.name, alias: parseAlias(c), pos });
}
