import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForSample } from './helpers';

const DIR = join(import.meta.dirname, '../../shared/corpus/models/mnist-torch27-external-data');
const model = {
  name: 'mnist.onnx',
  mimeType: 'application/octet-stream',
  buffer: readFileSync(join(DIR, 'mnist.onnx')),
};
const data = {
  name: 'mnist.onnx.data',
  mimeType: 'application/octet-stream',
  buffer: readFileSync(join(DIR, 'mnist.onnx.data')),
};

test('a model opened with its external data file splits and runs', async ({ page }) => {
  await waitForSample(page);
  await page.getByTestId('file-input').setInputFiles([model, data]);
  await expect(page.getByTestId('model-summary')).toContainText('mnist.onnx', { timeout: 60_000 });
  await page.getByTestId('cut-input').fill('relu_1');
  await page.getByTestId('cut-input-add').click();
  await page.getByTestId('run-button').click();
  const rows = page.getByTestId('run-results').getByTestId('run-output');
  await expect(rows).toHaveCount(1, { timeout: 60_000 });
  expect(await rows.first().getAttribute('data-verdict')).toBe('identical');
});

test('a model opened without its external data says which file it needs', async ({ page }) => {
  await waitForSample(page);
  await page.getByTestId('file-input').setInputFiles([model]);
  await expect(page.getByTestId('model-summary')).toContainText('mnist.onnx', { timeout: 60_000 });
  await page.getByTestId('cut-input').fill('relu_1');
  await page.getByTestId('cut-input-add').click();
  // Writing parts only refers to the data file, so downloads are offered; running needs it.
  await expect(page.getByTestId('download-zip')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('run-button').click();
  await expect(page.getByText('keeps its weights in "mnist.onnx.data"')).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByTestId('model-summary')).toContainText('mnist.onnx');
});
