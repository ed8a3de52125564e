import { expect, test } from '@playwright/test';
import {
  SAMPLE_NAME,
  centralEdge,
  corpusFile,
  cutAcross,
  fitView,
  waitForSample,
} from './helpers.ts';

test('cancelling a run keeps the model open and a later run still works', async ({ page }) => {
  await waitForSample(page);
  await fitView(page);
  await cutAcross(page, await centralEdge(page));
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('download-zip')).toBeVisible({ timeout: 60_000 });

  await page.getByTestId('run-button').click();
  await page.getByTestId('cancel-button').click();
  await expect(page.getByTestId('cancel-button')).toHaveCount(0);
  await expect(page.getByTestId('run-results')).toHaveCount(0);
  await expect(page.getByTestId('model-summary')).toContainText(SAMPLE_NAME);

  // The worker was replaced and the model reopened in it: running again succeeds.
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-results')).toBeVisible({ timeout: 90_000 });
});

test('a 1,700-node model opens, stays responsive, and cuts', async ({ page }) => {
  await waitForSample(page);
  const started = Date.now();
  await page
    .getByTestId('file-input')
    .setInputFiles(corpusFile('models/light-densenet121/model.onnx'));
  await expect(page.getByTestId('model-summary')).toContainText('1746 nodes', { timeout: 60_000 });
  expect(Date.now() - started).toBeLessThan(30_000);

  // Frame gaps while zooming out and panning: the main thread must not stall.
  await page.evaluate(() => {
    const w = window as unknown as { gaps: number[] };
    w.gaps = [];
    let last = performance.now();
    const tick = (t: number) => {
      w.gaps.push(t - last);
      last = t;
      if (w.gaps.length < 600) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 200);
  await page.mouse.down();
  for (let i = 0; i < 20; i++)
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - i * 20);
  await page.mouse.up();
  const worst = await page.evaluate(() =>
    Math.max(...(window as unknown as { gaps: number[] }).gaps),
  );
  expect(worst).toBeLessThan(1000);

  await cutAcross(page, await centralEdge(page));
  await expect(page.getByTestId('part-2')).toBeVisible();
  await expect(page.getByTestId('boundary-value').first()).toBeVisible();
});
