// Lints off the extension host's main thread: open documents (incrementally) and files on disk.
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { LintWorkerRequest, LintWorkerResponse, WorkerLintOptions } from '../../../protocol/lint-worker-protocol';
import { lintFile } from '../lint-file';
import type { LintOptions } from '../lint-options';
import { DocumentLintSession, suppressionCheck } from '../lint-session';
import { capFindings } from '../cap-findings';
import { runDatasetChecks } from '../dataset-checks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { NerLintOptions } from '../../../protocol/lint-worker-protocol';
import { InferenceEngine } from '../../inference/inference-engine';
import { hostFriendlyThreads } from '../../inference/cpu-threads';
import { createNerRecognizer } from '../../inference/ner-recognizer';
import type { ModelRecognizer } from '../pii/model-recognizer';
import type { PiiMatch } from '../pii/recognizer';
import { createDefaultRegistry } from '../pii/registry';
import { modelFindingsForText } from '../model-pass';
import { applyRuleSeverities } from '../rule-severity';
import { sortFindings } from '../pii-linter';

const port = parentPort!;
const sessions = new Map<string, DocumentLintSession>();
const running = new Map<number, AbortController>();

// The NER model lives in this worker for linting (one copy for every document and scan here);
// "Run Model" commands use the inference worker. See docs/architecture.md.
let nerEngine: InferenceEngine | undefined;
let nerEngineKey = '';
const nerOptions = new Map<string, NerLintOptions>();
/** Model matches by value, shared by every open document: an edit re-runs only changed values. */
const nerCache = new Map<string, PiiMatch[]>();
/** The version of each document whose model pass should run (newer edits supersede older ones). */
const nerWanted = new Map<string, number>();
/** Documents larger than this get the model pass from workspace scans and the CLI only. */
const NER_DOCUMENT_LIMIT = 5 * 1024 * 1024;
/** Work that may be inside the model: shutdown waits for it. */
const inFlight = new Set<Promise<unknown>>();

function tracked<T>(p: Promise<T>): Promise<T> {
  inFlight.add(p);
  void p.finally(() => inFlight.delete(p)).catch(() => undefined);
  return p;
}

function nerRecognizer(o: NerLintOptions | undefined): ModelRecognizer | undefined {
  if (!o) return undefined;
  const key = `${o.device}|${o.gpuRoot ?? ''}`;
  if (!nerEngine || key !== nerEngineKey) {
    // A replaced engine is not disposed here (it may be running); its idle timer releases it.
    // This worker runs beside the extension host: the model leaves the host a core.
    nerEngine = new InferenceEngine({ device: o.device, ...(o.gpuRoot ? { gpuRoot: o.gpuRoot } : {}), idleMs: 10 * 60_000, threads: hostFriendlyThreads(), onMessage: (message) => send({ type: 'modelStatus', message }) });
    nerEngineKey = key;
  }
  return createNerRecognizer(nerEngine, o.model, o.batchSize);
}

/** After the pattern findings were sent, the model's findings follow in a second result for the same version. */
async function modelPass(uri: string, version: number, session: DocumentLintSession, options: LintOptions, ner: NerLintOptions): Promise<void> {
  nerWanted.set(uri, version);
  await new Promise((r) => setTimeout(r, 150)); // typing: wait for the next edit before running the model
  if (nerWanted.get(uri) !== version || sessions.get(uri) !== session) return;
  const text = session.currentText;
  if (text.length > NER_DOCUMENT_LIMIT) return;
  const started = performance.now();
  try {
    const recognizer = nerRecognizer(ner)!;
    const modelFindings = await modelFindingsForText(text, session.format, options, [recognizer], nerCache);
    await nextTurn();
    if (nerWanted.get(uri) !== version || sessions.get(uri) !== session) return;
    const r = session.result();
    const extra = applyRuleSeverities(modelFindings, options.ruleSeverity);
    const all = sortFindings([...r.findings, ...extra]);
    const { kept } = capFindings(all, options.maxProblems);
    send({ type: 'documentResult', uri, version, findings: kept, total: r.total + extra.length, records: r.records, ms: performance.now() - started, models: true });
    send({ type: 'modelStatus', ...(nerEngine?.device ? { device: nerEngine.device } : {}) });
  } catch (err) {
    send({ type: 'error', uri, message: `NER model: ${(err as Error).message}` });
  }
}

