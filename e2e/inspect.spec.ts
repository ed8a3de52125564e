import { expect, test } from '@playwright/test';
import { fitView, openSample, waitForSample } from './helpers.ts';

test('a clicked node shows its attributes, inputs and outputs', async ({ page }) => {
  await waitForSample(page);
  await page.locator('[data-testid="op-node"]', { hasText: 'Conv' }).first().click();
  const inspector = page.getByTestId('node-inspector');
  await expect(inspector).toBeVisible();
  await expect(page.getByTestId('inspect-title')).toContainText('Conv');
  await expect(
    inspector.locator('[data-testid="attribute"][data-name="kernel_shape"]'),
  ).toContainText('3');
  await expect(inspector.locator('[data-testid="attribute"][data-name="strides"]')).toBeVisible();
  // Inputs include the weight with its dtype and shape.
  await expect(inspector.getByTestId('node-input').nth(1)).toContainText(/float32 \[\d+×\d+×3×3\]/);
  await expect(inspector.getByTestId('node-output').first()).toContainText('float32');
  await page.screenshot({ path: 'artifacts/inspect-node.png' });
});

test('search finds a value by name and centres the view on it', async ({ page }) => {
  await waitForSample(page);
  const target = 'boxes';
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.type(target);
  await expect(page.getByTestId('search-result').first()).toContainText(target);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('value-inspector')).toBeVisible();
  await expect(page.getByTestId('inspect-title')).toHaveText(target);
  await expect(page.getByTestId('value-inspector')).toContainText('float32 [1×4420×4]');
  await expect(page.getByTestId('value-bytes')).toContainText('69.1 KB');
  // The value's edge is drawn inside the canvas after the jump (the graph's far end).
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  await expect
    .poll(
      async () => {
        const r = await page.locator(`path[data-cut-edge="${target}"]`).first().boundingBox();
        return (
          !!r && r.y + r.height / 2 > box.y && r.y < box.y + box.height && r.x < box.x + box.width
        );
      },
      { timeout: 5_000 },
    )
    .toBe(true);
  await page.screenshot({ path: 'artifacts/search-value.png' });
});

test('an If body opens in a nested view and the breadcrumb leads back', async ({ page }) => {
  await waitForSample(page);
  await openSample(page, 'if-subgraph-opset17.onnx', 5);
  await fitView(page);
  await page.locator('[data-testid="op-node"]', { hasText: /^If/ }).first().click();
  const inspector = page.getByTestId('node-inspector');
  await expect(
    inspector.locator('[data-testid="attribute"][data-name="then_branch"]'),
  ).toContainText('graph');
  await inspector.locator('[data-testid="open-body"][data-attribute="then_branch"]').click();
  await expect(page.getByTestId('model-summary')).toContainText('then_branch');
  await expect(page.getByTestId('crumb-0')).toHaveText('if-subgraph-opset17.onnx');
  await expect(page.getByTestId('op-node').first()).toBeVisible();
  // Captured outer values arrive as typed inputs of the body.
  await expect(page.getByTestId('model-input').first()).toBeVisible();
  await page.screenshot({ path: 'artifacts/if-body.png' });
  await page.getByTestId('crumb-0').click();
  await expect(page.getByTestId('model-summary')).toContainText(
    'if-subgraph-opset17.onnx · 5 nodes',
  );
  await expect(page.getByTestId('breadcrumb').getByRole('button')).toHaveCount(0);
});

test('help opens on ?, the theme toggles, and the layout fits 1280×720', async ({ page }) => {
  await waitForSample(page);
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  await expect(page.getByTestId('help-overlay')).toContainText('Ctrl + Z');
  await page.screenshot({ path: 'artifacts/help.png' });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toHaveCount(0);
  await page.getByTestId('theme-toggle').click(); // system → light
  await page.getByTestId('theme-toggle').click(); // light → dark
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth,
  );
  expect(overflow).toBe(false);
  await page.screenshot({ path: 'artifacts/dark.png' });
});
