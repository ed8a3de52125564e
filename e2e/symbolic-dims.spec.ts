import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { corpusFile, openFiles, runVerdicts, typeCut, waitForSample } from './helpers';

const buffer = readFileSync(corpusFile('models/pytorch-image-classifier32/model.onnx'));

test('a boundary with unknown dimensions is declared as unknown, and the parts run', async ({
  page,
}) => {
  await waitForSample(page);
  await openFiles(page, [{ name: 'classifier.onnx', buffer }], 'classifier.onnx');
  await typeCut(page, '24');
  const row = page.locator('[data-testid="boundary-value"][data-value="24"]');
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('download-zip')).toBeVisible({ timeout: 60_000 });
  await expect(row).not.toContainText('4294967295');
  expect(await runVerdicts(page, 1)).toEqual(['identical']);
});
