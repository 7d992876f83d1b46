/**
 * The SQL syntax tree. Nodes are plain frozen objects with a `kind` tag (kysely's operation nodes are the
 * model), so every consumer can dispatch exhaustively with a `switch (node.kind)`.
 *
 * Operators are parsed into Function nodes with ClickHouse's canonical function names
 * (`a + b` → plus(a, b), `a = b` → equals, `a AND b` → and, `NOT a` → not, `-a` → negate,
 * `a LIKE b` → like, `a NOT LIKE b` → notLike, `a ILIKE b` → ilike, `a || b` → concat,
 * `a BETWEEN x AND y` → and(greaterOrEquals(a, x), lessOrEquals(a, y)), `a IS NULL` → isNull,
 * `a[i]` → arrayElement), so the binder resolves every operator through the function registry.
 *
 * More parser conventions (query/parser):
 * - `and`, `or` and `concat` from operators are n-ary: `a AND b AND c` → and(a, b, c), as in ClickHouse.
 * - `a NOT BETWEEN x AND y` → or(less(a, x), greater(a, y)); `NOT LIKE` → notLike, `NOT ILIKE` → notILike,
 *   `a REGEXP b` → match, `IS NOT NULL` → isNotNull, `a DIV b` → intDiv, `a MOD b` / `a % b` → modulo,
 *   `c ? a : b` → if(c, a, b), `t.1` / `expr.name` → tupleElement(t, 1 | 'name').
 * - `extract(unit FROM t)` → the ClickHouse function it means, as ClickHouse's parser does: toYear(t),
 *   toQuarter, toMonth, toISOWeek, toDayOfMonth, toHour, toMinute, toSecond. (`extract(s, re)` stays extract.)
 * - `x -> body` / `(x, y) -> body` → Function('lambda', [Tuple(Column x, Column y), body]).
 * - `count(*)` has empty args; `DATE 'x'` / `TIMESTAMP 'x'` → Cast to Date / DateTime; `-<number>` is a
 *   negative Literal (so `-9223372036854775808` is one bigint), any other unary minus → negate.
 * - `x IN expr` (no parentheses) → In with the one-item list [expr].
 * - `pos` of an operator node is where its left operand starts.
 */

/** Source position of a node: offset into the statement text. */
export interface Pos { readonly pos: number }

/** A literal. Integers that fit a JS number are numbers; larger integers are bigints. */
export interface Literal extends Pos {
  readonly kind: 'Literal';
  readonly value: number | bigint | string | boolean | null;
  /** True when written with a decimal point or exponent (so `1.0` is Float64, `1` an integer). */
  readonly isFloat?: boolean;
}

/** A column reference, optionally qualified: `t.c`, `db.t.c`. */
export interface ColumnRef extends Pos {
  readonly kind: 'Column';
  readonly name: string;
  readonly table?: string;
  readonly database?: string;
}

/** `*` or `t.*` in a select list (or inside count(*), where args is empty instead). */
export interface Star extends Pos {
  readonly kind: 'Star';
  readonly table?: string;
}

/** A function or operator call. `params` holds parametric-aggregate parameters: quantile(0.9)(x). */
export interface FunctionCall extends Pos {
  readonly kind: 'Function';
  readonly name: string;
  readonly args: readonly Expr[];
  readonly params?: readonly Expr[];
  readonly distinct?: boolean;
}

/** `CAST(x AS T)`, `x::T`, `CAST(x, 'T')`. The type text is parsed by core/types parseType. */
export interface Cast extends Pos {
  readonly kind: 'Cast';
  readonly expr: Expr;
  readonly type: string;
}

/** `CASE [operand] WHEN .. THEN .. [ELSE ..] END`. */
export interface Case extends Pos {
  readonly kind: 'Case';
  readonly operand?: Expr;
  readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly else?: Expr;
}

/** `x [NOT] IN (a, b, c)` or `x [NOT] IN (SELECT ...)`. */
export interface In extends Pos {
  readonly kind: 'In';
  readonly expr: Expr;
  readonly list: readonly Expr[] | Subquery;
  readonly negated: boolean;
}

