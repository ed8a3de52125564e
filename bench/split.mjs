#!/usr/bin/env node
/**
 * bench/split — how fast and how lean `cutline split` is on a big model (issue #3).
 * A benchmark, not a test: it prints figures and PASS/MISS against targets.
 *
 *   node bench/split.mjs [--reps 5] [--blocks 1200] [--dim 256] [--peer-timeout 120]
 *                        [--no-peer-scale] [--value-info] [--keep] [--cli bin/cutline.mjs]
 *
 * --cli measures another entry point instead of bin/cutline.mjs (to A/B a patch kept outside
 * the tree); --no-peer-scale and a short --peer-timeout make a quick run (~1 minute).
 *
 * Needs Debian's /usr/bin/python3 with python3-onnx and python3-numpy, and /usr/bin/time
 * (Debian package `time`). Takes 3–4 minutes with the defaults and ~1.5 GB of temp disk.
 *
 * In one run it:
 *  1. writes a synthetic model under a temp dir (bench/split.py model): a chain of `blocks`
 *     MatMul/Add/Relu blocks on [1, dim] float32, weights as raw_data initializers. Defaults:
 *     1,200 blocks = 3,600 nodes, 1,200 × (256×256 + 256) × 4 B = 316 MB of weights. It passes
 *     onnx.checker; onnxruntime-node loads it in step 4.
 *  2. times, each as its own child process, `reps` interleaved repetitions (after one warm-up
 *     of each, not counted) of
 *       copy   node: writeFileSync(dst, readFileSync(src))   — the speed reference
 *       copyFileSync                                            — shown for information
 *       split  node bin/cutline.mjs split MODEL --cut h<blocks/2> --out DIR
 *     and the peer, onnx.utils.extract_model for part 1 (x → cut) and part 2 (cut → y) in one
 *     python3 process, once, killed after --peer-timeout seconds. Peak memory is
 *     /usr/bin/time's %M (max RSS, KB) of each child; "cpu" is its user + system seconds (median),
 *     steadier than wall time on a busy machine.
 *  3. prints the table and the targets:
 *       split speed ≥ 25 % of copy speed. Speed = model bytes / wall time, so the figure is
 *         copy median time / split median time. Both read the model once and write about as
 *         many bytes (the parts hold every node and weight once, plus small framing).
 *       split time ≤ 1/20 of extract_model's time (both parts).
 *       split peak RSS ≤ 1.5 × the model's size.
 *  4. checks the split: python3-onnx counts the nodes of the model and of both parts (and runs
 *     onnx.checker on the parts), onnxruntime-node loads the model and both parts, and the
 *     chained parts give the model's output on a random input.
 *  The temp dir is removed at the end (unless --keep).
 *
 * The peer's reachability search (onnx 1.12, Extractor._dfs_search_reachable_nodes) scans every
 * node for every value and tests list membership by message equality: cubic in the node count.
 * On the default model it does not finish in any reasonable time; --peer-timeout bounds it and
 * the ratio is then reported as a bound. Unless --no-peer-scale, the peer also runs on three
 * small chains of the same width so its growth can be fitted and extrapolated (an estimate).
 *
 * Exit code: 0 when the bench ran and the split is correct (targets may still MISS);
 * 1 when a tool is missing, a child fails, or the split is wrong.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  statfsSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PY = '/usr/bin/python3';
const TIME = '/usr/bin/time';
const HELPER = join(ROOT, 'bench', 'split.py');

const { values: opt } = parseArgs({
  options: {
    reps: { type: 'string', default: '5' },
    blocks: { type: 'string', default: '1200' },
    dim: { type: 'string', default: '256' },
    'peer-timeout': { type: 'string', default: '120' },
    'no-peer-scale': { type: 'boolean', default: false },
    'value-info': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    cli: { type: 'string', default: join(ROOT, 'bin', 'cutline.mjs') },
  },
});
const CLI = resolve(opt.cli);
const REPS = Math.max(3, Number(opt.reps));
const BLOCKS = Number(opt.blocks);
const DIM = Number(opt.dim);
const PEER_TIMEOUT = Number(opt['peer-timeout']);

function fail(message) {
  process.stderr.write(`bench/split: ${message}\n`);
  process.exit(1);
}

// ---- tools -------------------------------------------------------------------------------
if (!existsSync(TIME)) fail(`${TIME} is missing: apt-get install -y time`);
const pyCheck = spawnSync(
  PY,
  ['-c', 'import onnx, onnx.utils, numpy; print(onnx.__version__, numpy.__version__)'],
  { encoding: 'utf8' },
);
if (pyCheck.status !== 0)
  fail(
    `${PY} cannot import onnx and numpy (apt-get install -y python3-onnx python3-numpy): ${(pyCheck.stderr ?? '').trim()}`,
  );
const versions = pyCheck.stdout.trim().split(' ');
let ort;
try {
  ort = await import('onnxruntime-node');
} catch (e) {
  fail(`onnxruntime-node does not load: ${e.message}`);
}

const tmp = mkdtempSync(join(tmpdir(), 'cutline-bench-'));
const cleanup = () => {
  if (!opt.keep) rmSync(tmp, { recursive: true, force: true });
};
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

// ---- helpers -----------------------------------------------------------------------------
const fmtS = (s) => (s >= 100 ? s.toFixed(0) : s >= 10 ? s.toFixed(1) : s.toFixed(2)) + ' s';
const fmtMB = (b) => (b / 1e6).toFixed(1) + ' MB';
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const log = (line) => process.stdout.write(line + '\n');

/** Runs argv as a child under /usr/bin/time (and `timeout` when asked); wall time and peak RSS. */
function measure(argv, { timeoutS, cwd = ROOT } = {}) {
  const timeFile = join(tmp, 'time.out');
  rmSync(timeFile, { force: true });
  // SIGTERM (then KILL 5 s later): `timeout` survives it and reaps the child, so %M still
  // reports the child's peak. With -s KILL the whole group dies and %M is timeout's own.
  const cmd = timeoutS ? ['timeout', '-k', '5', String(timeoutS), ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(TIME, ['-f', '%M %U %S', '-o', timeFile, ...cmd], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const lines = existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split('\n') : [];
  const [peakKB, user, sys] = (lines.at(-1) ?? '').split(' ').map(Number);
  return {
    seconds,
    cpu: user + sys,
    peakKB: Number.isFinite(peakKB) ? peakKB : NaN,
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

function mustSucceed(what, r) {
  if (r.status !== 0)
    fail(
      `${what} failed (exit ${r.status}):\n${(r.stderr || r.stdout).trim().split('\n').slice(-8).join('\n')}`,
    );
  return r;
}

const dirBytes = (dir) => readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);

// ---- 1. the model ------------------------------------------------------------------------
const expectedBytes = BLOCKS * (DIM * DIM + DIM) * 4;
const free = statfsSync(tmp);
const need = expectedBytes * 4.5;
if (free.bavail * free.bsize < need)
  fail(`${tmp}: ${fmtMB(free.bavail * free.bsize)} free, the bench needs about ${fmtMB(need)}`);

const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
const dirty = git(['status', '--porcelain', '--', 'src', 'bin']).split('\n').filter(Boolean).length;
log(
  `bench/split  ${new Date().toISOString()}  node ${process.version}  onnx ${versions[0]}  numpy ${versions[1]}`,
);
log(
  `tree: ${git(['rev-parse', '--short', 'HEAD'])}${dirty ? ` + ${dirty} uncommitted change(s) under src/ bin/` : ''}`,
);
log(`temp: ${tmp}`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
log(`load average: ${load()} (timings are only as steady as the machine)`);

const modelPath = join(tmp, 'model.onnx');
const gen = mustSucceed(
  'building the model',
  measure([
    PY,
    HELPER,
    'model',
    modelPath,
    String(BLOCKS),
    String(DIM),
    ...(opt['value-info'] ? ['--value-info'] : []),
  ]),
);
const model = JSON.parse(gen.stdout.trim().split('\n').at(-1));
log(
  `model: ${model.nodes} nodes, ${BLOCKS} blocks of [${DIM},${DIM}] MatMul + Add + Relu, ` +
    `${fmtMB(model.weightBytes)} of weights, file ${fmtMB(model.bytes)}, ${model.valueInfo} value_info; ` +
    `built and checked in ${fmtS(gen.seconds)}`,
);
if (model.nodes < 2000 || model.bytes < 300e6)
  log(`note: smaller than the issue's model (≥ 2,000 nodes, ≥ 300 MB)`);
const CUT = model.middle;

// ---- 2. timings --------------------------------------------------------------------------
const copyDst = join(tmp, 'copy.onnx');
const splitOut = join(tmp, 'split');
const copyCmd = [
  process.execPath,
  '-e',
  'const fs = require("fs"); fs.writeFileSync(process.argv[2], fs.readFileSync(process.argv[1]))',
  modelPath,
  copyDst,
];
const copyFileCmd = [
  process.execPath,
  '-e',
  'require("fs").copyFileSync(process.argv[1], process.argv[2])',
  modelPath,
  copyDst,
];
const splitCmd = [process.execPath, CLI, 'split', modelPath, '--cut', CUT, '--out', splitOut];
const runs = { copy: [], copyFile: [], split: [] };
let splitWritten = 0;
let splitStdout = '';

log(
  `\nsplit command: node ${CLI === join(ROOT, 'bin', 'cutline.mjs') ? 'bin/cutline.mjs' : CLI} split ${modelPath} --cut ${CUT} --out ${splitOut}`,
);
log(`${REPS} repetitions after one warm-up, interleaved copy / copyFileSync / split …`);
for (let rep = 0; rep <= REPS; rep++) {
  for (const [name, cmd] of [
    ['copy', copyCmd],
    ['copyFile', copyFileCmd],
    ['split', splitCmd],
  ]) {
    rmSync(copyDst, { force: true });
    rmSync(splitOut, { recursive: true, force: true });
    const r = mustSucceed(name, measure(cmd));
    if (name === 'split') {
      splitWritten = dirBytes(splitOut);
      splitStdout = r.stdout;
    }
    if (rep > 0) runs[name].push(r);
  }
}
rmSync(copyDst, { force: true }); // the last split's parts stay for step 4

// The peer on the same model and cut, bounded.
const peerDir = join(tmp, 'peer');
rmSync(peerDir, { recursive: true, force: true });
mkdirSync(peerDir, { recursive: true });
log(
  `peer: python3 bench/split.py peer MODEL ${CUT} x y DIR (extract_model × 2), killed after ${PEER_TIMEOUT} s …`,
);
const peer = measure([PY, HELPER, 'peer', modelPath, CUT, model.input, model.output, peerDir], {
  timeoutS: PEER_TIMEOUT,
});
const peerParts = peer.stdout
  .trim()
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const peerDone = peer.status === 0 && peerParts.length === 2;
if (!peerDone && peer.status !== 124 && peer.status !== 137) {
  log(`peer failed (exit ${peer.status}): ${peer.stderr.trim().split('\n').slice(-3).join(' | ')}`);
}
rmSync(peerDir, { recursive: true, force: true });

// The peer's growth with the node count, on small chains of the same width.
const scale = [];
if (!opt['no-peer-scale']) {
  for (const blocks of [50, 100, 150]) {
    const p = join(tmp, `small${blocks}.onnx`);
    const m = JSON.parse(
      mustSucceed(
        'small model',
        measure([PY, HELPER, 'model', p, String(blocks), String(DIM)]),
      ).stdout.trim(),
    );
    const dir = join(tmp, `peer${blocks}`);
    mkdirSync(dir, { recursive: true });
    const r = measure([PY, HELPER, 'peer', p, m.middle, 'x', 'y', dir], { timeoutS: PEER_TIMEOUT });
    const parts = r.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    if (r.status === 0 && parts.length === 2)
      scale.push({
        nodes: m.nodes,
        seconds: parts[0].seconds + parts[1].seconds,
        wall: r.seconds,
        peakKB: r.peakKB,
      });
    rmSync(dir, { recursive: true, force: true });
    rmSync(p, { force: true });
  }
}

// ---- 4. correctness ----------------------------------------------------------------------
const manifest = JSON.parse(readFileSync(join(splitOut, 'manifest.json'), 'utf8'));
const partFiles = manifest.parts.map((p) => join(splitOut, p.file));
const counts = JSON.parse(
  mustSucceed(
    'python3-onnx check of the parts',
    measure([PY, HELPER, 'check', modelPath, ...partFiles]),
  ).stdout.trim(),
);
const partCounts = manifest.parts.map((p) => counts[p.file]);
const countsOk =
  partCounts.reduce((a, b) => a + b, 0) === counts.model && counts.model === model.nodes;

let runOk = false;
let runNote = '';
try {
  const original = await ort.InferenceSession.create(modelPath);
  const sessions = [];
  for (const f of partFiles) sessions.push(await ort.InferenceSession.create(f));
  const x = new Float32Array(DIM).map(() => Math.random() * 2 - 1);
  const feed = { [model.input]: new ort.Tensor('float32', x, [1, DIM]) };
  const want = (await original.run(feed))[model.output].data;
  let values = { ...feed };
  for (const s of sessions) {
    const out = await s.run(Object.fromEntries(s.inputNames.map((n) => [n, values[n]])));
    values = { ...values, ...out };
  }
  const got = values[model.output].data;
  let maxAbs = 0;
  for (let i = 0; i < want.length; i++) maxAbs = Math.max(maxAbs, Math.abs(want[i] - got[i]));
  runOk = maxAbs === 0;
  runNote = `max abs diff ${maxAbs} over ${want.length} values`;
  await original.release();
  for (const s of sessions) await s.release();
} catch (e) {
  runNote = `onnxruntime-node: ${e.message}`;
}

// ---- 3. report ---------------------------------------------------------------------------
const stats = (rs) => {
  const t = rs.map((r) => r.seconds);
  const m = rs.map((r) => r.peakKB);
  return {
    med: median(t),
    min: Math.min(...t),
    max: Math.max(...t),
    cpu: median(rs.map((r) => r.cpu)),
    peakKB: Math.max(...m),
  };
};
const S = { copy: stats(runs.copy), copyFile: stats(runs.copyFile), split: stats(runs.split) };
const row = (label, s, written) =>
  `${label.padEnd(32)} ${fmtS(s.med).padStart(8)} ${fmtS(s.min).padStart(8)} ${fmtS(s.max).padStart(8)} ${fmtS(s.cpu).padStart(8)}` +
  `   ${String(s.peakKB).padStart(9)} KB ${((s.peakKB * 1024) / model.bytes).toFixed(2).padStart(6)}×` +
  `   ${written === undefined ? '' : fmtMB(written)}`;

log(
  `\n${'child process'.padEnd(32)} ${'median'.padStart(8)} ${'min'.padStart(8)} ${'max'.padStart(8)} ${'cpu'.padStart(8)}   ${'peak RSS'.padStart(12)} ${'÷model'.padStart(7)}   written`,
);
log(row('copy (read + write, reference)', S.copy, model.bytes));
log(row('copyFileSync (information)', S.copyFile, model.bytes));
log(row('cutline split', S.split, splitWritten));
const peerSeconds = peerDone ? peerParts[0].seconds + peerParts[1].seconds : null;
if (peerDone) {
  log(
    `${'extract_model part 1 + part 2'.padEnd(32)} ${fmtS(peer.seconds).padStart(8)} ${fmtS(peer.cpu).padStart(8)}  (one run: part 1 ${fmtS(peerParts[0].seconds)}, part 2 ${fmtS(peerParts[1].seconds)})` +
      `   ${String(peer.peakKB).padStart(9)} KB ${((peer.peakKB * 1024) / model.bytes).toFixed(2).padStart(6)}×`,
  );
} else {
  const doneParts = peerParts.map((p) => `part ${p.part} took ${fmtS(p.seconds)}`).join(', ');
  log(
    `${'extract_model part 1 + part 2'.padEnd(32)} > ${fmtS(PEER_TIMEOUT)}: killed unfinished${doneParts ? ` (${doneParts})` : ' in part 1'}; ` +
      `peak RSS by then ${peer.peakKB} KB (${((peer.peakKB * 1024) / model.bytes).toFixed(2)}×)`,
  );
}
if (scale.length >= 2) {
  log(`\nextract_model (part 1 + part 2, in-process seconds) on smaller chains of the same width:`);
  for (const s of scale)
    log(`  ${String(s.nodes).padStart(5)} nodes  ${fmtS(s.seconds).padStart(8)}`);
  // Least squares on log t = log c + k log n.
  const xs = scale.map((s) => Math.log(s.nodes));
  const ys = scale.map((s) => Math.log(s.seconds));
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  const k =
    xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) /
    xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  const est = Math.exp(my + k * (Math.log(model.nodes) - mx));
  log(
    `  grows as nodes^${k.toFixed(2)}; extrapolated to ${model.nodes} nodes: ~${fmtS(est)} (~${(est / 3600).toFixed(1)} h) — an estimate, not a measurement`,
  );
}

const speedPct = (S.copy.med / S.split.med) * 100;
const memRatio = (S.split.peakKB * 1024) / model.bytes;
const mark = (ok) => (ok ? 'PASS' : 'MISS');
log(`\nload average now: ${load()}`);
log(`\ntargets`);
log(
  `  split speed vs copy: ${speedPct.toFixed(0)} % (copy median ${fmtS(S.copy.med)} / split median ${fmtS(S.split.med)}; target ≥ 25 %)  ${mark(speedPct >= 25)}` +
    `   [by CPU time: ${((S.copy.cpu / S.split.cpu) * 100).toFixed(0)} %]`,
);
if (peerDone) {
  const r = S.split.med / peerSeconds;
  log(
    `  split / extract_model time: 1/${(1 / r).toFixed(0)} (${fmtS(S.split.med)} / ${fmtS(peerSeconds)}; target ≤ 1/20)  ${mark(r <= 1 / 20)}`,
  );
} else {
  const bound = S.split.med / PEER_TIMEOUT;
  log(
    `  split / extract_model time: < 1/${(1 / bound).toFixed(0)} (${fmtS(S.split.med)} / more than ${fmtS(PEER_TIMEOUT)}; target ≤ 1/20)  ` +
      (bound <= 1 / 20
        ? 'PASS (bound: the peer did not finish)'
        : 'UNDECIDED (raise --peer-timeout)'),
  );
}
log(
  `  split peak memory: ${memRatio.toFixed(2)} × model (${S.split.peakKB} KB, worst of ${REPS}; target ≤ 1.5)  ${mark(memRatio <= 1.5)}`,
);

log(`\ncorrectness`);
log(
  `  nodes: model ${counts.model}, parts ${partCounts.join(' + ')} = ${partCounts.reduce((a, b) => a + b, 0)}  ${countsOk ? 'ok' : 'WRONG'} (python3-onnx; onnx.checker accepts the parts)`,
);
log(
  `  onnxruntime-node: model and ${partFiles.length} parts load; chained parts vs model: ${runNote}  ${runOk ? 'ok' : 'WRONG'}`,
);
log(`  cutline said: ${splitStdout.trim().split('\n').join(' | ')}`);
process.exitCode = countsOk && runOk ? 0 : 1;
