/**
 * Metrics from a JSONL file that a training script appends to (RML_METRICS_FILE), read live.
 * A line is used once its newline is written; a torn last line (the writer crashed mid-line) is
 * ignored and reported, never fatal. Lines may also announce checkpoints and artifacts:
 * `{"type": "checkpoint", "path": "ckpt/step-100", "step": 100}`, `{"type": "artifact", "path": "model.onnx", "kind": "model"}`.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { pointsFromObject, type MetricPoint } from './metric-point';

/** A checkpoint or artifact a script announced in its metrics file. */
export interface AnnouncedFile {
  type: 'checkpoint' | 'artifact';
  path: string;
  step?: number;
  kind?: string;
}

export interface JsonlPoll {
  points: MetricPoint[];
  files: AnnouncedFile[];
  /** Lines that are not JSON objects, as `file:line: reason`. */
  problems: string[];
}

const NEWLINE = 0x0a;

/** Follows one JSONL metrics file from where the last poll stopped. */
export class JsonlMetricsTail {
  private offset = 0;
  private line = 0;
  private pending: Buffer = Buffer.alloc(0);

  constructor(readonly path: string) {}

  /** Complete lines written since the last poll; `final` also takes a last line without its newline. */
  async poll(options: { final?: boolean } = {}): Promise<JsonlPoll & { tornTail: boolean }> {
    const fresh = await this.readNewBytes();
    const data = this.pending.length > 0 ? Buffer.concat([this.pending, fresh]) : fresh;
    const result: JsonlPoll & { tornTail: boolean } = { points: [], files: [], problems: [], tornTail: false };
    // Decode every complete line at once: a newline byte never sits inside a UTF-8 sequence.
    const lastNewline = data.lastIndexOf(NEWLINE);
    if (lastNewline >= 0) {
      const lines = data.toString('utf8', 0, lastNewline).split('\n');
      const now = Date.now() / 1000;
      for (const line of lines) {
        this.line += 1;
        this.take(line, result, false, now);
      }
    }
    this.pending = Buffer.from(data.subarray(lastNewline + 1));
    if (options.final && this.pending.length > 0) {
      this.line += 1;
      result.tornTail = !this.take(this.pending.toString('utf8'), result, true, Date.now() / 1000);
      this.pending = Buffer.alloc(0);
    }
    return result;
  }

  private async readNewBytes(): Promise<Buffer> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
      throw err;
    }
    try {
      const { size } = await handle.stat();
      if (size < this.offset) {
        // Truncated and rewritten: start again from the top.
        this.offset = 0;
        this.line = 0;
        this.pending = Buffer.alloc(0);
      }
      if (size === this.offset) return Buffer.alloc(0);
      const buf = Buffer.alloc(size - this.offset);
      const { bytesRead } = await handle.read(buf, 0, buf.length, this.offset);
      this.offset += bytesRead;
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  /** Parses one line into `result`; false when it is not usable JSON (a torn tail is then reported by the caller). */
  private take(text: string, result: JsonlPoll, last: boolean, now: number): boolean {
    if (text.length === 0 || (text.charCodeAt(0) <= 0x20 && text.trim() === '')) return true;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch {
      if (!last) result.problems.push(`${basename(this.path)}:${this.line}: not a JSON line, skipped`);
      return false;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      result.problems.push(`${basename(this.path)}:${this.line}: not a JSON object, skipped`);
      return true;
    }
    const record = obj as Record<string, unknown>;
    if ((record.type === 'checkpoint' || record.type === 'artifact') && typeof record.path === 'string') {
      result.files.push({
        type: record.type,
        path: record.path,
        ...(typeof record.step === 'number' ? { step: record.step } : {}),
        ...(typeof record.kind === 'string' ? { kind: record.kind } : {}),
      });
      return true;
    }
    pointsFromObject(record, now, 'jsonl', result.points);
    return true;
  }
}

/** Reads a whole metrics file once; a torn last line is left out and flagged. */
export async function readMetricsJsonl(path: string): Promise<JsonlPoll & { tornTail: boolean }> {
  return new JsonlMetricsTail(path).poll({ final: true });
}
