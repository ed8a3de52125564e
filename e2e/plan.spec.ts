import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import * as ort from 'onnxruntime-node';
import { centralEdge, fitView, openSample, waitForSample } from './helpers.ts';

const MNIST = 'public/samples/mnist-8.onnx';

async function saveDownload(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
}

async function typeCut(page: Page, name: string) {
  await page.getByTestId('cut-input').fill(name);
  await page.getByTestId('cut-input-add').click();
}

const cutValues = (page: Page, cut: number) =>
  page
    .getByTestId(`cut-${cut}`)
    .getByTestId('cut-value')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));

test('clicking edges toggles them in the cut, and undo/redo walk the changes', async ({ page }) => {
  await waitForSample(page);
  await fitView(page);
  const edge = await centralEdge(page);
  await page.keyboard.press('c');
  await page.mouse.click(edge.x, edge.y);
  await expect(page.getByTestId('cut-1').getByTestId('cut-value')).toHaveAttribute(
    'data-value',
    edge.value,
  );
  await expect(page.getByTestId('part-2')).toBeVisible();
  await expect(page.locator('[data-testid="op-node"][data-part="2"]').first()).toBeVisible();
  await page.screenshot({ path: 'artifacts/click-toggle.png' });

  // Clicking the same edge again takes it out; with nothing left, the cut goes.
  await page.mouse.click(edge.x, edge.y);
  await expect(page.getByTestId('cut-1')).toHaveCount(0);
  await expect(page.getByTestId('part-2')).toHaveCount(0);

  // Alt+click does the same from the pan tool.
  await page.keyboard.press('Escape');
  await page.keyboard.down('Alt');
  await page.mouse.click(edge.x, edge.y);
  await page.keyboard.up('Alt');
  await expect(page.getByTestId('cut-1').getByTestId('cut-value')).toHaveAttribute(
    'data-value',
    edge.value,
  );

  // Undo: back to no cut, then back to one cut, then two undos; redo replays.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('cut-1')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('cut-1')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('cut-1')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('cut-1').getByTestId('cut-value')).toHaveAttribute(
    'data-value',
    edge.value,
  );
  await expect(page.getByTestId('redo')).toBeDisabled();
});

test('a 3-way cut on MNIST: reorder, spec replayed by the CLI, zip, WASM + WebGPU run, reload', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await waitForSample(page);
  await openSample(page, 'mnist-8.onnx', 12);
  await page.getByTestId('tab-plan').click();
  await typeCut(page, 'Pooling160_Output_0');
  await page.getByTestId('new-cut').click();
  await typeCut(page, 'Pooling66_Output_0');
  // In this order the second cut ends an empty part (all it needs is already in part 1)…
  await expect(page.getByTestId('cut-2')).toContainText('its part was empty');
  await expect(page.getByTestId('part-3')).toHaveCount(0);
  // …so moving it up gives three parts in graph order.
  await page.getByTestId('move-up-2').click();
  await expect.poll(() => cutValues(page, 1)).toEqual(['Pooling66_Output_0']);
  await page.keyboard.press('Control+z');
  await expect.poll(() => cutValues(page, 1)).toEqual(['Pooling160_Output_0']);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => cutValues(page, 1)).toEqual(['Pooling66_Output_0']);
  await expect(page.getByTestId('part-3')).toBeVisible();
  await expect(page.getByTestId('cut-1')).toContainText('ends part 1');
  await expect(page.getByTestId('cut-2')).toContainText('ends part 2');

  // The spec, replayed by the CLI, gives the same parts, byte for byte, as the app's zip.
  const spec = await saveDownload(page, 'save-spec');
  expect(spec.name).toBe('mnist-8.spec.json');
  expect(JSON.parse(spec.bytes.toString('utf8')).cuts).toEqual([
    ['Pooling66_Output_0'],
    ['Pooling160_Output_0'],
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'cutline-e2e-'));
  writeFileSync(join(dir, 'spec.json'), spec.bytes);
  execFileSync('node', [
    'bin/cutline.mjs',
    'split',
    MNIST,
    '--spec',
    join(dir, 'spec.json'),
    '--out',
    join(dir, 'cli'),
  ]);

  await expect(page.getByTestId('download-zip')).toBeVisible({ timeout: 60_000 });
  const zip = await saveDownload(page, 'download-zip');
  expect(zip.name).toBe('mnist-8.parts.zip');
  const files = unzipSync(new Uint8Array(zip.bytes));
  const names = Object.keys(files).sort();
  expect(names).toEqual([
    'manifest.json',
    'mnist-8.part1.onnx',
    'mnist-8.part2.onnx',
    'mnist-8.part3.onnx',
    'mnist-8.spec.json',
  ]);
  const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8'));
  expect(manifest.parts).toHaveLength(3);
  expect(JSON.parse(Buffer.from(files['mnist-8.spec.json']!).toString('utf8')).format).toBe(
    'cutline-spec',
  );
  for (const name of names.filter((n) => n.endsWith('.onnx'))) {
    const session = await ort.InferenceSession.create(files[name]!);
    expect(session.inputNames.length).toBeGreaterThan(0);
    await session.release();
    expect(Buffer.compare(Buffer.from(files[name]!), readFileSync(join(dir, 'cli', name)))).toBe(0);
  }
  expect(readdirSync(join(dir, 'cli')).filter((n) => n.endsWith('.onnx'))).toHaveLength(3);

  // Part 1 on WASM, part 2 on WebGPU (a software adapter here), part 3 on WASM.
  await page.getByTestId('provider-2').selectOption('webgpu');
  await page.getByTestId('run-button').click();
  const results = page.getByTestId('run-results');
  await expect(results).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('part-ms-1')).toContainText('wasm');
  await expect(page.getByTestId('part-ms-2')).toContainText('webgpu');
  const verdicts = await results
    .getByTestId('run-output')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-verdict')));
  expect(verdicts).toHaveLength(1);
  for (const v of verdicts) expect(['identical', 'close']).toContain(v);
  await results.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'artifacts/mnist-3way-webgpu.png' });
  await page.screenshot({ path: 'docs/screenshot.png' });

  // Reload: model, plan and placement come back.
  await page.reload();
  await expect(page.getByTestId('model-summary')).toContainText('mnist-8.onnx', {
    timeout: 60_000,
  });
  await page.getByTestId('tab-plan').click();
  await expect.poll(() => cutValues(page, 1)).toEqual(['Pooling66_Output_0']);
  await expect.poll(() => cutValues(page, 2)).toEqual(['Pooling160_Output_0']);
  await expect(page.getByTestId('part-3')).toBeVisible();
  await expect(page.getByTestId('provider-2')).toHaveValue('webgpu');
});

