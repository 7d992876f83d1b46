/**
 * The expression parser: Pratt (precedence climbing) over ClickHouse's operator priorities, from
 * `src/Parsers/ExpressionListParsers.cpp`, lowest first:
 *
 *   1 lambda `->` · 2 ternary `?:` · 3 OR · 4 AND · 5 NOT (prefix) · 6 IS [NOT] NULL ·
 *   7 [NOT] BETWEEN · 9 comparisons `= == != <> < <= > >=`, [NOT] LIKE / ILIKE, REGEXP, [GLOBAL] [NOT] IN ·
 *   10 `||` · 11 `+ -` · 12 `* / % DIV MOD` · 13 unary `-` · 14 `::` cast, `[]` subscript, `.` access
 *
 * so `NOT a = b` is not(equals(a, b)), `-x::Int32` is negate(CAST(x)), and the AND inside
 * `a BETWEEN 1 AND 2 AND b` belongs to BETWEEN. Binary operators are left-associative; AND, OR and `||`
 * are flattened into one n-ary call as ClickHouse does. `expr AS name` binds loosest of all and is only
 * read where an alias may stand (function arguments, tuples, arrays — the select list reads its own).
 */
import type { Case, ColumnRef, Expr, FunctionCall, Param, Star } from './ast.ts';
import type { Cursor } from './cursor.ts';
import type { Token } from './lexer.ts';
import { call, freeze, literal } from './build.ts';
import { EXTRACT_FUNCTIONS, INTERVAL_UNITS, RESERVED } from './keywords.ts';
import { parseTypeText } from './type-text.ts';
import { parseQuery, startsQuery } from './query.ts';

const LAMBDA = 1;
const TERNARY = 2;
const OR = 3;
const AND = 4;
const NOT = 5;
const IS = 6;
const BETWEEN = 7;
const COMPARE = 9;
const CONCAT = 10;
const ADDITIVE = 11;
const MULTIPLICATIVE = 12;
const UNARY = 13;

const COMPARISONS: Readonly<Record<string, string>> = {
  '=': 'equals', '==': 'equals', '!=': 'notEquals', '<>': 'notEquals',
  '<': 'less', '<=': 'lessOrEquals', '>': 'greater', '>=': 'greaterOrEquals',
};
const ARITHMETIC: Readonly<Record<string, [string, number]>> = {
  '+': ['plus', ADDITIVE], '-': ['minus', ADDITIVE],
  '*': ['multiply', MULTIPLICATIVE], '/': ['divide', MULTIPLICATIVE], '%': ['modulo', MULTIPLICATIVE],
  DIV: ['intDiv', MULTIPLICATIVE], MOD: ['modulo', MULTIPLICATIVE],
};
const WORD_COMPARISONS: Readonly<Record<string, [string, string]>> = {
  LIKE: ['like', 'notLike'], ILIKE: ['ilike', 'notILike'], REGEXP: ['match', 'notMatch'],
};

/**
 * Parse an expression from the cursor, reading operators that bind at least as tightly as `minPrec`.
 * With `allowAlias`, a trailing `AS name` wraps the result in an Alias node.
 */
export function parseExpr(c: Cursor, minPrec = 0, allowAlias = false): Expr {
  let left = parsePrefix(c);
  for (;;) {
    if (allowAlias && minPrec === 0 && c.isKeyword('AS') && c.isIdentifier(1)) {
      c.next();
      left = freeze({ kind: 'Alias', expr: left, alias: c.expectIdentifier('alias'), pos: left.pos });
      continue;
    }
    const next = parseInfix(c, left, minPrec);
    if (next === null) return left;
    left = next;
  }
}

/** A comma-separated list of expressions (each may carry an alias). */
export function parseExprList(c: Cursor, allowAlias = true): Expr[] {
  const items = [parseExpr(c, 0, allowAlias)];
  while (c.acceptOp(',')) items.push(parseExpr(c, 0, allowAlias));
  return items;
}

