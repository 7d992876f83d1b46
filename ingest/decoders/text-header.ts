/**
 * Header lines of the WithNames text formats: resolve the names to target columns (position k of a
 * row goes to column map[k], -1 = skipped) per input_format_with_names_use_header and
 * input_format_skip_unknown_fields.
 */
import type { DecodeState } from './decoder.ts';

/** Map header names to target column indexes. */
export function mapHeader(st: DecodeState, names: readonly string[]): number[] {
  if (!st.settings.bool('input_format_with_names_use_header')) return st.columns.map((_, k) => k);
  const skipUnknown = st.settings.bool('input_format_skip_unknown_fields');
  return names.map((n) => {
    const c = st.columns.findIndex((f) => f.name === n);
    if (c < 0 && !skipUnknown) throw st.error(`Unknown field found in the header of ${st.format} data: ${n}`);
    return c;
  });
}
