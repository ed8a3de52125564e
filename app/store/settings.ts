import { create } from 'zustand';
import type { Provider } from '../workers/modelProtocol.ts';
import type { WeightSharing } from '../../src/types.ts';

export type Theme = 'system' | 'light' | 'dark';

/** Preferences that survive a reload (saved by lib/persist.ts). */
export interface SettingsState {
  theme: Theme;
  /** Execution provider per part id (index 0 = part 1); missing parts run on WASM. */
  providers: Provider[];
  /** Whether `navigator.gpu` gave an adapter; WebGPU is offered only then. */
  gpu: boolean;
  /** Weights read by several parts: copied into each, or stored once and fed as inputs. */
  sharing: WeightSharing;
  setSharing: (s: WeightSharing) => void;
  setTheme: (t: Theme) => void;
  setProvider: (part: number, p: Provider) => void;
  setGpu: (gpu: boolean) => void;
  load: (s: Partial<Pick<SettingsState, 'theme' | 'providers' | 'sharing'>>) => void;
}

export const useSettingsStore = create<SettingsState>()((set) => ({
  theme: 'system',
  providers: [],
  gpu: false,
  sharing: 'copy',
  setSharing: (sharing) => set({ sharing }),
  setTheme: (theme) => set({ theme }),
  setProvider: (part, p) =>
    set((s) => {
      const providers = [...s.providers];
      while (providers.length < part) providers.push('wasm');
      providers[part - 1] = p;
      return { providers };
    }),
  setGpu: (gpu) => set({ gpu }),
  load: (s) => set(s),
}));

/** Providers for parts 1..n, WebGPU only where an adapter exists. */
export function providersFor(n: number): Provider[] {
  const { providers, gpu } = useSettingsStore.getState();
  return Array.from({ length: n }, (_, i) =>
    gpu && providers[i] === 'webgpu' ? 'webgpu' : 'wasm',
  );
}
