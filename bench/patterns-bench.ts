// Prints how many CloudTrail records per second the filter-pattern evaluator
// judges with Security Hub patterns, on the corpus records repeated.
// Run: npx ts-node --transpile-only --project test/tsconfig.json bench/patterns-bench.ts
import * as fs from 'fs';
import * as path from 'path';
import { LogPattern } from '../src/patterns';

const root = path.join(__dirname, '..', 'test');
const reference = JSON.parse(fs.readFileSync(path.join(root, 'fixtures', 'reference', 'cis-metric-filters.json'), 'utf8'));
const fixtures = path.join(root, 'patterns', 'fixtures');
const texts = fs.readdirSync(fixtures).filter((f) => f.endsWith('.json'))
  .map((f) => JSON.stringify(JSON.parse(fs.readFileSync(path.join(fixtures, f), 'utf8'))));
const records = texts.map((t) => JSON.parse(t));
const total = 1_000_000;

function rate(label: string, run: (i: number) => boolean): void {
  let hits = 0;
  for (let i = 0; i < 10_000; i++) if (run(i)) hits++;
  hits = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < total; i++) if (run(i)) hits++;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = Math.round(total / seconds).toLocaleString('en-US');
  console.log(`${label.padEnd(44)} ${perSecond.padStart(12)} records/s  (${hits} matches)`);
}

for (const id of ['CloudWatch.1', 'CloudWatch.4', 'CIS-4.15']) {
  const pattern = LogPattern.parse(reference.patterns[id][0]);
  rate(`${id} on parsed records`, (i) => pattern.matchesRecord(records[i % records.length]));
  rate(`${id} on JSON text (parse included)`, (i) => pattern.matches(texts[i % texts.length]));
}

const all: LogPattern[] = Object.values<string[]>(reference.patterns).flat().map((p) => LogPattern.parse(p));
rate(`all ${all.length} CIS patterns on parsed records`, (i) => {
  const r = records[i % records.length];
  let any = false;
  for (const p of all) any = p.matchesRecord(r) || any;
  return any;
});
