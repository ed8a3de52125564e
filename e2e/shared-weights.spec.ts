import { expect, test } from '@playwright/test';
import { buildModel, FLOAT } from '../test/fixtures/builder';
import { showFiles, waitForSample } from './helpers';

/** One weight read on both sides of the cut at `a`. */
const shared = buildModel({
  inputs: [{ name: 'x', elemType: FLOAT, shape: [2, 3] }],
  outputs: [{ name: 'y', elemType: FLOAT, shape: [2, 3] }],
  initializers: [{ name: 'w', dataType: FLOAT, dims: [2, 3], floats: [1, 2, 3, 4, 5, 6] }],
  nodes: [
    { op: 'Mul', inputs: ['x', 'w'], outputs: ['a'] },
    { op: 'Relu', inputs: ['a'], outputs: ['b'] },
    { op: 'Add', inputs: ['b', 'w'], outputs: ['y'] },
  ],
});

test('weights read by two parts are reported, and can be stored once and still run', async ({
  page,
}) => {
  await waitForSample(page);
  await page
    .getByTestId('file-input')
    .setInputFiles([
      { name: 'shared.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(shared) },
    ]);
  await expect(page.getByTestId('model-summary')).toContainText('shared.onnx', { timeout: 60_000 });
  await page.getByTestId('cut-input').fill('a');
  await page.getByTestId('cut-input-add').click();
  const box = page.getByTestId('shared-weights');
  await expect(box).toContainText('24 B copied more than once');
  await page.getByTestId('share-weights').check();
  await expect(box).toContainText('stored once, in shared.weights.onnx');
  await showFiles(page);
  await expect(page.getByText('shared.weights.onnx').first()).toBeVisible();
  await page.getByTestId('run-button').click();
  const rows = page.getByTestId('run-results').getByTestId('run-output');
  await expect(rows).toHaveCount(1, { timeout: 60_000 });
  expect(await rows.first().getAttribute('data-verdict')).toBe('identical');
});
