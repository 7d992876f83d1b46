/**
 * Numeric command-line flags of the benchmarks: integers may use `_` separators (`1_000_000`);
 * lists are comma-separated. Malformed values throw with the flag's name.
 */

/** A positive integer flag value. */
export function intFlag(name: string, raw: string): number {
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got '${raw}'`);
  return n;
}

/** A positive number flag value (fractions allowed). */
export function numberFlag(name: string, raw: string): number {
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got '${raw}'`);
  return n;
}

/** A comma-separated list of positive integers. */
export function intListFlag(name: string, raw: string): number[] {
  return raw.split(',').map((s) => intFlag(name, s.trim()));
}
