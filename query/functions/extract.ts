/**
 * `extract`: two functions under one name, told apart by argument types.
 * - `extract(haystack, regexp)` (ClickHouse): the first capture group of the first match (the whole
 *   match without groups), '' when nothing matches.
 * - `EXTRACT(unit FROM t)`, parsed as extract('unit', t): the calendar part, as toYear/toMonth/… return.
 */
import type { DataType } from '../../src/core/types.ts';
import { T } from '../../src/core/types.ts';
import type { StringVector, Vector } from '../../src/core/vector.ts';
import { flatVector } from '../../src/core/vector.ts';
import { StringBuilder, fromF64, materialize } from '../expr/build.ts';
import { defineScalar } from '../expr/define.ts';
import { illegalType } from '../expr/errors.ts';
import { readStr } from '../expr/read.ts';
import { compileRegex, pushLatin1, utf8Text } from '../expr/regex.ts';
import { latin1, mapStrings } from '../expr/strings.ts';
import type { Part } from '../expr/temporal.ts';
import { localSeconds, parseUnit, partOf } from '../expr/temporal.ts';
import { registerScalar } from './registry.ts';

function isTemporalKind(t: DataType): boolean {
  return t.kind === 'Date' || t.kind === 'DateTime' || t.kind === 'DateTime64';
}

function partFor(unit: unknown): { part: Part; type: DataType } {
  const u = parseUnit('extract', unit);
  switch (u) {
    case 'year': return { part: 'year', type: T.UInt16 };
    case 'quarter': return { part: 'quarter', type: T.UInt8 };
    case 'month': return { part: 'month', type: T.UInt8 };
    case 'day': return { part: 'dayOfMonth', type: T.UInt8 };
    case 'hour': return { part: 'hour', type: T.UInt8 };
    case 'minute': return { part: 'minute', type: T.UInt8 };
    case 'second': return { part: 'second', type: T.UInt8 };
    default: throw illegalType('extract', T.String, 0, 'year, quarter, month, day, hour, minute or second');
  }
}

function extractRegex(s: StringVector, p: Vector, rt: DataType): StringVector {
  const n = s.length, o = s.offsets, pv = readStr(p);
  const text = latin1(s.bytes), ptext = latin1(pv.bytes);
  const sb = new StringBuilder(n);
  let last = -1, re = /$^/;
  for (let i = 0; i < n; i++) {
    const j = pv.codes === null ? i & pv.m : pv.codes[i]!;
    if (j !== last) { re = compileRegex(utf8Text(ptext, pv.offsets[j]!, pv.offsets[j + 1]!)); last = j; }
    const mt = re.exec(text.slice(o[i]!, o[i + 1]!));
    if (mt) pushLatin1(sb, mt.length > 1 ? mt[1] ?? '' : mt[0]);
    sb.endRow();
  }
  return sb.finish(rt);
}

/** The extract function. */
export const extract = defineScalar({
  name: 'extract',
  caseInsensitive: true,
  minArgs: 2,
  type: ([a, b], [unit]) => {
    if (isTemporalKind(b!)) {
      if (a!.kind !== 'String') throw illegalType('extract', a!, 0);
      return partFor(unit).type;
    }
    if (a!.kind !== 'String') throw illegalType('extract', a!, 0);
    if (b!.kind !== 'String') throw illegalType('extract', b!, 1);
    return T.String;
  },
  kernel: ([a, b], n, rt) => {
    if (isTemporalKind(b!.type)) {
      const { part } = partFor(a!.kind === 'const' ? a!.value : '');
      const local = localSeconds(b!, n);
      partOf(part, local, n, local);
      return flatVector(rt, fromF64(rt, local));
    }
    if (b!.kind === 'const') return mapStrings(a!, n, (s) => extractRegex(s, b!, rt));
    return extractRegex(materialize(a!) as StringVector, b!, rt);
  },
});

registerScalar(extract);
