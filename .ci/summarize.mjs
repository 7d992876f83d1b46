// Reads vitest JSON reports and prints the closing line CI looks for: "N passed, N failed".
// A missing report, or a test file that crashed before running its tests, counts as one failure;
// so does a run in which no test executed at all.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.log(`missing report ${file}`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  for (const suite of r.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) {
      console.log(`test file failed to run: ${suite.name}`);
      failed += 1;
    }
  }
  if ((r.numTotalTests ?? 0) === 0) console.log(`no tests ran in ${file}`);
}
if (passed + failed === 0) failed = 1; // a run that executed nothing is not a pass
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
