/** `replaceRegexpAll(s, pattern, replacement)`: s with every match of the regexp replaced; \\0..\\9 in the replacement name groups. */
import { T } from '../../src/core/types.ts';
import { StringBuilder } from '../expr/build.ts';
import { illegalType } from '../expr/errors.ts';
import { readStr } from '../expr/read.ts';
import { compileRegex, pushLatin1, translateReplacement, utf8Text } from '../expr/regex.ts';
import { latin1 } from '../expr/strings.ts';
import { defineStringFn } from '../expr/unaryString.ts';
import { registerScalar } from './registry.ts';

/** The replaceRegexpAll function. */
export const replaceRegexpAll = defineStringFn({
  name: 'replaceRegexpAll',
  aliases: ['REGEXP_REPLACE', 'regexp_replace'],
  caseInsensitive: true,
  minArgs: 3,
  type: (rest) => {
    rest.forEach((t, i) => { if (t.kind !== 'String') throw illegalType('replaceRegexpAll', t, i + 1); });
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
      // Compile only when the pattern/replacement row changes (once for constants).
      if (pj !== lastP) { re = compileRegex(utf8Text(ptext, pv.offsets[pj]!, pv.offsets[pj + 1]!), true); lastP = pj; }
      if (rj !== lastR) { rep = translateReplacement(utf8Text(rtext, rv.offsets[rj]!, rv.offsets[rj + 1]!)); lastR = rj; }
      pushLatin1(sb, text.slice(o[i]!, o[i + 1]!).replace(re, rep));
      sb.endRow();
    }
    return sb.finish(rt);
  },
});

registerScalar(replaceRegexpAll);
