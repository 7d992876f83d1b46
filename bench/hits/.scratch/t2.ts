import { HitsModel } from '../model.ts';
import { HitsRowGenerator } from '../rows.ts';
import { appendTsvRow } from '../tsv.ts';
import { ByteBuilder } from '../byte-builder.ts';
const m = new HitsModel({ rows: 1_000_000, seed: 1 });
const g = new HitsRowGenerator(m);
const out = new ByteBuilder(1 << 20);
for (let round = 0; round < 3; round++) {
  let t0 = performance.now();
  for (let r = 0; r < 100000; r++) g.generate(r);
  const gen = performance.now() - t0;
  t0 = performance.now();
  for (let r = 0; r < 100000; r++) { if ((r & 1023) === 0) out.reset(); appendTsvRow(out, g); }
  const wr = performance.now() - t0;
  console.log(`generate ${gen.toFixed(0)} ms, write ${wr.toFixed(0)} ms per 100k`);
}
