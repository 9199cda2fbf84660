import { open } from 'node:fs/promises';

/** Follows a growing text file (output.log, a Slurm output file) line by line from where the last poll stopped. */
export class LogTail {
  private offset = 0;
  private pending = '';
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    readonly path: string,
    startAt = 0,
  ) {
    this.offset = startAt;
  }

  /** Lines completed since the last poll; `final` also returns a last line without its newline. */
  async poll(options: { final?: boolean } = {}): Promise<string[]> {
    let text = '';
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (handle) {
      try {
        const { size } = await handle.stat();
        if (size > this.offset) {
          const buf = Buffer.alloc(Math.min(size - this.offset, 8 * 1024 * 1024));
          const { bytesRead } = await handle.read(buf, 0, buf.length, this.offset);
          this.offset += bytesRead;
          // stream: true keeps a multi-byte character split across reads intact.
          text = this.decoder.decode(buf.subarray(0, bytesRead), { stream: true });
        }
      } finally {
        await handle.close();
      }
    }
    const all = this.pending + text;
    // Progress bars redraw with \r: show only the latest state of such a line.
    const lines = all.split('\n');
    this.pending = lines.pop() ?? '';
    if (options.final && this.pending !== '') {
      lines.push(this.pending);
      this.pending = '';
    }
    return lines.map((l) => (l.includes('\r') ? (l.split('\r').filter((s) => s !== '').pop() ?? '') : l));
  }
}
