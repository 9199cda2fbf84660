/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128-bit state, tiny, fast, good
 * statistical quality (passes PractRand). Not cryptographic: callers that need secrecy seed it
 * from a keyed hash. Shared by the pseudonymizer and the bootstrap.
 */
export function sfc32(seed0: number, seed1: number, seed2: number, seed3: number): () => number {
  let a = seed0 >>> 0;
  let b = seed1 >>> 0;
  let c = seed2 >>> 0;
  let d = seed3 >>> 0;
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // The authors recommend discarding the first outputs to mix the seed in.
  for (let i = 0; i < 12; i++) next();
  return next;
}
