// The builtin trainer's worker thread, inside the trainer process (train-process.worker.ts): trains
// off that process's main thread, which stays free for signals, appends to the run's metrics.jsonl
// and output.log (which the runner follows), and reports how training ended.
import { appendFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { TrainWorkerData, TrainWorkerMessage } from '../../../protocol/train-worker-protocol';
import { trainEncoderHead } from './train-encoder-head';
import { trainFastText } from './train-fasttext';

const data = workerData as TrainWorkerData;
const stop = new Int32Array(data.stopFlag);
const post = (m: TrainWorkerMessage) => parentPort!.postMessage(m);

const train = data.job.model.model === 'encoder-head' ? trainEncoderHead : trainFastText;
train(data.job, {
  log(line) {
    appendFileSync(data.logFile, `${line}\n`);
    post({ type: 'log', line });
  },
  metrics(points) {
    appendFileSync(data.metricsFile, points.map((p) => JSON.stringify(p)).join('\n') + '\n');
    post({ type: 'metrics', points });
  },
  artifact(path, kind) {
    appendFileSync(data.metricsFile, `${JSON.stringify({ type: 'artifact', path, kind })}\n`);
    post({ type: 'artifact', path, kind });
  },
  shouldStop: () => Atomics.load(stop, 0) === 1,
}).then(
  (outcome) => post({ type: 'done', outcome }),
  (err: unknown) => {
    const message = (err as Error)?.message ?? String(err);
    appendFileSync(data.logFile, `error: ${message}\n`);
    post({ type: 'failed', message });
  },
);
