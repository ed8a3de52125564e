/** Initializers whose bytes live in external data files. */
import type { OnnxModel } from './model.js';

/** The distinct `location` paths the model's initializers name, in first-use order. */
export function externalLocations(model: OnnxModel): string[] {
  const seen = new Set<string>();
  for (const t of model.graph.initializers) {
    const loc = t.external?.find((e) => e.key === 'location')?.value;
    if (loc) seen.add(loc);
  }
  return [...seen];
}
