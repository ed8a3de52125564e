import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForSample } from './helpers';

const MODEL = join(
  import.meta.dirname,
  '../../shared/corpus/models/pytorch-image-classifier32/model.onnx',
);

test('a boundary with unknown dimensions is declared as unknown, and the parts run', async ({
  page,
}) => {
  await waitForSample(page);
  await page
    .getByTestId('file-input')
    .setInputFiles([
      {
        name: 'classifier.onnx',
        mimeType: 'application/octet-stream',
        buffer: readFileSync(MODEL),
      },
    ]);
  await expect(page.getByTestId('model-summary')).toContainText('classifier.onnx', {
    timeout: 60_000,
  });
  await page.getByTestId('cut-input').fill('24');
  await page.getByTestId('cut-input-add').click();
  const row = page.locator('[data-testid="boundary-value"][data-value="24"]');
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('download-zip')).toBeVisible({ timeout: 60_000 });
  await expect(row).not.toContainText('4294967295');
  await page.getByTestId('run-button').click();
  const rows = page.getByTestId('run-results').getByTestId('run-output');
  await expect(rows).toHaveCount(1, { timeout: 60_000 });
  expect(await rows.first().getAttribute('data-verdict')).toBe('identical');
});
