import { describe, expect, it } from 'vitest';
import type { CreateTable, Explain } from '../../../query/parser/ast.ts';
import { parseStatement, parseStatements } from '../../../query/parser/index.ts';
import { sx } from './sexpr.ts';

describe('DDL', () => {
  it('CREATE DATABASE', () => {
    expect(parseStatement('CREATE DATABASE IF NOT EXISTS d')).toEqual({ kind: 'CreateDatabase', name: 'd', ifNotExists: true, pos: 0 });
    expect(parseStatement('CREATE DATABASE d ENGINE = Atomic')).toMatchObject({ name: 'd', ifNotExists: false });
  });

  it('CREATE TABLE, ClickHouse form', () => {
    const t = parseStatement(`CREATE TABLE IF NOT EXISTS db.t (
        id UInt64,
        s Nullable(String) DEFAULT 'x' COMMENT 'a string',
        d DateTime64(3),
        m UInt32 MATERIALIZED id * 2,
        l LowCardinality(String) ALIAS upper(s)
      ) ENGINE = MergeTree() PARTITION BY toYYYYMM(d) ORDER BY (id, d) PRIMARY KEY id
      SETTINGS index_granularity = 8192 COMMENT 'tbl'`) as CreateTable;
    expect(t).toMatchObject({ kind: 'CreateTable', database: 'db', name: 't', ifNotExists: true, engine: { name: 'MergeTree', args: [] }, comment: 'tbl' });
    expect(t.columns.map((c) => [c.name, c.type, c.defaultKind, c.default && sx(c.default), c.comment])).toEqual([
      ['id', 'UInt64', undefined, undefined, undefined],
      ['s', 'Nullable(String)', 'DEFAULT', "'x'", 'a string'],
      ['d', 'DateTime64(3)', undefined, undefined, undefined],
      ['m', 'UInt32', 'MATERIALIZED', 'multiply(id, 2)', undefined],
      ['l', 'LowCardinality(String)', 'ALIAS', 'upper(s)', undefined],
    ]);
    expect(sx(t.partitionBy!)).toBe('toYYYYMM(d)');
    expect(t.orderBy!.map(sx)).toEqual(['id', 'd']);
    expect(t.primaryKey!.map(sx)).toEqual(['id']);
    expect(t.settings).toEqual({ index_granularity: 8192 });
  });

  it('CREATE TABLE, SQL form', () => {
    const t = parseStatement(`CREATE OR REPLACE TABLE t (a BIGINT NOT NULL PRIMARY KEY, b VARCHAR(255) NULL, c DOUBLE PRECISION,
      d CHARACTER VARYING(3), PRIMARY KEY (a, b))`) as CreateTable;
    expect(t.orReplace).toBe(true);
    expect(t.engine).toBeUndefined();
    expect(t.columns.map((c) => [c.name, c.type, c.nullable, c.primaryKey])).toEqual([
      ['a', 'BIGINT', false, true], ['b', 'VARCHAR(255)', true, undefined], ['c', 'DOUBLE PRECISION', undefined, undefined],
      ['d', 'CHARACTER VARYING(3)', undefined, undefined],
    ]);
    expect(t.primaryKey!.map(sx)).toEqual(['a', 'b']);
  });

  it('ORDER BY tuple() and single key; AS SELECT', () => {
    expect((parseStatement('CREATE TABLE t (a Int8) ENGINE = MergeTree ORDER BY tuple()') as CreateTable).orderBy).toEqual([]);
    expect((parseStatement('CREATE TABLE t (a Int8) ORDER BY a') as CreateTable).orderBy!.map(sx)).toEqual(['a']);
    const t = parseStatement('CREATE TABLE t ENGINE = MergeTree ORDER BY x AS SELECT 1 AS x') as CreateTable;
    expect(t.columns).toEqual([]);
    expect(t.asSelect).toMatchObject({ kind: 'Select' });
  });

  it('DROP, TRUNCATE, RENAME, ALTER, OPTIMIZE', () => {
    expect(parseStatement('DROP TABLE IF EXISTS db.t')).toEqual({ kind: 'Drop', target: 'table', database: 'db', name: 't', ifExists: true, pos: 0 });
    expect(parseStatement('DROP DATABASE d')).toEqual({ kind: 'Drop', target: 'database', name: 'd', ifExists: false, pos: 0 });
    expect(parseStatement('DROP VIEW v SYNC')).toMatchObject({ target: 'view', name: 'v' });
    expect(parseStatement('TRUNCATE t')).toEqual({ kind: 'Truncate', name: 't', ifExists: false, pos: 0 });
    expect(parseStatement('TRUNCATE TABLE IF EXISTS d.t')).toMatchObject({ database: 'd', name: 't', ifExists: true });
    expect(parseStatement('RENAME TABLE a TO b, d.c TO d.e')).toMatchObject({
      kind: 'Rename', pairs: [{ from: { name: 'a' }, to: { name: 'b' } }, { from: { database: 'd', name: 'c' }, to: { database: 'd', name: 'e' } }],
    });
    expect(parseStatement('ALTER TABLE t ADD COLUMN IF NOT EXISTS c Nullable(Int32) DEFAULT 1 AFTER b, ADD COLUMN f String FIRST, DROP COLUMN IF EXISTS z')).toMatchObject({
      kind: 'Alter', name: 't', actions: [
        { kind: 'AddColumn', ifNotExists: true, after: 'b', column: { name: 'c', type: 'Nullable(Int32)', defaultKind: 'DEFAULT' } },
        { kind: 'AddColumn', ifNotExists: false, first: true, column: { name: 'f', type: 'String' } },
        { kind: 'DropColumn', name: 'z', ifExists: true },
      ],
    });
    expect(parseStatement('OPTIMIZE TABLE t FINAL')).toEqual({ kind: 'Optimize', name: 't', final: true, pos: 0 });
  });
});