test('a loaded spec replaces the plan, and box-selected nodes can be assigned to a part', async ({
  page,
}) => {
  await waitForSample(page);
  await openSample(page, 'mnist-8.onnx', 12);
  await fitView(page);
  await page.getByTestId('tab-plan').click();
  const spec = {
    format: 'cutline-spec',
    version: 1,
    source: { file: 'mnist-8.onnx', sha256: '' },
    cuts: [['ReLU32_Output_0']],
  };
  await page.getByTestId('spec-input').setInputFiles({
    name: 'mnist.spec.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(spec)),
  });
  await expect.poll(() => cutValues(page, 1)).toEqual(['ReLU32_Output_0']);
  await expect(page.getByTestId('part-2')).toBeVisible();

  // Box-select the bottom of the graph and move it to part 3.
  await page.keyboard.press('s');
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  const mm = await page.locator('[data-testid="op-node"]', { hasText: 'MatMul' }).boundingBox();
  await page.mouse.move(box.x + 8, mm!.y - 6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 230, box.y + box.height - 70, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId('assign-box')).toBeVisible();
  await page.getByTestId('assign-part').fill('3');
  await page.getByTestId('assign-button').click();
  await expect(page.getByTestId('part-3')).toBeVisible();
  await expect(
    page.locator('[data-testid="op-node"][data-part="3"]', { hasText: 'MatMul' }),
  ).toBeVisible();
  await page.screenshot({ path: 'artifacts/assign.png' });
  // Putting the first Conv after MatMul's part would send data backwards: refused, plan kept.
  await page.getByTestId('graph-canvas').click({ position: { x: 5, y: 5 } });
  const conv = (await page
    .locator('[data-testid="op-node"]', { hasText: 'Convolution28' })
    .boundingBox())!;
  await page.mouse.move(conv.x - 6, conv.y - 6);
  await page.mouse.down();
  await page.mouse.move(conv.x + conv.width + 6, conv.y + conv.height + 6, { steps: 5 });
  await page.mouse.up();
  await page.getByTestId('assign-part').fill('4');
  await page.getByTestId('assign-button').click();
  await expect(page.getByTestId('error-banner')).toContainText(/would flow backwards, from part 4/);
  await expect(page.getByTestId('part-4')).toHaveCount(0);
  await expect(
    page.locator('[data-testid="op-node"][data-part="3"]', { hasText: 'MatMul' }),
  ).toBeVisible();
  // Undo returns to the loaded cut plan.
  await page.getByTestId('undo').click();
  await expect.poll(() => cutValues(page, 1)).toEqual(['ReLU32_Output_0']);
  await expect(page.getByTestId('part-3')).toHaveCount(0);
});
