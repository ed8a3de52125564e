import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import * as ort from 'onnxruntime-node';
import { centralEdge, cutAcross, fitView, showFiles, waitForSample } from './helpers.ts';

test('cut the sample, download working parts, and run them against the original', async ({
  page,
}) => {
  await waitForSample(page);
  await fitView(page);
  await expect(page.getByTestId('model-input')).toHaveCount(1);
  await expect(page.getByTestId('model-output')).toHaveCount(2);

  const edge = await centralEdge(page);
  await cutAcross(page, edge);

  const panel = page.getByTestId('cut-panel');
  await expect(
    panel.locator(`[data-testid="boundary-value"][data-value="${edge.value}"]`),
  ).toBeVisible();
  await expect(page.locator('[data-testid="op-node"][data-part="1"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="op-node"][data-part="2"]').first()).toBeVisible();
  await expect(panel.getByTestId('part-2')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cut-overlay')).toHaveCount(0);
  await page.screenshot({ path: 'artifacts/cut-applied.png' });

  // Every part downloads and loads in onnxruntime; the manifest names them.
  await showFiles(page);
  const manifestDl = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-manifest').click(),
  ]);
  expect(manifestDl[0].suggestedFilename()).toBe('manifest.json');
  const manifest = JSON.parse(await readFile((await manifestDl[0].path())!, 'utf8'));
  expect(manifest.format).toBe('cutline-manifest');
  expect(manifest.parts.length).toBeGreaterThanOrEqual(2);
  for (const part of manifest.parts as { id: number; file: string }[]) {
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId(`download-part-${part.id}`).click(),
    ]);
    expect(dl.suggestedFilename()).toBe(part.file);
    const bytes = await readFile((await dl.path())!);
    const session = await ort.InferenceSession.create(bytes);
    expect(session.inputNames.length).toBeGreaterThan(0);
    await session.release();
  }

  // Original vs chained parts, in the page's worker with onnxruntime-web.
  await page.getByTestId('run-button').click();
  const results = page.getByTestId('run-results');
  await expect(results).toBeVisible({ timeout: 90_000 });
  const verdicts = await results
    .getByTestId('run-output')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-verdict')));
  expect(verdicts).toHaveLength(2);
  for (const v of verdicts) expect(['identical', 'close']).toContain(v);
  await page.screenshot({ path: 'artifacts/run-results.png' });
});
