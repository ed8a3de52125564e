import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';

export const SAMPLE_NAME = 'ultraface-rfb-320.onnx';

/** Waits until the sample model is drawn. */
export async function waitForSample(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('model-summary')).toContainText(SAMPLE_NAME, { timeout: 60_000 });
  await expect(page.getByTestId('op-node').first()).toBeVisible();
}

/** Opens one of the bundled samples from the Samples menu and waits until it is drawn. */
export async function openSample(page: Page, file: string, nodes?: number): Promise<void> {
  await page.getByTestId('samples').selectOption(file);
  await expect(page.getByTestId('model-summary')).toContainText(file, { timeout: 60_000 });
  if (nodes != null)
    await expect(page.getByTestId('model-summary')).toContainText(`${nodes} nodes`);
  await expect(page.getByTestId('op-node').first()).toBeVisible();
}

/** Shows the per-file download buttons (folded under "File by file"). */
export async function showFiles(page: Page): Promise<void> {
  await expect(page.getByTestId('download-zip')).toBeVisible({ timeout: 60_000 });
  const details = page.locator('.downloads details');
  if ((await details.getAttribute('open')) == null) await details.locator('summary').click();
}

/** Fits the whole graph into view (only visible elements are rendered). */
export async function fitView(page: Page): Promise<void> {
  await page.locator('.react-flow__controls-fitview').click();
  await page.waitForTimeout(300);
}

export interface EdgeProbe {
  value: string;
  /** Screen point in the middle of the edge and the local direction of the edge there. */
  x: number;
  y: number;
  dx: number;
  dy: number;
}

/** Screen positions of every rendered edge's midpoint, read from the drawn SVG paths. */
export function probeEdges(page: Page): Promise<EdgeProbe[]> {
  return page.$$eval('path[data-cut-edge]', (paths) =>
    paths.map((el) => {
      const path = el as SVGPathElement;
      const len = path.getTotalLength();
      const m = path.getScreenCTM()!;
      const toScreen = (p: DOMPoint) => ({
        x: p.x * m.a + p.y * m.c + m.e,
        y: p.x * m.b + p.y * m.d + m.f,
      });
      const mid = toScreen(path.getPointAtLength(len / 2));
      const before = toScreen(path.getPointAtLength(Math.max(0, len / 2 - 2)));
      const after = toScreen(path.getPointAtLength(Math.min(len, len / 2 + 2)));
      const n = Math.hypot(after.x - before.x, after.y - before.y) || 1;
      return {
        value: el.getAttribute('data-cut-edge') ?? '',
        x: mid.x,
        y: mid.y,
        dx: (after.x - before.x) / n,
        dy: (after.y - before.y) / n,
      };
    }),
  );
}

/** Turns the cut tool on and drags a short line across the edge, perpendicular to it. */
export async function cutAcross(page: Page, edge: EdgeProbe, halfLength = 8): Promise<void> {
  const tool = page.getByTestId('cut-tool');
  if ((await tool.getAttribute('aria-pressed')) !== 'true') await page.keyboard.press('c');
  await expect(page.getByTestId('cut-overlay')).toBeVisible();
  const px = -edge.dy * halfLength;
  const py = edge.dx * halfLength;
  await page.mouse.move(edge.x - px, edge.y - py);
  await page.mouse.down();
  await page.mouse.move(edge.x + px, edge.y + py, { steps: 6 });
  await page.mouse.up();
}

/** The rendered edge nearest the centre of the canvas, avoiding the graph's first and last edges. */
export async function centralEdge(page: Page): Promise<EdgeProbe> {
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const edges = (await probeEdges(page)).filter((e) => Math.abs(e.dy) > 0.5);
  edges.sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy));
  expect(edges.length).toBeGreaterThan(0);
  return edges[0]!;
}

/** A file of the shared corpus (`../shared/corpus` beside the project, as in CI). */
export function corpusFile(path: string): string {
  return join(import.meta.dirname, '../../shared/corpus', path);
}

export interface UploadFile {
  name: string;
  buffer: Buffer | Uint8Array;
}

/** Opens files with the Open button's input and waits until `expectName` is the open model. */
export async function openFiles(
  page: Page,
  files: UploadFile[],
  expectName: string,
): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(
    files.map((f) => ({
      name: f.name,
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(f.buffer),
    })),
  );
  await expect(page.getByTestId('model-summary')).toContainText(expectName, { timeout: 60_000 });
}

/** Types value names into the active cut. */
export async function typeCut(page: Page, names: string): Promise<void> {
  await page.getByTestId('cut-input').fill(names);
  await page.getByTestId('cut-input-add').click();
}

/** Presses Run and returns each output's verdict once the results are shown. */
export async function runVerdicts(page: Page, outputs: number): Promise<(string | null)[]> {
  await page.getByTestId('run-button').click();
  const rows = page.getByTestId('run-results').getByTestId('run-output');
  await expect(rows).toHaveCount(outputs, { timeout: 60_000 });
  return rows.evaluateAll((all) => all.map((r) => r.getAttribute('data-verdict')));
}
