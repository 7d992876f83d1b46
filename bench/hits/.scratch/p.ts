import { HitsModel } from '../model.ts';
import { HitsRowGenerator } from '../rows.ts';
import { appendTsvRow } from '../tsv.ts';
import { ByteBuilder } from '../byte-builder.ts';
const m = new HitsModel({ rows: 10_000_000, seed: 1 });
const g = new HitsRowGenerator(m);
const out = new ByteBuilder(16384 * 900);
const mode = process.argv[2] ?? 'all';
for (let round = 0; round < 3; round++) {
  const c0 = process.cpuUsage();
  for (let r = round * 200000; r < (round + 1) * 200000; r++) {
    if (r % 16384 === 0) out.reset();
    g.generate(r);
    if (mode === 'all') appendTsvRow(out, g);
  }
  const c = process.cpuUsage(c0);
  console.log(`${mode} ${(200000 / ((c.user + c.system) / 1e6)).toFixed(0)} rows/cpu-s`);
}