/** Apply the infix or postfix operator at the cursor to `left`, or return null when there is none at this level. */
function parseInfix(c: Cursor, left: Expr, minPrec: number): Expr | null {
  const t = c.peek();
  const pos = left.pos;
  if (t.kind === 'op') {
    const op = t.text;
    const cmp = COMPARISONS[op];
    if (cmp !== undefined) {
      if (COMPARE < minPrec) return null;
      c.next();
      return call(cmp, [left, parseExpr(c, COMPARE + 1)], pos);
    }
    const arith = ARITHMETIC[op];
    if (arith !== undefined) {
      if (arith[1] < minPrec) return null;
      c.next();
      return call(arith[0], [left, parseExpr(c, arith[1] + 1)], pos);
    }
    switch (op) {
      case '||': return minPrec > CONCAT ? null : merged(c, 'concat', left, CONCAT, () => c.acceptOp('||'));
      case '::':
        c.next();
        return freeze<Expr>({ kind: 'Cast', expr: left, type: parseTypeText(c), pos });
      case '[': {
        c.next();
        const index = parseExpr(c, 0);
        c.expectOp(']');
        return call('arrayElement', [left, index], pos);
      }
      case '.': return memberAccess(c, left);
      case '?': {
        if (TERNARY < minPrec) return null;
        c.next();
        const then = parseExpr(c, 0);
        c.expectOp(':');
        return call('if', [left, then, parseExpr(c, TERNARY)], pos);
      }
      case '->': {
        if (LAMBDA < minPrec) return null;
        const params = lambdaParams(left);
        if (params === null) return null;
        c.next();
        return call('lambda', [freeze({ kind: 'Tuple', items: params, pos }), parseExpr(c, LAMBDA)], pos);
      }
      default: return null;
    }
  }
  if (t.kind !== 'word') return null;
  const arith = ARITHMETIC[t.upper];
  if (arith !== undefined) {
    if (arith[1] < minPrec) return null;
    c.next();
    return call(arith[0], [left, parseExpr(c, arith[1] + 1)], pos);
  }
  switch (t.upper) {
    case 'OR': return minPrec > OR ? null : merged(c, 'or', left, OR, () => c.acceptKeyword('OR'));
    case 'AND': return minPrec > AND ? null : merged(c, 'and', left, AND, () => c.acceptKeyword('AND'));
    case 'IS': {
      if (IS < minPrec) return null;
      c.next();
      const negated = c.acceptKeyword('NOT');
      c.expectKeyword('NULL');
      return call(negated ? 'isNotNull' : 'isNull', [left], pos);
    }
    case 'BETWEEN': return minPrec > BETWEEN ? null : (c.next(), between(c, left, false));
    case 'IN': return minPrec > COMPARE ? null : (c.next(), inList(c, left, false));
    case 'GLOBAL': {
      if (minPrec > COMPARE) return null;
      const negated = c.isKeyword('NOT', 1);
      if (!c.isKeyword('IN', negated ? 2 : 1)) return null;
      c.next();
      if (negated) c.next();
      c.next();
      return inList(c, left, negated);
    }
    case 'NOT': {
      const after = c.peek(1);
      if (after.kind !== 'word') return null;
      if (after.upper === 'BETWEEN') {
        if (minPrec > BETWEEN) return null;
        c.next(); c.next();
        return between(c, left, true);
      }
      if (minPrec > COMPARE) return null;
      if (after.upper === 'IN') { c.next(); c.next(); return inList(c, left, true); }
      const names = WORD_COMPARISONS[after.upper];
      if (names === undefined) return null;
      c.next(); c.next();
      return call(names[1], [left, parseExpr(c, COMPARE + 1)], pos);
    }
    default: {
      const names = WORD_COMPARISONS[t.upper];
      if (names === undefined || minPrec > COMPARE) return null;
      c.next();
      return call(names[0], [left, parseExpr(c, COMPARE + 1)], pos);
    }
  }
}

/** `a AND b AND c` → and(a, b, c): the operator was seen but not consumed; `more` consumes the next one. */
function merged(c: Cursor, name: string, left: Expr, prec: number, more: () => boolean): FunctionCall {
  const args = [left];
  c.next();
  do args.push(parseExpr(c, prec + 1)); while (more());
  return call(name, args, left.pos);
}

