/**
 * Node builders: every syntax-tree node leaves the parser frozen, with optional fields left out
 * rather than set to undefined, so trees compare and print cleanly.
 */
import type { Expr, FunctionCall, Literal } from './ast.ts';

/** Freeze a node (and drop its undefined fields). */
export function freeze<T extends object>(node: T): T {
  for (const key of Object.keys(node) as (keyof T)[]) {
    if (node[key] === undefined) delete node[key];
  }
  return Object.freeze(node);
}

/** A Function node for an operator or call. */
export function call(name: string, args: readonly Expr[], pos: number): FunctionCall {
  return freeze({ kind: 'Function', name, args: Object.freeze([...args]), pos });
}

/** A Literal node. */
export function literal(value: Literal['value'], pos: number, isFloat?: boolean): Literal {
  return freeze({ kind: 'Literal', value, pos, ...(isFloat ? { isFloat: true } : {}) });
}
