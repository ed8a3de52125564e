#!/usr/bin/env node
// Runs every suite (type check, vitest unit and corpus tests, Playwright e2e in Chromium) and
// ends with one line of totals across them: "N passed, M failed[, K skipped]".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('artifacts', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

function run(label, cmd, args, env = {}) {
  process.stdout.write(`\n=== ${label}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) exitCode = 1;
  return r.status;
}

// 1. Types: a failure counts as one failed check.
const tsc = run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
if (tsc === 0) totals.passed += 1;
else totals.failed += 1;

// 2. Unit, corpus and CLI tests.
const vitestJson = 'artifacts/vitest.json';
rmSync(vitestJson, { force: true });
const vitestStatus = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += v.numPendingTests + v.numTodoTests;
  // A test file that fails to load reports no test at all: count it as one failure.
  const broken = (v.testResults ?? []).filter(
    (f) => f.status === 'failed' && (f.assertionResults ?? []).every((a) => a.status !== 'failed'),
  ).length;
  totals.failed += broken;
  if (vitestStatus !== 0 && v.numFailedTests === 0 && broken === 0) totals.failed += 1;
} else if (vitestStatus !== 0) totals.failed += 1;

// 3. End-to-end in Chromium.
const pwJson = 'artifacts/playwright.json';
rmSync(pwJson, { force: true });
const pwStatus = run('playwright', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_FILE: pwJson });
if (existsSync(pwJson)) {
  const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
  if (pwStatus !== 0 && !s.unexpected) totals.failed += 1;
} else if (pwStatus !== 0) totals.failed += 1;

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
process.exit(exitCode);
