// Lints off the extension host's main thread: open documents (incrementally) and files on disk.
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { LintWorkerRequest, LintWorkerResponse, WorkerLintOptions } from '../../../protocol/lint-worker-protocol';
import { lintFile } from '../lint-file';
import type { LintOptions } from '../lint-options';
import { DocumentLintSession, suppressionCheck } from '../lint-session';
import { capFindings } from '../cap-findings';
import { runDatasetChecks } from '../dataset-checks';

const port = parentPort!;
const sessions = new Map<string, DocumentLintSession>();
const running = new Map<number, AbortController>();

function send(message: LintWorkerResponse): void {
  port.postMessage(message);
}

function toOptions(o: WorkerLintOptions): LintOptions {
  const { baseline, ...rest } = o;
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
    const r = await lintFile(path, format, opts, undefined, {
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
        const session = new DocumentLintSession(msg.format, toOptions(msg.options));
        session.reset(msg.text);
        sessions.set(msg.uri, session);
        reply(msg.uri, msg.version, session, started);
        break;
      }
      case 'edit': {
        const session = sessions.get(msg.uri);
        if (!session) return;
        session.edit(msg.edits, msg.text);
        reply(msg.uri, msg.version, session, started);
        break;
      }
      case 'close':
        sessions.delete(msg.uri);
        break;
      case 'lintFile':
        void lintFromDisk(msg.id, msg.path, msg.format, msg.options);
        break;
      case 'cancel':
        running.get(msg.id)?.abort();
        break;
      case 'datasetChecks':
        void datasetChecks(msg);
        break;
    }
  } catch (err) {
    send({ type: 'error', ...('uri' in msg ? { uri: msg.uri } : {}), message: (err as Error).message });
  }
});
