/**
 * Errors with ClickHouse's error codes and names, because clients parse them
 * (`Code: 62. DB::Exception: ... (SYNTAX_ERROR)`). Every error Eddy reports to a user is an EddyError.
 */

/** ClickHouse error names Eddy raises, with ClickHouse's numeric codes. */
export const ERROR_CODES = {
  CANNOT_PARSE_TEXT: 6,
  DUPLICATE_COLUMN: 15,
  NO_SUCH_COLUMN_IN_TABLE: 16,
  CANNOT_PARSE_INPUT_ASSERTION_FAILED: 27,
  CANNOT_READ_ALL_DATA: 33,
  BAD_ARGUMENTS: 36,
  CHECKSUM_DOESNT_MATCH: 40,
  CANNOT_PARSE_DATETIME: 41,
  NUMBER_OF_ARGUMENTS_DOESNT_MATCH: 42,
  ILLEGAL_TYPE_OF_ARGUMENT: 43,
  ILLEGAL_COLUMN: 44,
  UNKNOWN_FUNCTION: 46,
  UNKNOWN_IDENTIFIER: 47,
  NOT_IMPLEMENTED: 48,
  LOGICAL_ERROR: 49,
  UNKNOWN_TYPE: 50,
  TYPE_MISMATCH: 53,
  TABLE_ALREADY_EXISTS: 57,
  UNKNOWN_TABLE: 60,
  SYNTAX_ERROR: 62,
  UNKNOWN_AGGREGATE_FUNCTION: 63,
  CANNOT_PARSE_NUMBER: 72,
  UNKNOWN_FORMAT: 73,
  CANNOT_WRITE_TO_FILE_DESCRIPTOR: 75,
  CANNOT_OPEN_FILE: 76,
  UNKNOWN_DATABASE: 81,
  DATABASE_ALREADY_EXISTS: 82,
  INCORRECT_DATA: 117,
  UNKNOWN_SETTING: 115,
  TIMEOUT_EXCEEDED: 159,
  READONLY: 164,
  NOT_AN_AGGREGATE: 215,
  CORRUPTED_DATA: 246,
  MEMORY_LIMIT_EXCEEDED: 241,
  NOT_ENOUGH_SPACE: 243,
  QUERY_WAS_CANCELLED: 394,
  TOO_MANY_ROWS_OR_BYTES: 396,
  UNKNOWN_QUERY: 419,
  ACCESS_DENIED: 497,
  AUTHENTICATION_FAILED: 516,
  UNKNOWN_USER: 192,
  CANNOT_PARSE_ESCAPE_SEQUENCE: 25,
  ILLEGAL_AGGREGATION: 184,
  TOO_MANY_ARGUMENTS_FOR_FUNCTION: 34,
  TOO_FEW_ARGUMENTS_FOR_FUNCTION: 35,
  INVALID_JOIN_ON_EXPRESSION: 403,
  UNKNOWN_STORAGE: 56,
  ABORTED: 236,
  CANNOT_ALLOCATE_MEMORY: 173,
  DIRECTORY_DOESNT_EXIST: 96,
  FILE_DOESNT_EXIST: 107,
  NOT_FOUND_COLUMN_IN_BLOCK: 10,
  EMPTY_DATA_PASSED: 92,
  UNEXPECTED_END_OF_FILE: 32,
  REQUIRED_PASSWORD: 194,
  SETTING_CONSTRAINT_VIOLATION: 452,
  ILLEGAL_DIVISION: 153,
  CANNOT_CONVERT_TYPE: 70,
} as const;

/** A ClickHouse error name known to Eddy. */
export type ErrorName = keyof typeof ERROR_CODES;

/** An error reported to users with a ClickHouse code and name. */
export class EddyError extends Error {
  readonly code: number;
  readonly errorName: ErrorName;

  constructor(name: ErrorName, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.errorName = name;
    this.code = ERROR_CODES[name];
    this.name = 'EddyError';
  }
}

/** Wrap any thrown value as an EddyError (LOGICAL_ERROR for what is not ours). */
export function toEddyError(e: unknown): EddyError {
  if (e instanceof EddyError) return e;
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') return new EddyError('NOT_ENOUGH_SPACE', `No space left on device: ${e.message}`, { cause: e });
    if (code === 'EROFS') return new EddyError('CANNOT_WRITE_TO_FILE_DESCRIPTOR', `Read-only file system: ${e.message}`, { cause: e });
    if (code === 'EACCES' || code === 'EPERM') {
      return new EddyError('CANNOT_WRITE_TO_FILE_DESCRIPTOR', `Permission denied: ${e.message}`, { cause: e });
    }
    if (e instanceof RangeError && /allocation|Array buffer/i.test(e.message)) {
      return new EddyError('MEMORY_LIMIT_EXCEEDED', `Memory limit exceeded: ${e.message}`, { cause: e });
    }
    return new EddyError('LOGICAL_ERROR', e.message, { cause: e });
  }
  return new EddyError('LOGICAL_ERROR', String(e));
}
