/**
 * Replay throughput and memory on a million CloudTrail records.
 *
 * Generates (once, cached under bench-data/) gzipped CloudTrail log files shaped like the
 * corpus records, in a realistic mix, then measures in separate child processes:
 * - bare: read, gunzip and JSON.parse every file (the floor any replay pays);
 * - replay: `cdk-iam-guardrails replay` over the same files against the example baseline
 *   template, with the default table and with --json, output discarded.
 * Prints records per second, peak resident memory (VmHWM) and replay time / bare time,
 * both for wall-clock time and for CPU time (user + system of the process, gunzip threads
 * included). On a machine shared with other work the wall clock measures the neighbours
 * as much as the replay; CPU time is the figure that compares.
 *
 * BENCH_RECORDS overrides the number of records (default 1,000,000).
 */
import { fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';
import * as zlib from 'zlib';
import { generateCorpus } from './generate-cloudtrail';

const ROOT = path.resolve(__dirname, '..');
const DATA = path.join(ROOT, 'bench-data');
const LOGS = path.join(DATA, 'cloudtrail');
const CDK_OUT = path.join(DATA, 'cdk.out');
const TEMPLATE = path.join(CDK_OUT, 'ExampleBaseline.template.json');
const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);

interface PhaseResult {
  readonly ms: number;
  readonly cpuMs: number;
  readonly records: number;
  readonly peakRssMb: number;
  readonly exitCode?: number;
  readonly stderrLines?: number;
}

function clock(): () => { ms: number; cpuMs: number } {
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: Number(process.hrtime.bigint() - wall) / 1e6, cpuMs: (used.user + used.system) / 1000 };
  };
}

function peakRssMb(): number {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux: fall back to the current figure
  }
  return process.memoryUsage().rss / 1024 / 1024;
}

function listFiles(dir: string, into: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, into);
    else if (entry.name.endsWith('.json.gz')) into.push(full);
  }
  return into;
}

/** Read, gunzip and parse every file, the way the replay reads them, and nothing else. */
async function barePass(): Promise<PhaseResult> {
  const gunzip = util.promisify(zlib.gunzip);
  const files = listFiles(LOGS);
  const stop = clock();
  let records = 0;
  for (const file of files) {
    const text = (await gunzip(await fs.promises.readFile(file))).toString('utf8');
    records += JSON.parse(text).Records.length;
  }
  return { ...stop(), records, peakRssMb: peakRssMb() };
}

/** The replay command, in this process, output discarded. */
async function replayPass(extra: string[]): Promise<PhaseResult> {
  // Loaded here so the bare pass does not pay for loading the evaluators.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('../src/cli/main') as typeof import('../src/cli/main');
  // Load (and, under ts-node, transpile) the command before the clock starts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../src/cli/replay-command');
  let stderrLines = 0;
  let records = 0;
  const sink = { write: () => true, once: () => undefined, isTTY: false };
  const stderr = {
    write: (text: string) => {
      stderrLines += text.split('\n').length - 1;
      return true;
    },
    once: () => undefined,
    isTTY: false,
  };
  const stdout = {
    ...sink,
    write: (text: string) => {
      const m = /Replayed (\d+) records/.exec(text) ?? /"records":(\d+)/.exec(text);
      if (m) records = Number(m[1]);
      return true;
    },
  };
  const stop = clock();
  const exitCode = await main(['replay', '--template', TEMPLATE, ...extra, LOGS],
    { stdout, stderr, stdin: process.stdin });
  return { ...stop(), records, peakRssMb: peakRssMb(), exitCode, stderrLines };
}

function runPhase(phase: string): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--phase', phase], {
      execArgv: ['-r', 'ts-node/register/transpile-only'],
      env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'test', 'tsconfig.json') },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message) => resolve(message as PhaseResult));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`phase ${phase} exited with ${code}`));
    });
  });
}

async function synthesizeTemplate(): Promise<void> {
  if (fs.existsSync(TEMPLATE)) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createBaselineApp } = require('../examples/baseline/app') as typeof import('../examples/baseline/app');
  createBaselineApp(CDK_OUT).synth();
}

function line(name: string, r: PhaseResult, bare?: PhaseResult): string {
  const rate = (ms: number) => Math.round(r.records / (ms / 1000)).toLocaleString('en-US').padStart(9);
  const ratio = (a: number, b: number) => (bare ? (a / b).toFixed(2) : '-').padStart(5);
  return `${name.padEnd(15)}`
    + ` wall ${(r.ms / 1000).toFixed(1).padStart(5)} s ${rate(r.ms)}/s ratio ${ratio(r.ms, bare?.ms ?? 1)}`
    + ` | cpu ${(r.cpuMs / 1000).toFixed(1).padStart(5)} s ${rate(r.cpuMs)}/s ratio ${ratio(r.cpuMs, bare?.cpuMs ?? 1)}`
    + ` | peak RSS ${r.peakRssMb.toFixed(0).padStart(4)} MB`;
}

async function run(): Promise<void> {
  fs.mkdirSync(DATA, { recursive: true });
  const generated = await generateCorpus(LOGS, RECORDS, path.join(ROOT, 'test', 'fixtures', 'cloudtrail'));
  process.stdout.write(`${generated.records.toLocaleString('en-US')} records in ${generated.files} files `
    + `(${(generated.bytes / 1024 / 1024).toFixed(0)} MB gzipped)`
    + (generated.seconds !== undefined ? `, generated in ${generated.seconds.toFixed(1)} s\n` : ', cached\n'));
  await synthesizeTemplate();
  process.stdout.write(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs\n`);

  const bare = await runPhase('bare');
  process.stdout.write(`${line('bare pass', bare)}\n`);
  const table = await runPhase('replay');
  process.stdout.write(`${line('replay (table)', table, bare)}\n`);
  const json = await runPhase('replay-json');
  process.stdout.write(`${line('replay --json', json, bare)}\n`);
  for (const [name, r] of [['replay (table)', table], ['replay --json', json]] as const) {
    if (r.exitCode !== 0 || r.records !== bare.records) {
      process.stdout.write(`${name}: exit code ${r.exitCode}, ${r.records} records, `
        + `${r.stderrLines} stderr lines: not a clean run\n`);
      process.exitCode = 1;
    }
  }
}

async function phase(name: string): Promise<void> {
  const result = name === 'bare' ? await barePass()
    : await replayPass(name === 'replay-json' ? ['--json'] : []);
  process.send!(result);
}

const phaseIndex = process.argv.indexOf('--phase');
void (phaseIndex >= 0 ? phase(process.argv[phaseIndex + 1]) : run()).catch((error) => {
  process.stderr.write(`replay-bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
