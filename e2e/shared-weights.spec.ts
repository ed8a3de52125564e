import { expect, test } from '@playwright/test';
import { buildModel, FLOAT } from '../test/fixtures/builder';
import { openFiles, runVerdicts, showFiles, typeCut, waitForSample } from './helpers';

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
  await openFiles(page, [{ name: 'shared.onnx', buffer: shared }], 'shared.onnx');
  await typeCut(page, 'a');
  const box = page.getByTestId('shared-weights');
  await expect(box).toContainText('24 B copied more than once');
  await page.getByTestId('share-weights').check();
  await expect(box).toContainText('stored once, in shared.weights.onnx');
  await showFiles(page);
  await expect(page.getByText('shared.weights.onnx').first()).toBeVisible();
  expect(await runVerdicts(page, 1)).toEqual(['identical']);
});
