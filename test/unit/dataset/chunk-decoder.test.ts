import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDecoder } from 'node:util';
import { ChunkDecoder } from '../../../src/core/dataset/chunk-decoder';

/** What the WHATWG decoder makes of the same bytes (BOM kept, U+FFFD for bad bytes), and whether it finds them valid. */
function reference(bytes: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), valid: true };
  } catch {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), valid: false };
  }
}

test('UTF-8 chunks decode to the text TextDecoder gives: ASCII, Latin-1, BMP, astral, BOM, NUL, invalid bytes', () => {
  const samples = ['', 'plain ascii {"a":1}\n', 'café naïve', '\ufeff{"bom":true}', 'a\u0000b', '— “quotes” €', '😀 𝄞 emoji', 'ÿ\u00ff\u0100'];
  const chunks: Uint8Array[] = samples.map((s) => Buffer.from(s, 'utf8'));
  // Invalid: a lone continuation byte, an overlong NUL, an encoded surrogate, a cut sequence, bytes past U+10FFFF.
  for (const bad of [[0x61, 0x80], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0x61, 0xe2, 0x82], [0xf5, 0x80, 0x80, 0x80], [0xff]]) chunks.push(Uint8Array.from(bad));
  // Random strings over every kind of code point, and the same bytes with one byte flipped.
  let seed = 3;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const points = [0x41, 0x7e, 0x0a, 0xe9, 0xff, 0x100, 0x7ff, 0x800, 0x2014, 0xfeff, 0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff];
  for (let i = 0; i < 3000; i++) {
    let s = '';
    const n = Math.floor(random() * 40);
    for (let k = 0; k < n; k++) s += String.fromCodePoint(points[Math.floor(random() * points.length)]);
    const bytes = Buffer.from(s, 'utf8');
    chunks.push(bytes);
    if (bytes.length > 0 && i % 3 === 0) {
      const flipped = Uint8Array.from(bytes);
      flipped[Math.floor(random() * flipped.length)] ^= 0x80;
      chunks.push(flipped);
    }
  }
  let invalid = 0;
  for (const bytes of chunks) {
    const expected = reference(bytes);
    // One chunk on its own: end() decodes what decode() kept back, as at the end of a file.
    const decoder = new ChunkDecoder('utf-8');
    const head = decoder.decode(bytes);
    const tail = decoder.end();
    assert.equal(head.text + tail.text, expected.text, JSON.stringify([...bytes]));
    const valid = head.invalidAt < 0 && tail.invalidAt < 0;
    assert.equal(valid, expected.valid, JSON.stringify([...bytes]));
    if (!valid) invalid++;
  }
  assert.ok(invalid > 100, `only ${invalid} invalid chunks were tried`);
});