function send(message: LintWorkerResponse): void {
  port.postMessage(message);
}

function toOptions(o: WorkerLintOptions): LintOptions {
  const { baseline, ner: _ner, ...rest } = o;
  const isSuppressed = suppressionCheck(baseline);
  return isSuppressed ? { ...rest, isSuppressed } : rest;
}

function reply(uri: string, version: number, session: DocumentLintSession, started: number): void {
  const r = session.result();
  send({ type: 'documentResult', uri, version, ...r, ms: performance.now() - started });
}

async function lintFromDisk(id: number, path: string, format: Parameters<typeof lintFile>[1], options: WorkerLintOptions): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const opts = toOptions(options);
    const ner = nerRecognizer(options.ner);
    const registry = ner ? createDefaultRegistry({ phoneRegions: opts.phoneRegions, modelRecognizers: [ner] }) : undefined;
    const r = await lintFile(path, format, opts, registry, {
      signal: controller.signal,
      onProgress: (bytesRead, totalBytes) => send({ type: 'fileProgress', id, bytesRead, totalBytes }),
    });
    const { kept } = capFindings(r.findings, opts.maxProblems);
    send({ type: 'fileResult', id, findings: kept, total: r.total, records: r.records });
  } catch (err) {
    send({ type: 'error', id, message: controller.signal.aborted ? 'cancelled' : (err as Error).message });
  } finally {
    running.delete(id);
  }
}

async function datasetChecks(msg: Extract<LintWorkerRequest, { type: 'datasetChecks' }>): Promise<void> {
  const controller = new AbortController();
  running.set(msg.id, controller);
  try {
    const findings = await runDatasetChecks({
      file: msg.file,
      spec: msg.spec,
      configDir: msg.configDir,
      ...(msg.bootstrap ? { bootstrap: msg.bootstrap } : {}),
      ...(msg.rules ? { rules: msg.rules } : {}),
      signal: controller.signal,
    });
    send({ type: 'datasetChecksResult', id: msg.id, findings });
  } catch (err) {
    send({ type: 'error', id: msg.id, message: controller.signal.aborted ? 'cancelled' : (err as Error).message });
  } finally {
    running.delete(msg.id);
  }
}

port.on('message', (msg: LintWorkerRequest) => {
  const started = performance.now();
  try {
    switch (msg.type) {
      case 'open': {
        const options = toOptions(msg.options);
        const session = new DocumentLintSession(msg.format, options);
        session.reset(msg.text);
        sessions.set(msg.uri, session);
        if (msg.options.ner) nerOptions.set(msg.uri, msg.options.ner);
        else nerOptions.delete(msg.uri);
        reply(msg.uri, msg.version, session, started);
        if (msg.options.ner) void tracked(modelPass(msg.uri, msg.version, session, options, msg.options.ner));
        break;
      }
      case 'edit': {
        const session = sessions.get(msg.uri);
        if (!session) return;
        session.edit(msg.edits, msg.text);
        reply(msg.uri, msg.version, session, started);
        const ner = nerOptions.get(msg.uri);
        if (ner) void tracked(modelPass(msg.uri, msg.version, session, session.options, ner));
        break;
      }
      case 'close':
        sessions.delete(msg.uri);
        nerOptions.delete(msg.uri);
        nerWanted.delete(msg.uri);
        break;
      case 'lintFile':
        void tracked(lintFromDisk(msg.id, msg.path, msg.format, msg.options));
        break;
      case 'cancel':
        running.get(msg.id)?.abort();
        break;
      case 'shutdown':
        for (const c of running.values()) c.abort();
        nerWanted.clear();
        void Promise.allSettled([...inFlight])
          .then(() => nerEngine?.dispose())
          .finally(() => send({ type: 'shutdownDone' }));
        break;
      case 'datasetChecks':
        void datasetChecks(msg);
        break;
    }
  } catch (err) {
    send({ type: 'error', ...('uri' in msg ? { uri: msg.uri } : {}), message: (err as Error).message });
  }
});
