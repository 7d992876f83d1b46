/**
 * defineStringFn: the shell of string → X functions with one string argument plus optional constant
 * or per-row extra arguments. The kernel sees one flat StringVector and runs once per dictionary entry
 * when the input is dictionary-encoded (extra arguments must then be constants).
 */
import type { DataType, Scalar } from '../../src/core/types.ts';
import type { FlatVector, StringVector, Vector } from '../../src/core/vector.ts';
import type { ScalarFunction } from '../functions/registry.ts';
import { materialize } from './build.ts';
import { defineScalar } from './define.ts';
import { illegalType } from './errors.ts';
import { mapStrings } from './strings.ts';

/** What a string function supplies. */
export interface StringFnDef {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly caseInsensitive?: boolean;
  readonly minArgs: number;
  readonly maxArgs?: number;
  /** Result type; argument 0 is checked to be a String. `rest` are the other (stripped) argument types. */
  type(rest: readonly DataType[], constants: readonly (Scalar | undefined)[]): DataType;
  /** Compute over flat strings s; `rest` are the other arguments sliced to s's rows, or constants. */
  kernel(s: StringVector, rest: readonly Vector[], rt: DataType): FlatVector | StringVector;
}

/** Build a ScalarFunction from a StringFnDef with default NULL handling. */
export function defineStringFn(def: StringFnDef): ScalarFunction {
  return defineScalar({
    name: def.name,
    ...(def.aliases ? { aliases: def.aliases } : {}),
    ...(def.caseInsensitive ? { caseInsensitive: true } : {}),
    minArgs: def.minArgs,
    ...(def.maxArgs !== undefined ? { maxArgs: def.maxArgs } : {}),
    type(args, constants) {
      if (args[0]!.kind !== 'String') throw illegalType(def.name, args[0]!, 0);
      return def.type(args.slice(1), constants.slice(1));
    },
    kernel([s, ...rest], n, rt) {
      if (rest.every((r) => r.kind === 'const')) return mapStrings(s!, n, (flat) => def.kernel(flat, rest, rt));
      return def.kernel(materialize(s!) as StringVector, rest, rt);
    },
  });
}
