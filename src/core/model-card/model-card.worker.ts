// Model card work off the extension host's main thread: linting and inspecting a card as it is
// edited (parsing Markdown and YAML and validating model-index costs tens of milliseconds on a
// large card), computing form edits, generating cards and datasheets (the latter profiles the
// dataset with DuckDB, so this thread is never terminated mid-run; see profile.worker.ts).
import { parentPort } from 'node:worker_threads';
import { dirname } from 'node:path';
import type { ModelCardWorkerRequest, ModelCardWorkerResponse } from '../../protocol/model-card-protocol';
import { loadConfigFile } from '../config/load-config';
import { insertSectionsEdits, setFieldEdit } from './card-edits';
import { generateDatasheet } from './datasheet';
import { collectDatasheetInputs } from './datasheet-inputs';
import { generateCard } from './generate-card';
import { inspectCard } from './inspect-card';
import { findPlaceholders } from './lint-card';
import { loadCardInputs } from './load-card-inputs';
import { parseCard } from './parse-card';
import { renderCard } from './render-card';

const port = parentPort!;
const running = new Map<number, AbortController>();
const cancelled = new Set<number>();

function send(message: ModelCardWorkerResponse): void {
  port.postMessage(message);
}

async function handle(msg: Exclude<ModelCardWorkerRequest, { type: 'cancel' }>): Promise<ModelCardWorkerResponse> {
  switch (msg.type) {
    case 'inspect':
      return { type: 'inspected', id: msg.id, inspection: inspectCard(msg.text, { ...(msg.thresholds ? { thresholds: msg.thresholds } : {}), ...(msg.rules ? { rules: msg.rules } : {}) }) };
    case 'setField':
      return { type: 'edits', id: msg.id, edits: [setFieldEdit(parseCard(msg.text), msg.field, msg.value)] };
    case 'insertSections':
      return { type: 'edits', id: msg.id, edits: insertSectionsEdits(parseCard(msg.text), msg.sections) };
    case 'generate': {
      const config = msg.configFile ? loadConfigFile(msg.configFile) : undefined;
      const { inputs, warnings } = loadCardInputs(msg.paths, { cwd: msg.cwd, root: msg.root, outDir: msg.outDir, ...(config ? { config } : {}) });
      const text = renderCard(generateCard(inputs));
      return { type: 'text', id: msg.id, text, warnings, placeholders: findPlaceholders(parseCard(text)).length };
    }
    case 'datasheet': {
      const controller = new AbortController();
      running.set(msg.id, controller);
      try {
        const config = msg.configFile ? loadConfigFile(msg.configFile) : undefined;
        const inputs = await collectDatasheetInputs(msg.file, msg.display, { ...(config ? { config } : {}), configDir: msg.configFile ? dirname(msg.configFile) : msg.configDir, version: msg.version, signal: controller.signal });
        const text = generateDatasheet(inputs);
        return { type: 'text', id: msg.id, text, warnings: [], placeholders: findPlaceholders(parseCard(text)).length };
      } finally {
        running.delete(msg.id);
      }
    }
  }
}

port.on('message', (msg: ModelCardWorkerRequest) => {
  if (msg.type === 'cancel') {
    cancelled.add(msg.id);
    running.get(msg.id)?.abort();
    return;
  }
  handle(msg)
    .then(send, (err: Error) => send({ type: 'error', id: msg.id, message: err.message, cancelled: cancelled.has(msg.id) }))
    .finally(() => cancelled.delete(msg.id));
});