/** A parenthesised query used as a value (scalar subquery) or as an IN list. */
export interface Subquery extends Pos {
  readonly kind: 'Subquery';
  readonly query: Query;
}

/** `INTERVAL <expr> <unit>`; unit normalised to singular lower case: second, minute, hour, day, week, month, quarter, year. */
export interface Interval extends Pos {
  readonly kind: 'Interval';
  readonly value: Expr;
  readonly unit: string;
}

/** A `{name:Type}` query parameter, substituted from `param_<name>` before binding. */
export interface Param extends Pos {
  readonly kind: 'Param';
  readonly name: string;
  readonly type: string;
}

/** A tuple `(a, b)` (used by IN over several columns and by ORDER BY (a, b) in DDL). */
export interface Tuple extends Pos {
  readonly kind: 'Tuple';
  readonly items: readonly Expr[];
}

/** An array literal `[a, b]`. */
export interface ArrayLiteral extends Pos {
  readonly kind: 'Array';
  readonly items: readonly Expr[];
}

/** An expression with an alias written inline (ClickHouse allows `expr AS name` anywhere). */
export interface Aliased extends Pos {
  readonly kind: 'Alias';
  readonly expr: Expr;
  readonly alias: string;
}

/** Any scalar expression. */
export type Expr = Literal | ColumnRef | Star | FunctionCall | Cast | Case | In | Subquery | Interval | Param | Tuple
  | ArrayLiteral | Aliased;

/** One select-list entry. */
export interface SelectItem {
  readonly expr: Expr;
  readonly alias?: string;
}

/** One ORDER BY entry. */
export interface OrderItem {
  readonly expr: Expr;
  readonly desc: boolean;
  /** undefined = the dialect default (ClickHouse: NULLS LAST for ASC and DESC). */
  readonly nullsFirst?: boolean;
}

/** A table in FROM. */
export interface TableName extends Pos {
  readonly kind: 'TableName';
  readonly database?: string;
  readonly name: string;
  readonly alias?: string;
}

/** A subquery in FROM. */
export interface SubqueryTable extends Pos {
  readonly kind: 'SubqueryTable';
  readonly query: Query;
  readonly alias?: string;
}

/** A table function in FROM: numbers(10), numbers(1, 10). */
export interface TableFunction extends Pos {
  readonly kind: 'TableFunction';
  readonly name: string;
  readonly args: readonly Expr[];
  readonly alias?: string;
}

/** `left [INNER|LEFT|RIGHT|FULL|CROSS] JOIN right ON expr | USING (cols)`. */
export interface Join extends Pos {
  readonly kind: 'Join';
  readonly joinType: 'inner' | 'left' | 'right' | 'full' | 'cross';
  readonly left: FromItem;
  readonly right: FromItem;
  readonly on?: Expr;
  readonly using?: readonly string[];
}

/** Anything that can stand in FROM. */
export type FromItem = TableName | SubqueryTable | TableFunction | Join;

/** A common table expression: `WITH name AS (SELECT ...)` or ClickHouse's `WITH expr AS name`. */
export type With =
  | { readonly kind: 'QueryCte'; readonly name: string; readonly query: Query }
  | { readonly kind: 'ExprCte'; readonly name: string; readonly expr: Expr };

/** A SELECT. */
export interface Select extends Pos {
  readonly kind: 'Select';
  readonly with?: readonly With[];
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from?: FromItem;
  readonly where?: Expr;
  readonly groupBy?: readonly Expr[];
  readonly having?: Expr;
  readonly orderBy?: readonly OrderItem[];
  /** `LIMIT n BY exprs`. */
  readonly limitBy?: { readonly count: Expr; readonly offset?: Expr; readonly by: readonly Expr[] };
  readonly limit?: Expr;
  readonly offset?: Expr;
  readonly settings?: Readonly<Record<string, SettingValue>>;
  readonly format?: string;
}

/**
 * `q1 UNION ALL q2 ...`; ORDER BY / LIMIT / SETTINGS / FORMAT after the last member apply to the whole.
 * A parenthesised query followed by such clauses is a Union of one member.
 */
