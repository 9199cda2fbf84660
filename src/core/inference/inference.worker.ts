// Runs models off the extension host's main thread. ONNX Runtime's work is native and
// synchronous: here it blocks only this thread. Cancellation is cooperative (between batches),
// because terminating a worker while a session runs or loads aborts the whole process.
import { parentPort } from 'node:worker_threads';
import type { InferenceWorkerRequest, InferenceWorkerResponse } from '../../protocol/inference-worker-protocol';
import { InferenceEngine } from './inference-engine';
import { InferenceCancelled } from './inference-types';
import { predictDataset } from './predict-dataset';

const port = parentPort!;
let engine = new InferenceEngine({ onMessage: (message) => send({ type: 'message', message }) });
const running = new Map<number, { controller: AbortController; done: Promise<unknown> }>();

function send(message: InferenceWorkerResponse): void {
  port.postMessage(message);
}

function track(id: number, work: (signal: AbortSignal) => Promise<void>): void {
  const controller = new AbortController();
  const done = work(controller.signal)
    .catch((err: Error) => {
      const cancelled = err instanceof InferenceCancelled || controller.signal.aborted;
      send({ type: 'error', id, message: cancelled ? 'cancelled' : err.message, cancelled });
    })
    .finally(() => running.delete(id));
  running.set(id, { controller, done });
}

port.on('message', (msg: InferenceWorkerRequest) => {
  switch (msg.type) {
    case 'configure': {
      // Models already loaded stay until idle; new settings apply to models loaded from now on.
      const old = engine;
      engine = new InferenceEngine({ ...msg.options, onMessage: (message) => send({ type: 'message', message }) });
      void Promise.all([...running.values()].map((r) => r.done)).then(() => old.dispose());
      break;
    }
    case 'run':
      track(msg.id, async (signal) => {
        const started = Date.now();
        const results = await engine.run(msg.request, { signal, onProgress: (p) => send({ type: 'progress', id: msg.id, ...p }) });
        send({ type: 'result', id: msg.id, results, device: engine.device, ms: Date.now() - started });
      });
      break;
    case 'predictDataset':
      track(msg.id, async (signal) => {
        const summary = await predictDataset(engine, msg.spec, {
          signal,
          onRecords: (done, bytesRead, totalBytes) => send({ type: 'progress', id: msg.id, done, total: 0, bytesRead, totalBytes }),
        });
        send({ type: 'datasetResult', id: msg.id, summary, device: engine.device });
      });
      break;
    case 'cancel':
      running.get(msg.id)?.controller.abort();
      break;
    case 'status':
      send({ type: 'status', id: msg.id, loaded: engine.loaded(), device: engine.device });
      break;
    case 'shutdown':
      for (const r of running.values()) r.controller.abort();
      void Promise.all([...running.values()].map((r) => r.done))
        .then(() => engine.dispose())
        .finally(() => send({ type: 'shutdownDone' }));
      break;
  }
});
