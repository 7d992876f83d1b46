/**
 * The SQL parser's public surface: ClickHouse-dialect text → the syntax tree of ast.ts.
 */
export { parseStatement, parseStatements, parseExpression, type ScriptStatement } from './statement.ts';
export { parseInsertHeader, parseValuesRows, VALUES_FORMAT } from './insert.ts';
export { lineAndColumn } from './syntax-error.ts';
export type * from './ast.ts';
