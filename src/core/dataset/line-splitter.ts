/**
 * Receives one line: its characters are `text[start, end)` (line break and a CR before it
 * excluded) and `delta` turns indices in `text` into document offsets. `lineStart` is the
 * document offset where the line begins (after a BOM on line 1). `textId` is the same for all
 * lines handed out of one string, so handlers can reuse searches made in it.
 */
export type LineHandler = (
  text: string,
  start: number,
  end: number,
  delta: number,
  line: number,
  lineStart: number,
  textId: number,
) => void;

// Unique across all splitters, so a handler's reuse of searches never mixes up two texts.
let nextTextId = 0;

/**
 * Splits decoded text into lines, whether it arrives whole or in chunks cut anywhere. Lines
 * inside one chunk are handed over without copying; only a line cut by a chunk boundary is
 * joined. Line breaks are LF and CRLF; a lone CR stays part of the line.
 */
export class LineSplitter {
  private pending: string[] = [];
  private pendingStart = 0;
  private offset = 0;
  private line = 1;
  private started = false;
  private stopped = false;

  constructor(private readonly onLine: LineHandler) {}

  /** 1-based number of the line the next character belongs to. */
  get currentLine(): number {
    return this.line;
  }

  /** Stops handing out lines (e.g. once a requested line range is done). */
  stop(): void {
    this.stopped = true;
  }

  /** Feeds the next piece of text. */
  push(chunk: string): void {
    if (chunk.length === 0) return;
    let pos = 0;
    if (!this.started) {
      this.started = true;
      // A BOM is not content: line 1 starts after it.
      if (chunk.charCodeAt(0) === 0xfeff) {
        pos = 1;
        this.pendingStart = 1;
      }
    }
    const offset = this.offset;
    this.offset += chunk.length;
    if (this.stopped) return;
    let nl = chunk.indexOf('\n', pos);
    if (this.pending.length > 0 || (pos > 0 && nl === -1)) {
      if (nl === -1) {
        this.pending.push(pos === 0 ? chunk : chunk.slice(pos));
        return;
      }
      this.pending.push(chunk.slice(pos, nl));
      this.emitPending();
      pos = nl + 1;
      nl = chunk.indexOf('\n', pos);
    }
    const textId = nextTextId++;
    while (nl !== -1 && !this.stopped) {
      const end = nl > pos && chunk.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.onLine(chunk, pos, end, offset, this.line++, offset + pos, textId);
      pos = nl + 1;
      nl = chunk.indexOf('\n', pos);
    }
    if (pos < chunk.length) {
      this.pending.push(chunk.slice(pos));
      this.pendingStart = offset + pos;
    } else {
      this.pendingStart = this.offset;
    }
  }

  /** Flushes a last line that has no line break after it. */
  end(): void {
    if (this.pending.length > 0 && !this.stopped) this.emitPending();
    this.pending = [];
  }

  private emitPending(): void {
    const text = this.pending.length === 1 ? this.pending[0] : this.pending.join('');
    this.pending = [];
    const end = text.charCodeAt(text.length - 1) === 13 ? text.length - 1 : text.length;
    this.onLine(text, 0, end, this.pendingStart, this.line++, this.pendingStart, nextTextId++);
  }
}
