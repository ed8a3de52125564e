/** Whether this browser hands out a WebGPU adapter (software ones count: correctness, not speed). */
import { logger } from './log.ts';

const log = logger('gpu');

interface GpuLike {
  requestAdapter: () => Promise<unknown>;
}

export async function detectGpu(): Promise<boolean> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) != null;
  } catch (err) {
    log.info('no WebGPU adapter', err);
    return false;
  }
}
