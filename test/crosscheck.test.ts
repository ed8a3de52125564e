/**
 * Cutline's parts against onnx's own tools (issue #3): every runnable corpus case is split at a
 * middle cut and at two cuts; each part must pass `onnx.checker.check_model` when its source
 * does, and hold the same nodes as `onnx.utils.extract_model` given the part's inputs and outputs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { corpus, runnable, type CorpusCase } from './corpus.js';
import { crosscheck, type CrosscheckJob, type CrosscheckReport } from './onnx-crosscheck.js';
import { openCase, splitAtFractions } from './split-harness.js';

interface PartJob extends CrosscheckJob {
  caseId: string;
  label: string;
}

/**
 * Parts known to disagree because of a reported Cutline defect, by `<case> <cuts> part<j>` →
 * the report. A listed part that agrees fails the test, so the list shrinks as fixes land.
 */
const EXPECTED_DISAGREEMENTS: Record<string, string> = {};

const cases = corpus.cases.filter(runnable);
const jobs: PartJob[] = [];
let report: CrosscheckReport;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cutline-crosscheck-'));
  for (const [i, c] of cases.entries()) {
    const open = openCase(c);
    for (const fractions of [[0.5], [1 / 3, 2 / 3]]) {
      const { cuts, result } = await splitAtFractions(open, fractions);
      const out = join(dir, `${i}-${fractions.length}`);
      mkdirSync(out);
      const files = new Map(result.files.map((f) => [f.name, f.bytes]));
      for (const part of result.manifest.parts) {
        const path = join(out, part.file);
        writeFileSync(path, files.get(part.file)!);
        jobs.push({
          caseId: c.id,
          label: `${JSON.stringify(cuts)} part${part.id}`,
          source: open.path,
          part: path,
          inputs: part.inputs.map((v) => v.name),
          outputs: part.outputs.map((v) => v.name),
          extracted: join(out, `extract.part${part.id}.onnx`),
        });
      }
    }
  }
  report = crosscheck(jobs.map(({ source, part, inputs, outputs, extracted }) => ({ source, part, inputs, outputs, extracted })));
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (!report) return;
  const sources = Object.values(report.sources);
  const byCase = (pred: (j: number) => boolean) => jobs.filter((_, j) => pred(j)).length;
  const src = (j: number) => report.sources[jobs[j]!.source]!;
  const res = (j: number) => report.results[j]!;
  const extractErrors = new Map<string, number>();
  for (const r of report.results) {
    if (r.extractError) extractErrors.set(r.extractError.slice(0, 140), (extractErrors.get(r.extractError.slice(0, 140)) ?? 0) + 1);
  }
  const lines = [
    `\nonnx ${report.onnxVersion} cross-check: ${cases.length} cases, ${sources.length} source models, ${jobs.length} parts`,
    `  sources passing the checker: ${sources.filter((s) => !s.error).length}; ` +
      `not applicable, newer IR/opset than this checker: ${sources.filter((s) => s.error && s.newer).length}; ` +
      `rejected for other reasons: ${sources.filter((s) => s.error && !s.newer).length}`,
    `  parts checked: ${byCase((j) => res(j).check !== undefined)}, passed: ${byCase((j) => res(j).check === null)}; ` +
      `not applicable (newer IR/opset): ${byCase((j) => !!src(j).error && src(j).newer)}; ` +
      `source rejected for other reasons: ${byCase((j) => !!src(j).error && !src(j).newer)}`,
    `  extract_model ran: ${byCase((j) => !res(j).extractError)}, same nodes: ` +
      `${byCase((j) => !res(j).extractError && res(j).onlyCutline!.length === 0 && res(j).onlyExtract!.length === 0)}, ` +
      `different nodes: ${byCase((j) => !res(j).extractError && (res(j).onlyCutline!.length > 0 || res(j).onlyExtract!.length > 0))}, ` +
      `failed: ${byCase((j) => !!res(j).extractError)}`,
    ...Object.entries(report.sources)
      .filter(([, s]) => s.error && !s.newer)
      .map(([p, s]) => `  source rejected (not newer): ${p.replace(/.*corpus\//, '')}: ${s.error}`),
    ...[...extractErrors].map(([e, n]) => `  extract_model failed ×${n}: ${e}`),
  ].filter((l) => l !== '');
  process.stdout.write(lines.join('\n') + '\n');
});

describe('onnx checker and extract_model agree with each part', () => {
  test.each(cases.map((c) => [c.id, c] as [string, CorpusCase]))('%s', (id) => {
    const problems: string[] = [];
    const stillListed = new Set(Object.keys(EXPECTED_DISAGREEMENTS).filter((k) => k.startsWith(`${id} `)));
    jobs.forEach((job, j) => {
      if (job.caseId !== id) return;
      const r = report.results[j]!;
      const found: string[] = [];
      if (r.check) found.push(`checker: ${r.check}`);
      if (!r.extractError && (r.onlyCutline!.length > 0 || r.onlyExtract!.length > 0)) {
        found.push(`nodes only in Cutline's part: [${r.onlyCutline}]; only in extract_model's: [${r.onlyExtract}]`);
      }
      const key = `${id} ${job.label}`;
      if (found.length === 0) return;
      if (EXPECTED_DISAGREEMENTS[key]) stillListed.delete(key);
      else problems.push(`${job.label}: ${found.join('; ')}`);
    });
    expect(problems, `${id}`).toEqual([]);
    expect([...stillListed], `${id}: listed but agrees now; remove from EXPECTED_DISAGREEMENTS`).toEqual([]);
  });
});
