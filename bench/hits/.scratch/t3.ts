import { HitsModel } from '../model.ts';
import { HitsRowGenerator } from '../rows.ts';
const m = new HitsModel({ rows: 1_000_000, seed: 1 });
const g = new HitsRowGenerator(m);
const t0 = performance.now();
for (let r = 0; r < 600000; r++) g.generate(r);
console.log((performance.now() - t0).toFixed(0));
