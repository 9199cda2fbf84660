/**
 * A set of 64-bit fingerprints (two uint32 halves) that numbers its members 0, 1, 2… in the
 * order they were added, with `width` int32 values of payload per member in `data` (member s
 * owns data[s * width … s * width + width - 1]). Open addressing over typed arrays: a JS Map
 * would box each 64-bit key as a heap number and cost several times the memory and time.
 */
export class HashSlots {
  /** Members' halves in slot order: [hi0, lo0, hi1, lo1, …]. */
  private keys = new Uint32Array(128);
  /** Payload per member; reallocated as the set grows, so read it after add(). */
  data: Int32Array;
  /** Open-addressing table of slot + 1 (0: empty). */
  private table = new Int32Array(128);
  private mask = 127;
  /** Number of members. */
  size = 0;

  constructor(private readonly width = 0) {
    this.data = new Int32Array(64 * width);
  }

  /** Slot of the fingerprint, or -1 when it is not a member. */
  find(hi: number, lo: number): number {
    hi >>>= 0;
    lo >>>= 0;
    const keys = this.keys;
    const table = this.table;
    for (let at = this.start(hi, lo); ; at = (at + 1) & this.mask) {
      const s = table[at] - 1;
      if (s < 0) return -1;
      if (keys[2 * s] === hi && keys[2 * s + 1] === lo) return s;
    }
  }

  /** Slot of the fingerprint, adding it (as slot `size`) when absent; `~slot` tells that it was added. */
  add(hi: number, lo: number): number {
    hi >>>= 0;
    lo >>>= 0;
    const keys = this.keys;
    const table = this.table;
    let at = this.start(hi, lo);
    for (; ; at = (at + 1) & this.mask) {
      const s = table[at] - 1;
      if (s < 0) break;
      if (keys[2 * s] === hi && keys[2 * s + 1] === lo) return s;
    }
    const slot = this.size++;
    if (2 * slot + 2 > keys.length) {
      this.keys = grow(keys, keys.length * 2);
      this.data = grow(this.data, this.data.length * 2);
    }
    this.keys[2 * slot] = hi;
    this.keys[2 * slot + 1] = lo;
    table[at] = slot + 1;
    // Keep the table at most half full so probes stay short.
    if (2 * this.size > table.length) this.rehash(table.length * 2);
    return ~slot;
  }

  private start(hi: number, lo: number): number {
    // Both halves are avalanched already; folding hi in guards against one weak lane.
    return (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
  }

  private rehash(capacity: number): void {
    this.table = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let s = 0; s < this.size; s++) {
      let at = this.start(this.keys[2 * s], this.keys[2 * s + 1]);
      while (this.table[at] !== 0) at = (at + 1) & this.mask;
      this.table[at] = s + 1;
    }
  }
}

function grow<T extends Uint32Array | Int32Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(length);
  bigger.set(array);
  return bigger;
}