/** `a [NOT] BETWEEN lo AND hi` → and(a >= lo, a <= hi), or or(a < lo, a > hi) when negated. */
function between(c: Cursor, left: Expr, negated: boolean): Expr {
  const lo = parseExpr(c, BETWEEN + 1);
  c.expectKeyword('AND');
  const hi = parseExpr(c, BETWEEN + 1);
  return negated
    ? call('or', [call('less', [left, lo], left.pos), call('greater', [left, hi], left.pos)], left.pos)
    : call('and', [call('greaterOrEquals', [left, lo], left.pos), call('lessOrEquals', [left, hi], left.pos)], left.pos);
}

/** The right side of `x [NOT] IN`: `(list)`, `(subquery)`, or one operand (its own one-item list). */
function inList(c: Cursor, left: Expr, negated: boolean): Expr {
  const pos = left.pos;
  if (c.isOp('(')) {
    const open = c.next();
    if (startsQuery(c)) {
      const query = parseQuery(c);
      c.expectOp(')');
      return freeze({ kind: 'In', expr: left, list: freeze({ kind: 'Subquery', query, pos: open.pos }), negated, pos });
    }
    const list = c.isOp(')') ? [] : parseExprList(c);
    c.expectOp(')');
    return freeze({ kind: 'In', expr: left, list: Object.freeze(list), negated, pos });
  }
  return freeze({ kind: 'In', expr: left, list: Object.freeze([parseExpr(c, COMPARE + 1)]), negated, pos });
}

/** `t.c`, `db.t.c`, `t.*`, `tuple.1`, `expr.name`. */
function memberAccess(c: Cursor, left: Expr): Expr {
  c.next();
  const t = c.peek();
  if (t.kind === 'op' && t.text === '*' && left.kind === 'Column' && left.table === undefined) {
    c.next();
    return freeze<Star>({ kind: 'Star', table: left.name, pos: left.pos });
  }
  if (t.kind === 'number' && typeof t.value === 'number' && !t.isFloat) {
    c.next();
    return call('tupleElement', [left, literal(t.value, t.pos)], left.pos);
  }
  const name = c.expectIdentifier('identifier');
  if (left.kind === 'Column' && left.database === undefined) {
    return freeze<ColumnRef>({
      kind: 'Column', name, pos: left.pos,
      ...(left.table !== undefined ? { database: left.table, table: left.name } : { table: left.name }),
    });
  }
  return call('tupleElement', [left, literal(name, t.pos)], left.pos);
}

/** Lambda parameters: `x -> ...` or `(x, y) -> ...`; null when `left` cannot be a parameter list. */
function lambdaParams(left: Expr): ColumnRef[] | null {
  const items = left.kind === 'Tuple' ? left.items : [left];
  const params: ColumnRef[] = [];
  for (const p of items) {
    if (p.kind !== 'Column' || p.table !== undefined) return null;
    params.push(p);
  }
  return params;
}

/** Literals, names, calls, parentheses and prefix operators. */
function parsePrefix(c: Cursor): Expr {
  const t = c.peek();
  switch (t.kind) {
    case 'number':
      c.next();
      return literal(t.value as number | bigint, t.pos, t.isFloat);
    case 'string':
      c.next();
      return literal(t.value as string, t.pos);
    case 'quoted':
      c.next();
      return freeze({ kind: 'Column', name: t.value as string, pos: t.pos });
    case 'op':
      switch (t.text) {
        case '(': return parenthesised(c);
        case '[': {
          c.next();
          const items = c.isOp(']') ? [] : parseExprList(c);
          c.expectOp(']');
          return freeze({ kind: 'Array', items: Object.freeze(items), pos: t.pos });
        }
        case '{': return param(c);
        case '*':
          c.next();
          return freeze({ kind: 'Star', pos: t.pos });
        case '-': return negate(c);
      }
      break;
    case 'word':
      return word(c, t);
    case 'eof':
      break;
  }
  c.expect('expression');
  return c.fail();
}

/** Unary minus; a minus before a number literal makes a negative literal (`-1`, `-9223372036854775808`, `-inf`). */
function negate(c: Cursor): Expr {
  const minus = c.next();
  const numberToken = c.peek();
  const operand = parseExpr(c, UNARY);
  if (operand.kind === 'Literal' && operand.pos === numberToken.pos &&
    (typeof operand.value === 'number' || typeof operand.value === 'bigint')) {
    const v = operand.value;
    const negated = typeof v === 'bigint' ? -v : v === 0 && !operand.isFloat ? 0 : -v;
    return literal(negated, minus.pos, operand.isFloat);
  }
  return call('negate', [operand], minus.pos);
}

