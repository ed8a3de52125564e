import { expect, test } from '@playwright/test';
import { SAMPLE_NAME, waitForSample } from './helpers.ts';

test('a text file opened with the Open button shows its error and the sample stays', async ({ page }) => {
  await waitForSample(page);
  await page.getByTestId('file-input').setInputFiles({
    name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('These are not the weights you are looking for.\n'),
  });
  const banner = page.getByTestId('error-banner');
  await expect(banner).toBeVisible();
  await expect(banner).not.toBeEmpty();
  await expect(page.getByTestId('model-summary')).toContainText(SAMPLE_NAME);
  await expect(page.getByTestId('op-node').first()).toBeVisible();
  await page.screenshot({ path: 'artifacts/bad-text-file.png' });
});

test('a truncated model dropped on the window shows its error and the sample stays', async ({ page }) => {
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
