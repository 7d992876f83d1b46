/**
 * Words that cannot be used bare as a column name or as an alias written without AS, because they
 * start or continue a clause (`SELECT a FROM t` must not read FROM as an alias of a). Anywhere else
 * — after AS, as a table or column name in DDL, quoted — any word is an identifier, as in ClickHouse.
 */
export const RESERVED = new Set([
  'ALL', 'AND', 'ANTI', 'ANY', 'ARRAY', 'AS', 'ASC', 'ASCENDING', 'ASOF', 'BETWEEN', 'BY', 'CROSS', 'DESC',
  'DESCENDING', 'DISTINCT', 'DIV', 'ELSE', 'END', 'EXCEPT', 'FINAL', 'FORMAT', 'FROM', 'FULL', 'GLOBAL', 'GROUP',
  'HAVING', 'ILIKE', 'IN', 'INNER', 'INTERSECT', 'INTO', 'IS', 'JOIN', 'LEFT', 'LIKE', 'LIMIT', 'MOD', 'NOT',
  'NULLS', 'OFFSET', 'ON', 'OR', 'ORDER', 'OUTER', 'PREWHERE', 'QUALIFY', 'REGEXP', 'RIGHT', 'SAMPLE', 'SELECT',
  'SEMI', 'SETTINGS', 'THEN', 'UNION', 'USING', 'VALUES', 'WHEN', 'WHERE', 'WINDOW', 'WITH',
]);

/** Interval units in every spelling ClickHouse accepts, normalised to the singular lower-case unit. */
export const INTERVAL_UNITS: Readonly<Record<string, string>> = {
  NANOSECOND: 'nanosecond', NANOSECONDS: 'nanosecond', NS: 'nanosecond',
  MICROSECOND: 'microsecond', MICROSECONDS: 'microsecond', US: 'microsecond',
  MILLISECOND: 'millisecond', MILLISECONDS: 'millisecond', MS: 'millisecond',
  SECOND: 'second', SECONDS: 'second', SQL_TSI_SECOND: 'second', SS: 'second', S: 'second',
  MINUTE: 'minute', MINUTES: 'minute', SQL_TSI_MINUTE: 'minute', MI: 'minute', N: 'minute',
  HOUR: 'hour', HOURS: 'hour', SQL_TSI_HOUR: 'hour', HH: 'hour', H: 'hour',
  DAY: 'day', DAYS: 'day', SQL_TSI_DAY: 'day', DD: 'day', D: 'day',
  WEEK: 'week', WEEKS: 'week', SQL_TSI_WEEK: 'week', WK: 'week', WW: 'week',
  MONTH: 'month', MONTHS: 'month', SQL_TSI_MONTH: 'month', MM: 'month', M: 'month',
  QUARTER: 'quarter', QUARTERS: 'quarter', SQL_TSI_QUARTER: 'quarter', QQ: 'quarter', Q: 'quarter',
  YEAR: 'year', YEARS: 'year', SQL_TSI_YEAR: 'year', YYYY: 'year', YY: 'year',
};

/** `extract(unit FROM t)` → the ClickHouse function it means (ClickHouse's own parser does the same). */
export const EXTRACT_FUNCTIONS: Readonly<Record<string, string>> = {
  nanosecond: 'toNanosecond', microsecond: 'toMicrosecond', millisecond: 'toMillisecond',
  second: 'toSecond', minute: 'toMinute', hour: 'toHour', day: 'toDayOfMonth', week: 'toISOWeek',
  month: 'toMonth', quarter: 'toQuarter', year: 'toYear',
};