/** `(expr)`, `(a, b)` (a tuple), `()` (the empty tuple), `(SELECT ...)` (a scalar subquery). */
function parenthesised(c: Cursor): Expr {
  const open = c.next();
  if (startsQuery(c)) {
    const query = parseQuery(c);
    c.expectOp(')');
    return freeze({ kind: 'Subquery', query, pos: open.pos });
  }
  if (c.acceptOp(')')) return freeze({ kind: 'Tuple', items: Object.freeze([]), pos: open.pos });
  const items = parseExprList(c);
  c.expectOp(')');
  if (items.length === 1) return items[0]!;
  return freeze({ kind: 'Tuple', items: Object.freeze(items), pos: open.pos });
}

/** `{name:Type}`: the type is kept as written. */
function param(c: Cursor): Param {
  const open = c.next();
  const name = c.expectIdentifier('parameter name');
  c.expectOp(':');
  const first = c.peek();
  let end = first.pos;
  let depth = 0;
  while (depth > 0 || !c.isOp('}')) {
    const t = c.next();
    if (t.kind === 'eof') { c.expect("'}'"); c.fail(); }
    if (t.kind === 'op' && (t.text === '(' || t.text === '{')) depth++;
    if (t.kind === 'op' && (t.text === ')' || t.text === '}')) depth--;
    end = t.end;
  }
  c.next();
  const type = c.text.slice(first.pos, end).trim();
  if (type === '') { c.expect('data type'); c.fail(); }
  return freeze({ kind: 'Param', name, type, pos: open.pos });
}

/** Expressions that start with a word: keywords with syntax of their own, function calls, column names. */
function word(c: Cursor, t: Token): Expr {
  const next = c.peek(1);
  const callFollows = next.kind === 'op' && next.text === '(';
  switch (t.upper) {
    case 'NOT':
      c.next();
      return call('not', [parseExpr(c, NOT)], t.pos);
    case 'NULL':
      c.next();
      return literal(null, t.pos);
    case 'TRUE': case 'FALSE':
      if (callFollows) break;
      c.next();
      return literal(t.upper === 'TRUE', t.pos);
    case 'INF': case 'INFINITY': case 'NAN':
      if (callFollows) break;
      c.next();
      return literal(t.upper === 'NAN' ? NaN : Infinity, t.pos, true);
    case 'CASE':
      return caseExpr(c);
    case 'CAST':
      if (callFollows) return cast(c);
      break;
    case 'INTERVAL':
      if (startsIntervalValue(c)) return interval(c);
      break;
    case 'DATE': case 'TIMESTAMP':
      if (next.kind === 'string') {
        c.next(); c.next();
        return freeze({ kind: 'Cast', expr: literal(next.value as string, next.pos), type: t.upper === 'DATE' ? 'Date' : 'DateTime', pos: t.pos });
      }
      break;
    case 'EXISTS':
      if (callFollows && (c.isKeyword('SELECT', 2) || c.isKeyword('WITH', 2))) {
        c.next(); c.next();
        const query = parseQuery(c);
        c.expectOp(')');
        return call('exists', [freeze({ kind: 'Subquery', query, pos: next.pos })], t.pos);
      }
      break;
    case 'EXTRACT':
      if (callFollows && c.peek(2).kind === 'word' && c.isKeyword('FROM', 3)) return extract(c);
      break;
  }
  if (callFollows) return functionCall(c);
  if (RESERVED.has(t.upper)) {
    c.expect('expression');
    c.fail();
  }
  c.next();
  return freeze({ kind: 'Column', name: t.text, pos: t.pos });
}

/** `f(args)`, `count(*)`, `count(DISTINCT x)`, `quantile(0.5)(x)`. */
function functionCall(c: Cursor): FunctionCall {
  const name = c.next();
  const first = callArguments(c, name.upper === 'COUNT');
  if (!c.isOp('(')) return freeze({ ...call(name.text, first.args, name.pos), ...(first.distinct ? { distinct: true } : {}) });
  const second = callArguments(c, false);
  return freeze({
    kind: 'Function', name: name.text, args: Object.freeze(second.args), params: Object.freeze(first.args), pos: name.pos,
    ...(second.distinct ? { distinct: true } : {}),
  });
}

