#!/usr/bin/env node
// The seeded convergence fuzz (tests/fuzz/): `npm run fuzz -- --runs N --seed S`.
//
// Runs seeds S, S+1, … S+N-1 of tests/fuzz/harness.ts through vitest's 'fuzz' project, split over
// the machine's cores (at most 2 by default, --jobs to change), and ends with exactly one line:
//
//   fuzz: N runs, D divergent, U duplicated, L lost
//
// The exit code is non-zero when D + U + L > 0, or when an operation failed or a shard crashed
// (said above that line). A failing seed is printed with the command that replays it; add
// --trace to a one-seed run to see every operation, --report FILE to keep every finding as JSON.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function parse(argv) {
  const options = { runs: 1000, seed: 1, jobs: Math.min(2, availableParallelism()), trace: false, report: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.split('=', 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || !/^\d+$/.test(v)) usage(`${name} needs a whole number`);
      return Number(v);
    };
    if (name === '--runs') options.runs = value();
    else if (name === '--seed') options.seed = value();
    else if (name === '--jobs') options.jobs = Math.max(1, value());
    else if (name === '--trace') options.trace = true;
    else if (name === '--report') options.report = inline ?? argv[++i] ?? usage('--report needs a file name');
    else usage(`unknown argument ${arg}`);
  }
  if (options.runs < 1) usage('--runs must be at least 1');
  return options;
}

function usage(problem) {
  console.error(`${problem}\nusage: npm run fuzz -- [--runs N] [--seed S] [--jobs J] [--trace] [--report FILE]`);
  process.exit(2);
}

const options = parse(process.argv.slice(2));
const jobs = Math.min(options.jobs, options.runs);
const dir = mkdtempSync(join(tmpdir(), 'tavola-fuzz-'));
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');

/** One vitest process for seeds [seed, seed + runs). */
function shard(index, seed, runs) {
  const report = join(dir, `shard-${index}.json`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vitest, 'run', '--project', 'fuzz', '--reporter=default'], {
      cwd: root,
      env: {
        ...process.env,
        FUZZ_RUNS: String(runs),
        FUZZ_SEED: String(seed),
        FUZZ_REPORT: report,
        FUZZ_TRACE: options.trace ? '1' : '',
        // Quiet: the report says what failed; vitest's own output is shown when a shard crashes.
        FORCE_COLOR: process.env.FORCE_COLOR ?? '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (jobs === 1) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      if (jobs === 1) process.stderr.write(chunk);
    });
    child.on('close', (code) => {
      let result = null;
      try {
        result = JSON.parse(readFileSync(report, 'utf8'));
      } catch {
        // No report: the shard did not get to the end.
      }
      resolve({ index, seed, runs, code, output, result });
    });
  });
}

const started = Date.now();
const shards = [];
const base = Math.floor(options.runs / jobs);
let next = options.seed;
for (let i = 0; i < jobs; i++) {
  const runs = base + (i < options.runs % jobs ? 1 : 0);
  shards.push(shard(i, next, runs));
  next += runs;
}
const done = await Promise.all(shards);
rmSync(dir, { recursive: true, force: true });

const total = { runs: 0, divergent: 0, duplicated: 0, lost: 0, errors: 0, ops: {} };
const failures = [];
let crashed = false;
for (const s of done) {
  if (!s.result) {
    crashed = true;
    if (jobs > 1) process.stdout.write(s.output);
    console.log(`fuzz shard ${s.index} (seeds ${s.seed}–${s.seed + s.runs - 1}) stopped without a report (exit code ${s.code})`);
    total.runs += s.runs;
    continue;
  }
  total.runs += s.result.runs;
  for (const key of ['divergent', 'duplicated', 'lost', 'errors']) total[key] += s.result[key];
  for (const [name, n] of Object.entries(s.result.ops)) total.ops[name] = (total.ops[name] ?? 0) + n;
  failures.push(...s.result.failures);
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log('');
console.log(`operations, over all runs (${seconds} s, ${jobs} job${jobs > 1 ? 's' : ''}):`);
const names = Object.keys(total.ops).sort();
for (const name of names) console.log(`  ${String(total.ops[name]).padStart(8)}  ${name}`);
if (options.trace && options.runs === 1 && failures.length === 0 && jobs === 1) console.log('(seed passed; its trace is above)');
failures.sort((a, b) => a.seed - b.seed);
if (options.report) writeFileSync(options.report, JSON.stringify({ ...total, failures }, null, 1));
for (const failure of failures.slice(0, 30)) {
  console.log('');
  console.log(failure.text);
}
if (failures.length > 30) console.log(`\n… ${failures.length - 30} more failing seeds`);
if (total.errors > 0) console.log(`\n${total.errors} run(s) had an operation fail (see "error:" above)`);
console.log(`fuzz: ${total.runs} runs, ${total.divergent} divergent, ${total.duplicated} duplicated, ${total.lost} lost`);
process.exitCode = total.divergent + total.duplicated + total.lost + total.errors > 0 || crashed ? 1 : 0;