export interface Union extends Pos {
  readonly kind: 'Union';
  readonly queries: readonly Query[];
  /** `UNION DISTINCT` (or bare `UNION`): drop duplicate rows. Mixed chains nest: `a UNION ALL b UNION DISTINCT c` = Union{distinct, [Union[a, b], c]}. */
  readonly distinct?: boolean;
  readonly orderBy?: readonly OrderItem[];
  readonly limit?: Expr;
  readonly offset?: Expr;
  readonly settings?: Readonly<Record<string, SettingValue>>;
  readonly format?: string;
}

/** A query: SELECT or UNION ALL. */
export type Query = Select | Union;

/** A SETTINGS value. */
export type SettingValue = number | bigint | string | boolean;

/** A column in CREATE TABLE or ALTER TABLE ADD COLUMN. */
export interface ColumnDef {
  readonly name: string;
  /** Type text as written, e.g. `Nullable(String)`, `VARCHAR(255)`; apply `notNull` / `nullable` flags on top. */
  readonly type: string;
  /** `NULL` written after the type (SQL style) makes it Nullable; `NOT NULL` keeps it non-nullable. */
  readonly nullable?: boolean;
  readonly default?: Expr;
  readonly defaultKind?: 'DEFAULT' | 'MATERIALIZED' | 'ALIAS';
  /** `PRIMARY KEY` written on the column itself. */
  readonly primaryKey?: boolean;
  readonly comment?: string;
}

/** `CREATE DATABASE [IF NOT EXISTS] name [ENGINE = x]`. */
export interface CreateDatabase extends Pos {
  readonly kind: 'CreateDatabase';
  readonly name: string;
  readonly ifNotExists: boolean;
}

/** `CREATE TABLE`. Table-level `PRIMARY KEY (a, b)` inside the column list lands in `primaryKey`. */
export interface CreateTable extends Pos {
  readonly kind: 'CreateTable';
  readonly database?: string;
  readonly name: string;
  readonly ifNotExists: boolean;
  readonly orReplace?: boolean;
  readonly columns: readonly ColumnDef[];
  /** ENGINE = Name(args); absent when not written (then MergeTree). */
  readonly engine?: { readonly name: string; readonly args: readonly Expr[] };
  readonly orderBy?: readonly Expr[];
  readonly partitionBy?: Expr;
  readonly primaryKey?: readonly Expr[];
  readonly settings?: Readonly<Record<string, SettingValue>>;
  readonly asSelect?: Query;
  readonly comment?: string;
}

/** `DROP TABLE|DATABASE [IF EXISTS] name`. */
export interface Drop extends Pos {
  readonly kind: 'Drop';
  readonly target: 'table' | 'database' | 'view';
  readonly database?: string;
  readonly name: string;
  readonly ifExists: boolean;
}

/** `TRUNCATE TABLE [IF EXISTS] t`. */
export interface Truncate extends Pos {
  readonly kind: 'Truncate';
  readonly database?: string;
  readonly name: string;
  readonly ifExists: boolean;
}

/** `RENAME TABLE a TO b [, c TO d]`. */
export interface Rename extends Pos {
  readonly kind: 'Rename';
  readonly pairs: readonly { readonly from: TableName; readonly to: TableName }[];
}

/** One ALTER TABLE action. */
export type AlterAction =
  | { readonly kind: 'AddColumn'; readonly column: ColumnDef; readonly ifNotExists: boolean; readonly after?: string; readonly first?: boolean }
  | { readonly kind: 'DropColumn'; readonly name: string; readonly ifExists: boolean };

/** `ALTER TABLE t action [, action]`. */
export interface Alter extends Pos {
  readonly kind: 'Alter';
  readonly database?: string;
  readonly name: string;
  readonly actions: readonly AlterAction[];
}

/**
 * `INSERT INTO t [(cols)] VALUES (...), ...` | `... FORMAT Name <data>` | `... SELECT ...`.
 * For FORMAT (and for VALUES, whose tuples the server may stream), `dataOffset` is the offset in the
 * statement text where the inline data starts (after the format name and one whitespace), or the text
 * length when there is none: the rest of the request body then holds the data.
 * For VALUES, `format` is 'Values' and `dataOffset` is where the first tuple starts (parser's
 * `parseValuesRows` reads the tuples as expressions).
 */
