/**
 * toInt8 … toInt64, toUInt8 … toUInt64, toFloat32, toFloat64: conversion with C-style truncation and
 * wrap-around (toUInt8(300) = 44), strings parsed; NULL stays NULL.
 */
import type { TypeKind } from '../../src/core/types.ts';
import { makeType, withNullable } from '../../src/core/types.ts';
import { castVector } from '../expr/cast.ts';
import { defineScalar } from '../expr/define.ts';
import type { ScalarFunction } from './registry.ts';
import { registerScalar } from './registry.ts';

function conversion(kind: TypeKind): ScalarFunction {
  return defineScalar({
    name: `to${kind}`,
    minArgs: 1,
    type: () => makeType(kind),
    kernel: ([x], n, rt) => castVector(x!, withNullable(rt), n),
  });
}

/** The conversion functions, in the order of their kinds. */
export const conversions = (['Int8', 'Int16', 'Int32', 'Int64', 'UInt8', 'UInt16', 'UInt32', 'UInt64', 'Float32', 'Float64'] as const)
  .map(conversion);

for (const f of conversions) registerScalar(f);
