/** `like(haystack, pattern)`: haystack LIKE pattern; % = any bytes, _ = one UTF-8 character, \\ escapes. UInt8. */
import { T } from '../../src/core/types.ts';
import { defineScalar } from '../expr/define.ts';
import { illegalType } from '../expr/errors.ts';
import { likeKernel } from '../expr/like.ts';
import { registerScalar } from './registry.ts';

/** The like function. */
export const like = defineScalar({
  name: 'like',
  minArgs: 2,
  type: ([h, p]) => {
    if (h!.kind !== 'String') throw illegalType('like', h!, 0);
    if (p!.kind !== 'String') throw illegalType('like', p!, 1);
    return T.UInt8;
  },
  kernel: ([h, p], n, rt) => likeKernel(h!, p!, n, rt, false, false),
});

registerScalar(like);