/** A parenthesised argument list with an optional leading DISTINCT; `(*)` is empty for count. */
function callArguments(c: Cursor, isCount: boolean): { args: Expr[]; distinct: boolean } {
  c.expectOp('(');
  if (isCount && c.isOp('*') && c.isOp(')', 1)) {
    c.next(); c.next();
    return { args: [], distinct: false };
  }
  const distinct = c.acceptKeyword('DISTINCT');
  if (!distinct) c.acceptKeyword('ALL');
  const args = c.isOp(')') ? [] : parseExprList(c);
  c.expectOp(')');
  return { args, distinct };
}

/** `CASE [x] WHEN a THEN b ... [ELSE e] END`. */
function caseExpr(c: Cursor): Case {
  const start = c.next();
  const operand = c.isKeyword('WHEN') ? undefined : parseExpr(c);
  const whens: { when: Expr; then: Expr }[] = [];
  do {
    c.expectKeyword('WHEN');
    const when = parseExpr(c);
    c.expectKeyword('THEN');
    whens.push(Object.freeze({ when, then: parseExpr(c) }));
  } while (c.isKeyword('WHEN'));
  const otherwise = c.acceptKeyword('ELSE') ? parseExpr(c) : undefined;
  c.expectKeyword('END');
  return freeze({ kind: 'Case', operand, whens: Object.freeze(whens), else: otherwise, pos: start.pos });
}

/** `CAST(x AS T)` or `CAST(x, 'T')`. */
function cast(c: Cursor): Expr {
  const start = c.next();
  c.expectOp('(');
  const expr = parseExpr(c);
  let type: string;
  if (c.acceptKeyword('AS')) {
    type = parseTypeText(c);
  } else {
    c.expectOp(',');
    const t = c.peek();
    if (t.kind !== 'string') { c.expect('string literal'); c.fail(); }
    c.next();
    type = t.value as string;
  }
  c.expectOp(')');
  return freeze({ kind: 'Cast', expr, type, pos: start.pos });
}

/** INTERVAL is a keyword only when a value follows (`interval` stays usable as a column name). */
function startsIntervalValue(c: Cursor): boolean {
  const v = c.peek(1);
  if (v.kind === 'number' || v.kind === 'string') return true;
  if (v.kind === 'op') return v.text === '(' || v.text === '-' || v.text === '{';
  const unit = c.peek(2);
  return v.kind === 'word' && !RESERVED.has(v.upper) && unit.kind === 'word' && INTERVAL_UNITS[unit.upper] !== undefined;
}

/** `INTERVAL 1 DAY`, `INTERVAL '1' DAY`, `INTERVAL '1 day'`. */
function interval(c: Cursor): Expr {
  const start = c.next();
  const v = c.peek();
  if (v.kind === 'string') {
    const m = /^\s*([+-]?\d+(?:\.\d+)?)\s+([A-Za-z_]+)\s*$/.exec(v.value as string);
    const unit = m && INTERVAL_UNITS[m[2]!.toUpperCase()];
    if (m && unit) {
      c.next();
      const n = Number(m[1]);
      return freeze({ kind: 'Interval', value: literal(n, v.pos, !Number.isInteger(n)), unit, pos: start.pos });
    }
  }
  const value = parseExpr(c, UNARY);
  const unitToken = c.peek();
  const unit = unitToken.kind === 'word' ? INTERVAL_UNITS[unitToken.upper] : undefined;
  if (unit === undefined) { c.expect('interval unit'); c.fail(); }
  c.next();
  return freeze({ kind: 'Interval', value, unit, pos: start.pos });
}

/** `extract(unit FROM t)` → toYear(t), toMinute(t), ... (what ClickHouse's own parser produces). */
function extract(c: Cursor): FunctionCall {
  const start = c.next();
  c.next();
  const unit = INTERVAL_UNITS[c.peek().upper];
  const fn = unit === undefined ? undefined : EXTRACT_FUNCTIONS[unit];
  if (fn === undefined) { c.expect('interval unit'); c.fail(); }
  c.next();
  c.expectKeyword('FROM');
  const arg = parseExpr(c);
  c.expectOp(')');
  return call(fn, [arg], start.pos);
}
