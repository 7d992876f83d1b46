/**
 * The shared kernel of replaceRegexpOne / replaceRegexpAll: the regexp runs over latin1 text of the
 * UTF-8 bytes, compiled only when the pattern or replacement row changes (once for constants);
 * \\0..\\9 in the replacement name groups.
 */
import { T } from '../../src/core/types.ts';
import { StringBuilder } from './build.ts';
import { illegalType } from './errors.ts';
import { readStr } from './read.ts';
import { compileRegex, pushLatin1, translateReplacement, utf8Text } from './regex.ts';
import { latin1 } from './strings.ts';
import { defineStringFn } from './unaryString.ts';

/** A replaceRegexp function replacing the first match (`global` false) or every match. */
export function defineReplaceRegexp(name: string, global: boolean, opts: { aliases?: string[]; caseInsensitive?: boolean } = {}) {
  return defineStringFn({
    name,
    ...opts,
    minArgs: 3,
    type: (rest) => {
      rest.forEach((t, i) => { if (t.kind !== 'String') throw illegalType(name, t, i + 1); });
      return T.String;
    },
    kernel: (s, [p, r], rt) => {
      const n = s.length, o = s.offsets;
      const pv = readStr(p!), rv = readStr(r!);
      const text = latin1(s.bytes);
      const ptext = latin1(pv.bytes), rtext = latin1(rv.bytes);
      const sb = new StringBuilder(n, s.bytes.length);
      let lastP = -1, lastR = -1, re = /$^/, rep = '';
      for (let i = 0; i < n; i++) {
        const pj = pv.codes === null ? i & pv.m : pv.codes[i]!;
        const rj = rv.codes === null ? i & rv.m : rv.codes[i]!;
        if (pj !== lastP) { re = compileRegex(utf8Text(ptext, pv.offsets[pj]!, pv.offsets[pj + 1]!), global); lastP = pj; }
        if (rj !== lastR) { rep = translateReplacement(utf8Text(rtext, rv.offsets[rj]!, rv.offsets[rj + 1]!)); lastR = rj; }
        pushLatin1(sb, text.slice(o[i]!, o[i + 1]!).replace(re, rep));
        sb.endRow();
      }
      return sb.finish(rt);
    },
  });
}
