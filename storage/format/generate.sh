#!/bin/sh
# Regenerate the committed FlatBuffers code for part.fbs (flatc 2.0.8 from Debian's flatbuffers-compiler),
# then add the explicit `.ts` extensions our NodeNext/tsx setup requires on relative imports.
set -eu
cd "$(dirname "$0")"
rm -rf generated
flatc --ts -o generated part.fbs
find generated -name '*.ts' -exec sed -i -E "s#^(import .* from '\.[^']*)';#\1.ts';#; s#^(export .* from '\.[^']*)';#\1.ts';#" {} +
