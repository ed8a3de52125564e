/**
 * Typed request/response clients for the two workers. Cancel terminates the worker and starts a
 * fresh one; the model client then reopens the last model that opened successfully, so the user
 * keeps what they had.
 */
import type {
  DataFile,
  ModelRequest,
  ModelResponse,
  ModelResult,
  ModelStage,
} from './modelProtocol.ts';
import type { LayoutRequest, LayoutResponse, LayoutResult } from './layoutProtocol.ts';
import { logger } from '../lib/log.ts';

const log = logger('workers');

/** Error with a stable code and a user-facing sentence, as the core's CutlineError. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

type Pending<R> = {
  resolve: (r: R) => void;
  reject: (e: Error) => void;
  onProgress?: (p: string) => void;
};
type DistributiveOmit<T, K extends keyof any> = T extends unknown ? Omit<T, K> : never;

/** Progress callback: the stage (model worker only) and a short sentence. */
export type ProgressFn = (message: string, stage?: ModelStage) => void;

class RpcWorker<Req extends { id: number }, Res extends { id: number; kind: string }> {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending<Res> & { progress?: ProgressFn }>();

  constructor(private readonly create: () => Worker) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const w = this.create();
    w.onmessage = (ev: MessageEvent<Res>) => this.receive(ev.data);
    w.onerror = (ev) => {
      log.error('worker error', ev.message);
      this.rejectAll(
        new AppError(
          'worker-crashed',
          `A background worker stopped: ${ev.message || 'unknown error'}.`,
        ),
      );
    };
    return w;
  }

  private receive(msg: Res): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.kind === 'progress') {
      const m = msg as unknown as { message: string; stage?: ModelStage };
      p.progress?.(m.message, m.stage);
      return;
    }
    this.pending.delete(msg.id);
    if (msg.kind === 'error') {
      const e = msg as unknown as { code: string; message: string };
      p.reject(new AppError(e.code, e.message));
    } else {
      p.resolve(msg);
    }
  }

  private rejectAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  send(
    req: DistributiveOmit<Req, 'id'>,
    progress?: ProgressFn,
    transfer: Transferable[] = [],
  ): Promise<Res> {
    const id = this.nextId++;
    return new Promise<Res>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress });
      this.worker.postMessage({ ...req, id }, transfer);
    });
  }

  /** Stops whatever is running; every pending request rejects with code `cancelled`. */
  restart(): void {
    this.worker.terminate();
    this.rejectAll(new AppError('cancelled', 'Cancelled.'));
    this.worker = this.spawn();
  }
}

/**
 * The model worker. Keeps the last successfully opened file and the bodies opened inside it, so
 * cancel can restore both in a fresh worker.
 */
export class ModelClient {
  private rpc = new RpcWorker<ModelRequest, ModelResponse>(
    () =>
      new Worker(new URL('./model.worker.ts', import.meta.url), {
        type: 'module',
        name: 'cutline-model',
      }),
  );
  private lastGood: { file: Blob; fileName: string; dataFiles?: DataFile[] } | null = null;
  private bodies: { nodeId: number; attribute: string; index: number }[] = [];

  async request<K extends ModelRequest['kind']>(
    req: DistributiveOmit<Extract<ModelRequest, { kind: K }>, 'id'>,
    progress?: ProgressFn,
  ): Promise<ModelResult> {
    const res = (await this.rpc.send(
      req as DistributiveOmit<ModelRequest, 'id'>,
      progress,
    )) as ModelResult;
    if (res.kind === 'opened' && req.kind === 'open') {
      const r = req as unknown as { file: Blob; fileName: string; dataFiles?: DataFile[] };
      this.lastGood = {
        file: r.file,
        fileName: r.fileName,
        ...(r.dataFiles ? { dataFiles: r.dataFiles } : {}),
      };
      this.bodies = [];
    } else if (res.kind === 'opened' && req.kind === 'openBody') {
      const r = req as unknown as { nodeId: number; attribute: string; index: number };
      this.bodies.push({ nodeId: r.nodeId, attribute: r.attribute, index: r.index });
    } else if (res.kind === 'closed') {
      this.bodies = this.bodies.slice(0, res.depth - 1);
    }
    return res;
  }

  /** Cancels the running request and reopens the last good model (and its bodies) in a fresh worker. */
  async cancel(): Promise<void> {
    this.rpc.restart();
    if (!this.lastGood) return;
    await this.rpc.send({ kind: 'open', ...this.lastGood });
    for (const b of this.bodies) await this.rpc.send({ kind: 'openBody', ...b });
  }
}

/** The layout worker. */
export class LayoutClient {
  private rpc = new RpcWorker<LayoutRequest, LayoutResponse>(
    () =>
      new Worker(new URL('./layout.worker.ts', import.meta.url), {
        type: 'module',
        name: 'cutline-layout',
      }),
  );

  async layout(
    req: Omit<LayoutRequest, 'id' | 'kind'>,
    progress?: ProgressFn,
  ): Promise<LayoutResult> {
    const res = await this.rpc.send({ kind: 'layout', ...req }, progress);
    if (res.kind !== 'laidOut') throw new AppError('layout-failed', 'Layout returned no result.');
    return res.result;
  }

  cancel(): void {
    this.rpc.restart();
  }
}
