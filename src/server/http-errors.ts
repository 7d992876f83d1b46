/**
 * Errors over HTTP: the status per exception code (ClickHouse's exceptionCodeToHTTPStatus) and the
 * exact body clients parse: `Code: N. DB::Exception: <message>. (ERROR_NAME) (version X)\n`.
 */
import { EddyError, toEddyError } from '../core/errors.ts';
import { VERSION_SUFFIX } from './version.ts';

const STATUS: Readonly<Record<number, number>> = {
  // 400: bad input
  36: 400, 6: 400, 25: 400, 26: 400, 38: 400, 41: 400, 72: 400, 27: 400, 15: 400, 44: 400, 8: 400, 62: 400, 117: 400, 53: 400,
  457: 400, 456: 400, 16: 400, 10: 400, 42: 400, 43: 400, 34: 400, 35: 400, 184: 400, 215: 400, 403: 400, 92: 400, 33: 400, 32: 400,
  // 401 / 403: authentication and access
  194: 401, 192: 403, 193: 403, 516: 403, 497: 403,
  // 404: unknown things
  60: 404, 46: 404, 47: 404, 50: 404, 56: 404, 81: 404, 115: 404, 63: 404, 73: 404,
  159: 408,
  48: 501,
  209: 503, 76: 503,
};

/** HTTP status for an exception code (500 when unlisted). */
export function httpStatusOf(code: number): number {
  return STATUS[code] ?? 500;
}

/** The error text clients parse, with its trailing newline. */
export function errorText(e: EddyError): string {
  const msg = e.message.endsWith('.') ? e.message : e.message + '.';
  return `Code: ${e.code}. DB::Exception: ${msg} (${e.errorName}) ${VERSION_SUFFIX}\n`;
}

/** Normalize anything thrown into an EddyError plus its status. */
export function describeError(err: unknown): { error: EddyError; status: number } {
  const error = toEddyError(err);
  return { error, status: httpStatusOf(error.code) };
}
