/** Qualified object names: `[db.]table`. */
import type { Cursor } from './cursor.ts';

/** A possibly database-qualified name with the offset where it starts. */
export interface QualifiedName {
  readonly database?: string;
  readonly name: string;
  readonly pos: number;
}

/** Parse `name` or `db.name`. */
export function parseQualifiedName(c: Cursor, what = 'table name'): QualifiedName {
  const pos = c.peek().pos;
  const first = c.expectIdentifier(what);
  if (!c.acceptOp('.')) return { name: first, pos };
  return { database: first, name: c.expectIdentifier(what), pos };
}