export interface Insert extends Pos {
  readonly kind: 'Insert';
  readonly database?: string;
  readonly table: string;
  readonly columns?: readonly string[];
  readonly format?: string;
  readonly select?: Query;
  readonly settings?: Readonly<Record<string, SettingValue>>;
  readonly dataOffset: number;
}

/** `OPTIMIZE TABLE t [FINAL]`. */
export interface Optimize extends Pos {
  readonly kind: 'Optimize';
  readonly database?: string;
  readonly name: string;
  readonly final: boolean;
}

/** `SHOW DATABASES`, `SHOW TABLES [FROM db] [LIKE 'x']`, `SHOW CREATE TABLE t`, `SHOW PROCESSLIST`, `SHOW SETTINGS`. */
export interface Show extends Pos {
  readonly kind: 'Show';
  readonly what: 'databases' | 'tables' | 'createTable' | 'processlist' | 'columns';
  readonly database?: string;
  readonly name?: string;
  readonly like?: string;
  readonly notLike?: boolean;
  readonly format?: string;
}

/** `DESCRIBE [TABLE] t` / `DESC t`. */
export interface Describe extends Pos {
  readonly kind: 'Describe';
  readonly database?: string;
  readonly name: string;
  readonly format?: string;
}

/** `EXISTS [TABLE] t`. */
export interface Exists extends Pos {
  readonly kind: 'Exists';
  readonly database?: string;
  readonly name: string;
  readonly format?: string;
}

/** `EXPLAIN [PLAN|AST|SYNTAX|PIPELINE] query`. */
export interface Explain extends Pos {
  readonly kind: 'Explain';
  readonly mode: 'plan' | 'ast' | 'syntax' | 'pipeline';
  readonly query: Query;
  readonly format?: string;
}

/** `USE db`. */
export interface Use extends Pos {
  readonly kind: 'Use';
  readonly database: string;
}

/** `SET name = value [, ...]`. */
export interface SetStatement extends Pos {
  readonly kind: 'Set';
  readonly settings: Readonly<Record<string, SettingValue>>;
}

/** `KILL QUERY WHERE expr [SYNC|ASYNC]`. */
export interface KillQuery extends Pos {
  readonly kind: 'KillQuery';
  readonly where: Expr;
}

/** `SYSTEM FLUSH LOGS` and the like; `command` is the words after SYSTEM, upper-cased. */
export interface SystemCommand extends Pos {
  readonly kind: 'System';
  readonly command: string;
  readonly database?: string;
  readonly name?: string;
}

// ---- streaming sources (Kafka ingestion) ----

/**
 * `CREATE SOURCE [IF NOT EXISTS] name FROM KAFKA 'host:port[,host:port]' TOPIC 't' GROUP 'g'
 * FORMAT F INTO [db.]table [SETTINGS k = v, ...]`.
 */
export interface CreateSource extends Pos {
  readonly kind: 'CreateSource';
  readonly name: string;
  readonly ifNotExists: boolean;
  /** Comma-separated `host:port` list. */
  readonly brokers: string;
  readonly topic: string;
  readonly group: string;
  readonly format: string;
  readonly database?: string;
  readonly table: string;
  readonly settings?: Readonly<Record<string, SettingValue>>;
}

/** `DROP SOURCE [IF EXISTS] name`. */
export interface DropSource extends Pos {
  readonly kind: 'DropSource';
  readonly name: string;
  readonly ifExists: boolean;
}

/** `ALTER SOURCE name PAUSE | RESUME`. */
export interface AlterSource extends Pos {
  readonly kind: 'AlterSource';
  readonly name: string;
  readonly action: 'pause' | 'resume';
}

/** A complete statement. */
export type Statement = Query | CreateDatabase | CreateTable | Drop | Truncate | Rename | Alter | Insert
  | Optimize | Show | Describe | Exists | Explain | Use | SetStatement | KillQuery | SystemCommand
  | CreateSource | DropSource | AlterSource;
