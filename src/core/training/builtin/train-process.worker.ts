// The builtin trainer's own process, started detached by the builtin runner (builtin-runner.ts)
// so a run survives the window that started it, as process runs do. Built like the worker
// entries (dist/workers/train-process.worker.js) and run with the editor's own Node
// (process.execPath, ELECTRON_RUN_AS_NODE=1). Argument: the run's train-job.json.
//
// The trainer itself runs in a worker thread of this process (train.worker.ts): its loop never
// yields, so this thread stays free to turn SIGTERM and a stop-request file into the shared stop
// flag, which the trainer checks after each batch — a cooperative stop, status "stopped".
import { existsSync, readFileSync, renameSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TrainProcessJob, TrainProcessOutcome, TrainWorkerData, TrainWorkerMessage } from '../../../protocol/train-worker-protocol';
import { stopRequested } from '../stop-request';

const jobFile = process.argv[2];
if (!jobFile) {
  process.stderr.write('usage: train-process.worker.js <train-job.json>\n');
  process.exit(2);
}
const spec = JSON.parse(readFileSync(jobFile, 'utf8')) as TrainProcessJob;
const stopFlag = new SharedArrayBuffer(4);
const askStop = () => Atomics.store(new Int32Array(stopFlag), 0, 1);
let stopAsked = false;

/** Writes the outcome atomically, then ends the process (once). */
let ended = false;
function end(outcome: TrainProcessOutcome): void {
  if (ended) return;
  ended = true;
  const tmp = `${spec.outcomeFile}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(outcome)}\n`);
  renameSync(tmp, spec.outcomeFile);
  process.exit(outcome.status === 'failed' ? 1 : 0);
}

/** The worker script: the bundled one next to this file, or (from sources) the .ts through tsx's require hook. */
function trainWorker(): { script: string; eval: boolean } {
  const bundled = join(__dirname, 'train.worker.js');
  if (existsSync(bundled)) return { script: bundled, eval: false };
  const source = join(__dirname, 'train.worker.ts');
  const hook = ['tsx', 'cjs'].join('/'); // computed: bundles never take this path and must not resolve it
  return { script: `require(${JSON.stringify(require.resolve(hook))}); require(${JSON.stringify(source)});`, eval: true };
}

process.on('SIGTERM', () => {
  stopAsked = true;
  askStop();
});
// SIGINT and SIGHUP reach a detached process only when sent on purpose: treat them as a stop too.
process.on('SIGINT', () => {
  stopAsked = true;
  askStop();
});
process.on('SIGHUP', () => undefined);

const data: TrainWorkerData = { job: spec.job, metricsFile: spec.metricsFile, logFile: spec.logFile, stopFlag };
const { script, eval: isEval } = trainWorker();
const worker = new Worker(script, { workerData: data, eval: isEval });
worker.on('message', (m: TrainWorkerMessage) => {
  if (m.type === 'done') end({ status: m.outcome.status, ...(m.outcome.detail ? { detail: m.outcome.detail } : {}) });
  else if (m.type === 'failed') end({ status: 'failed', detail: m.message });
});
worker.on('error', (err) => {
  appendFileSync(spec.logFile, `error: the trainer crashed: ${err.stack ?? err.message}\n`);
  end(stopAsked ? { status: 'stopped', detail: 'stopped by the user' } : { status: 'failed', detail: `the trainer crashed: ${err.message}` });
});
worker.on('exit', (code) => {
  end(stopAsked ? { status: 'stopped', detail: 'stopped by the user' } : { status: 'failed', detail: `the trainer thread exited unexpectedly (code ${code})` });
});
// A stop asked for by a file (rml runs stop, another window) when no signal came.
setInterval(() => {
  void stopRequested(spec.runDir).then((asked) => {
    if (asked && !stopAsked) {
      stopAsked = true;
      askStop();
    }
  });
}, spec.pollMs ?? 500).unref();
