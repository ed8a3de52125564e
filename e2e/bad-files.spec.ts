import { expect, test } from '@playwright/test';
import { SAMPLE_NAME, waitForSample } from './helpers.ts';

test('a text file opened with the Open button shows its error and the sample stays', async ({
  page,
}) => {
  await waitForSample(page);
  await page.getByTestId('file-input').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('These are not the weights you are looking for.\n'),
  });
  const banner = page.getByTestId('error-banner');
  await expect(banner).toBeVisible();
  await expect(banner).not.toBeEmpty();
  await expect(page.getByTestId('model-summary')).toContainText(SAMPLE_NAME);
  await expect(page.getByTestId('op-node').first()).toBeVisible();
  await page.screenshot({ path: 'artifacts/bad-text-file.png' });
});

test('a truncated model dropped on the window shows its error and the sample stays', async ({
  page,
}) => {
  await waitForSample(page);
  const dataTransfer = await page.evaluateHandle(async (url) => {
    const full = await (await fetch(url)).arrayBuffer();
    const dt = new DataTransfer();
    dt.items.add(new File([full.slice(0, Math.floor(full.byteLength / 2))], 'truncated.onnx'));
    return dt;
  }, `/samples/${SAMPLE_NAME}`);
  await page.dispatchEvent('[data-testid="graph-canvas"]', 'drop', { dataTransfer });
  const banner = page.getByTestId('error-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/truncat|ends|incomplete|corrupt/i);
  await expect(page.getByTestId('model-summary')).toContainText(SAMPLE_NAME);
  await expect(page.getByTestId('op-node').first()).toBeVisible();

  // The sample is still usable: the cut tool toggles on and off.
  await page.keyboard.press('c');
  await expect(page.getByTestId('cut-overlay')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cut-overlay')).toHaveCount(0);
});

test('a failed load keeps the plan, also across a reload', async ({ page }) => {
  await waitForSample(page);
  await page.getByTestId('tab-plan').click();
  await page.getByTestId('cut-input').fill('246');
  await page.getByTestId('cut-input-add').click();
  await expect(page.getByTestId('part-2')).toBeVisible();
  await page.getByTestId('file-input').setInputFiles({
    name: 'broken.onnx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from([0x08, 0x07, 0x12, 0xff, 0xff]),
  });
  await expect(page.getByTestId('error-banner')).toBeVisible();
  await expect(page.getByTestId('cut-1').getByTestId('cut-value')).toHaveAttribute(
    'data-value',
    '246',
  );
  await page.reload();
  await expect(page.getByTestId('model-summary')).toContainText(SAMPLE_NAME, { timeout: 60_000 });
  await page.getByTestId('tab-plan').click();
  await expect(page.getByTestId('cut-1').getByTestId('cut-value')).toHaveAttribute(
    'data-value',
    '246',
  );
  await expect(page.getByTestId('part-2')).toBeVisible();
});

test('two models at once are refused with a message, and the open one stays', async ({ page }) => {
  await waitForSample(page);
  const model = { mimeType: 'application/octet-stream', buffer: Buffer.from([8, 7]) };
  await page.getByTestId('file-input').setInputFiles([
    { name: 'a.onnx', ...model },
    { name: 'b.onnx', ...model },
  ]);
  await expect(page.getByTestId('error-banner')).toContainText('Open one model at a time');
  await expect(page.getByTestId('model-summary')).toContainText(SAMPLE_NAME);
});
