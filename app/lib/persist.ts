/**
 * Keeps the user's work across reloads: the open model's bytes in IndexedDB (too big for
 * localStorage), the plan and the settings in localStorage. Every function swallows storage
 * failures (private mode, quota) after logging them: losing persistence must never break the app.
 */
import type { PlanDoc } from '../plan/changes.ts';
import type { Provider } from '../workers/modelProtocol.ts';
import type { Theme } from '../store/settings.ts';
import type { WeightSharing } from '../../src/types.ts';
import { logger } from './log.ts';

const log = logger('persist');
const DB = 'cutline';
const STORE = 'files';
const MODEL_KEY = 'model';
const PLAN_KEY = 'cutline.plan';
const SETTINGS_KEY = 'cutline.settings';

export interface SavedModel {
  fileName: string;
  blob: Blob;
}

export interface SavedPlan {
  /** The model the plan belongs to, so a plan is never applied to another file. */
  fileName: string;
  byteLength: number;
  doc: PlanDoc;
}

export interface SavedSettings {
  theme?: Theme;
  providers?: Provider[];
  sharing?: WeightSharing;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Stores the model that just opened successfully (only then, so a failed load keeps the old one). */
export async function saveModel(m: SavedModel): Promise<void> {
  try {
    await withStore('readwrite', (s) => s.put(m, MODEL_KEY));
  } catch (err) {
    log.warn('could not keep the model for the next visit', err);
  }
}

export async function loadModel(): Promise<SavedModel | null> {
  try {
    const m = await withStore<SavedModel | undefined>('readonly', (s) => s.get(MODEL_KEY));
    return m && m.blob instanceof Blob ? m : null;
  } catch (err) {
    log.warn('could not read the kept model', err);
    return null;
  }
}

function readJson<T>(key: string): T | null {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch (err) {
    log.warn(`could not read ${key}`, err);
    return null;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch (err) {
    log.warn(`could not save ${key}`, err);
  }
}

export const savePlan = (p: SavedPlan) => writeJson(PLAN_KEY, p);
export const loadPlan = () => readJson<SavedPlan>(PLAN_KEY);
export const saveSettings = (s: SavedSettings) => writeJson(SETTINGS_KEY, s);
export const loadSettings = () => readJson<SavedSettings>(SETTINGS_KEY);
