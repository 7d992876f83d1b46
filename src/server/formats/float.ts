/**
 * Floats as ClickHouse prints them: the shortest decimal that reads back to the same value,
 * `inf`, `-inf` and `nan` for the non-finite ones, and exponents without a `+` (`1e21`, `1e-7`).
 */

/** Float64 text. */
export function float64Text(x: number): string {
  if (x !== x) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0';
  const s = String(x);
  return s.indexOf('e+') >= 0 ? s.replace('e+', 'e') : s;
}

/** Float32 text: the shortest decimal that rounds to the same float32. */
export function float32Text(x: number): string {
  if (x !== x || x === Infinity || x === -Infinity || x === 0 || Number.isInteger(x)) return float64Text(x);
  for (let p = 1; p < 10; p++) {
    const d = Number(x.toPrecision(p));
    if (Math.fround(d) === x) return float64Text(d);
  }
  return float64Text(x);
}
