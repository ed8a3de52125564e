import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { corpusFile, openFiles, runVerdicts, typeCut, waitForSample } from './helpers';

const dir = 'models/mnist-torch27-external-data';
const model = { name: 'mnist.onnx', buffer: readFileSync(corpusFile(`${dir}/mnist.onnx`)) };
const data = {
  name: 'mnist.onnx.data',
  buffer: readFileSync(corpusFile(`${dir}/mnist.onnx.data`)),
};

test('a model opened with its external data file splits and runs', async ({ page }) => {
  await waitForSample(page);
  await openFiles(page, [model, data], 'mnist.onnx');
  await typeCut(page, 'relu_1');
  expect(await runVerdicts(page, 1)).toEqual(['identical']);
});

test('a model opened without its external data says which file it needs', async ({ page }) => {
  await waitForSample(page);
  await openFiles(page, [model], 'mnist.onnx');
  await typeCut(page, 'relu_1');
  // Writing parts only refers to the data file, so downloads are offered; running needs it.
  await expect(page.getByTestId('download-zip')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('run-button').click();
  await expect(page.getByText('keeps its weights in "mnist.onnx.data"')).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByTestId('model-summary')).toContainText('mnist.onnx');
});