describe('other statements', () => {
  it('SHOW', () => {
    expect(parseStatement('SHOW DATABASES')).toEqual({ kind: 'Show', what: 'databases', pos: 0 });
    expect(parseStatement("SHOW TABLES FROM db NOT LIKE 'x%' FORMAT JSON")).toEqual({ kind: 'Show', what: 'tables', database: 'db', like: 'x%', notLike: true, format: 'JSON', pos: 0 });
    expect(parseStatement("SHOW TABLES IN db LIKE 'h%'")).toMatchObject({ database: 'db', like: 'h%' });
    expect(parseStatement('SHOW CREATE TABLE db.t')).toMatchObject({ what: 'createTable', database: 'db', name: 't' });
    expect(parseStatement('SHOW CREATE t')).toMatchObject({ what: 'createTable', name: 't' });
    expect(parseStatement('SHOW PROCESSLIST')).toMatchObject({ what: 'processlist' });
    expect(parseStatement('SHOW COLUMNS FROM t IN db')).toMatchObject({ what: 'columns', name: 't', database: 'db' });
  });
  it('DESCRIBE, EXISTS, USE, SET, KILL, SYSTEM', () => {
    expect(parseStatement('DESCRIBE TABLE t')).toEqual({ kind: 'Describe', name: 't', pos: 0 });
    expect(parseStatement('DESC db.t FORMAT TSV')).toMatchObject({ kind: 'Describe', database: 'db', format: 'TSV' });
    expect(parseStatement('EXISTS TABLE t')).toEqual({ kind: 'Exists', name: 't', pos: 0 });
    expect(parseStatement('EXISTS t')).toMatchObject({ kind: 'Exists', name: 't' });
    expect(parseStatement('USE db')).toEqual({ kind: 'Use', database: 'db', pos: 0 });
    expect(parseStatement("SET max_threads = 2, s = 'a', b = true, n = -1, big = 18446744073709551615")).toEqual({
      kind: 'Set', settings: { max_threads: 2, s: 'a', b: true, n: -1, big: 18446744073709551615n }, pos: 0,
    });
    const k = parseStatement("KILL QUERY WHERE query_id = 'x' SYNC");
    expect(k).toMatchObject({ kind: 'KillQuery' });
    expect(parseStatement('SYSTEM FLUSH LOGS')).toEqual({ kind: 'System', command: 'FLUSH LOGS', pos: 0 });
    expect(parseStatement('SYSTEM STOP MERGES db.t')).toEqual({ kind: 'System', command: 'STOP MERGES', database: 'db', name: 't', pos: 0 });
  });
  it('EXPLAIN', () => {
    expect(parseStatement('EXPLAIN SELECT 1')).toMatchObject({ kind: 'Explain', mode: 'plan', query: { kind: 'Select' } });
    const e = parseStatement('EXPLAIN PIPELINE SELECT 1 FORMAT TSV') as Explain;
    expect(e).toMatchObject({ mode: 'pipeline', format: 'TSV' });
    expect(e.query).not.toHaveProperty('format');
    expect(parseStatement('EXPLAIN AST SELECT 1')).toMatchObject({ mode: 'ast' });
    expect(parseStatement('EXPLAIN SYNTAX SELECT 1')).toMatchObject({ mode: 'syntax' });
  });
});

describe('scripts', () => {
  it('splits statements, skipping empty ones and comments', () => {
    const s = parseStatements(`-- setup
      CREATE TABLE t (a Int32) ORDER BY a;;
      /* data */ INSERT INTO t VALUES (1), (2); INSERT INTO t VALUES ('a;b');
      SELECT * FROM t # trailing comment
    `);
    expect(s.map((x) => x.statement.kind)).toEqual(['CreateTable', 'Insert', 'Insert', 'Select']);
    expect(s[1]!.text).toBe('INSERT INTO t VALUES (1), (2)');
    expect(s[2]!.text).toBe("INSERT INTO t VALUES ('a;b')");
    expect(s[1]!.statement).toMatchObject({ dataOffset: 21 });
  });
  it('reports errors at their position in the script', () => {
    expect(() => parseStatements('SELECT 1;\nSELECT FROM')).toThrow(/position 18 \(line 2, col 8\)/);
  });
});
