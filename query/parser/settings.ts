/**
 * `name = value, ...` lists: the SETTINGS clause of queries, CREATE TABLE and INSERT, and the SET
 * statement. Values are literals: numbers (bigints beyond 2^53, negatives), strings, true/false.
 */
import type { SettingValue } from './ast.ts';
import type { Cursor } from './cursor.ts';

/** Parse `k = v [, k = v ...]` (the SETTINGS keyword already consumed). */
export function parseSettingList(c: Cursor): Readonly<Record<string, SettingValue>> {
  const out: Record<string, SettingValue> = {};
  do {
    const name = c.expectIdentifier('setting name');
    c.expectOp('=');
    out[name] = parseSettingValue(c);
  } while (c.acceptOp(','));
  return Object.freeze(out);
}

function parseSettingValue(c: Cursor): SettingValue {
  const negative = c.acceptOp('-');
  const t = c.peek();
  if (t.kind === 'number') {
    c.next();
    const v = t.value as number | bigint;
    return negative ? -v : v;
  }
  if (!negative && t.kind === 'string') { c.next(); return t.value as string; }
  if (!negative && t.kind === 'word' && (t.upper === 'TRUE' || t.upper === 'FALSE')) {
    c.next();
    return t.upper === 'TRUE';
  }
  c.expect('literal');
  return c.fail();
}
