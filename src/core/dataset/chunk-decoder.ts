import { isAscii, isUtf8, transcode } from 'node:buffer';
import { TextDecoder } from 'node:util';

/** Text decoded from one chunk of bytes, and where the first invalid byte was. */
export interface DecodedChunk {
  text: string;
  /** Bytes that `text` was decoded from (a sequence cut by the chunk boundary moves to the next). */
  bytes: Uint8Array;
  /** Index in `bytes` of the first byte that is not valid UTF-8, or -1. */
  invalidAt: number;
}

/**
 * Decodes a byte stream cut anywhere. For UTF-8 it carries a sequence cut at a chunk's end over
 * to the next chunk itself, so each piece is whole and can be decoded in fatal mode: invalid
 * bytes are noticed (and located) without losing the decoder's state, and the piece is then
 * decoded again with U+FFFD replacements so reading goes on. The BOM is kept, so offsets agree
 * with `fs.readFileSync(path, 'utf8')`. Other encodings (e.g. utf-16le, windows-1252) go through
 * a streaming TextDecoder without validation.
 */
export class ChunkDecoder {
  private carry: Uint8Array | undefined;
  private readonly utf8: boolean;
  /** Whether invalid input is detected (UTF-8 only). */
  readonly validates: boolean;
  private readonly decoder: TextDecoder;
  private readonly lenient: TextDecoder | undefined;

  constructor(encoding = 'utf-8') {
    this.utf8 = /^utf-?8$/i.test(encoding);
    this.validates = this.utf8;
    this.decoder = new TextDecoder(encoding, { fatal: this.utf8, ignoreBOM: true });
    this.lenient = this.utf8 ? new TextDecoder('utf-8', { ignoreBOM: true }) : undefined;
  }

  /** Decodes the next chunk. */
  decode(chunk: Uint8Array): DecodedChunk {
    if (!this.utf8) return { text: this.decoder.decode(chunk, { stream: true }), bytes: chunk, invalidAt: -1 };
    let bytes = chunk;
    if (this.carry !== undefined) {
      bytes = concat(this.carry, chunk);
      this.carry = undefined;
    }
    const cut = incompleteTail(bytes);
    if (cut > 0) {
      this.carry = bytes.slice(bytes.length - cut);
      bytes = bytes.subarray(0, bytes.length - cut);
    }
    return this.decodeWhole(bytes);
  }

  /** Decodes what is left at the end of the input (a cut sequence there is invalid). */
  end(): DecodedChunk {
    if (!this.utf8) return { text: this.decoder.decode(), bytes: new Uint8Array(0), invalidAt: -1 };
    const rest = this.carry ?? new Uint8Array(0);
    this.carry = undefined;
    return this.decodeWhole(rest);
  }

  /**
   * Valid UTF-8 is validated (`isUtf8`) and converted (`transcode` to UTF-16LE) by Node's simdutf,
   * then copied into a two-byte string: on the chat corpus's 64 KiB chunks about half the CPU of
   * TextDecoder, whose V8 decoder makes two scalar passes of its own. ASCII-only chunks are copied
   * as Latin-1 and stay one-byte strings, as TextDecoder makes them; a chunk whose other characters
   * are all Latin-1 becomes a two-byte string here (TextDecoder's would be one-byte). The text is
   * the same: U+FEFF kept, nothing replaced in valid input.
   */
  private decodeWhole(bytes: Uint8Array): DecodedChunk {
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (isAscii(view)) return { text: view.toString('latin1'), bytes, invalidAt: -1 };
    if (isUtf8(view)) {
      // transcode is missing from Node builds without ICU.
      const text = typeof transcode === 'function' ? transcode(view, 'utf8', 'utf16le').toString('utf16le') : this.decoder.decode(bytes);
      return { text, bytes, invalidAt: -1 };
    }
    return { text: this.lenient!.decode(bytes), bytes, invalidAt: firstInvalidUtf8(bytes) };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Length of a UTF-8 sequence cut off at the end of `bytes` (0 when the end is whole). */
export function incompleteTail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    if (b < 0xc0) return 0; // ASCII
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return need > back ? back : 0;
  }
  return 0;
}

/** Index of the first byte that starts an invalid or truncated UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f; // no UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= n) return i;
    const second = bytes[i + 1];
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}
