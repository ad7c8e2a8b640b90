/**
 * MurmurHash3 (x86, 32-bit) over the UTF-8 bytes of a string, and Keel's bucketing on top of it.
 *
 * The bytes hashed are exactly what `new TextEncoder().encode(input)` produces (lone surrogates
 * become U+FFFD, "EF BF BD"), but they are encoded on the fly: ASCII strings are read four
 * characters at a time with no allocation, anything else falls back to inline UTF-8 encoding.
 */

/** Number of buckets a unit can fall into; coverage and weights are resolved to 1/10,000 (0.01 %). */
export const BUCKETS = 10_000;


/** State of an unfinished hash: h, the pending tail bytes k (n of them), total byte length. */
export type MurmurState = { readonly h: number; readonly k: number; readonly n: number; readonly length: number };

// `absorb` reports its state through these (instead of returning an object) so hashing never allocates.
let outH = 0;
let outK = 0;
let outN = 0;
let outLength = 0;

function mixBlock(h: number, block: number): number {
  let k = Math.imul(block, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Feeds the UTF-8 bytes of `s` into the hash state (h, k, n, length); leaves the result in out*. */
function absorb(h: number, k: number, n: number, length: number, s: string): void {
  const end = s.length;
  let i = 0;
  while (i < end) {
    let c = s.charCodeAt(i);
    if (n === 0 && i + 3 < end) {
      // fast path: four ASCII characters make one block
      const c1 = s.charCodeAt(i + 1);
      const c2 = s.charCodeAt(i + 2);
      const c3 = s.charCodeAt(i + 3);
      if ((c | c1 | c2 | c3) < 0x80) {
        h = mixBlock(h, c | (c1 << 8) | (c2 << 16) | (c3 << 24));
        i += 4;
        length += 4;
        continue;
      }
    }
    i++;
    // encode one code point as up to 4 bytes, packed little-endian in `packed`
    let packed: number;
    let count: number;
    if (c < 0x80) {
      packed = c;
      count = 1;
    } else if (c < 0x800) {
      packed = (0xc0 | (c >> 6)) | ((0x80 | (c & 0x3f)) << 8);
      count = 2;
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i < end ? s.charCodeAt(i) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          packed =
            (0xf0 | (cp >> 18)) |
            ((0x80 | ((cp >> 12) & 0x3f)) << 8) |
            ((0x80 | ((cp >> 6) & 0x3f)) << 16) |
            ((0x80 | (cp & 0x3f)) << 24);
          count = 4;
          for (let j = 0; j < count; j++) {
            k |= ((packed >>> (j << 3)) & 0xff) << (n << 3);
            length++;
            if (++n === 4) {
              h = mixBlock(h, k);
              k = 0;
              n = 0;
            }
          }
          continue;
        }
        c = 0xfffd; // a lone surrogate: what TextEncoder writes
      }
      packed = (0xe0 | (c >> 12)) | ((0x80 | ((c >> 6) & 0x3f)) << 8) | ((0x80 | (c & 0x3f)) << 16);
      count = 3;
    }
    for (let j = 0; j < count; j++) {
      k |= ((packed >>> (j << 3)) & 0xff) << (n << 3);
      length++;
      if (++n === 4) {
        h = mixBlock(h, k);
        k = 0;
        n = 0;
      }
    }
  }
  outH = h;
  outK = k;
  outN = n;
  outLength = length;
}

function finish(h: number, k: number, n: number, length: number): number {
  if (n > 0) {
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hashes `s` after the state (h, k, n, length) when `s` is pure ASCII (one byte per character),
 * reading four characters per block; returns -1 as soon as it meets a non-ASCII character
 * (the caller then takes the general UTF-8 path). This is the hot path of bucketing.
 */
function hashAscii(h: number, k: number, n: number, length: number, s: string): number {
  const end = s.length;
  let i = 0;
  // complete the block the prefix left open
  while (n !== 0 && i < end) {
    const c = s.charCodeAt(i++);
    if (c >= 0x80) return -1;
    k |= c << (n << 3);
    if (++n === 4) {
      h = mixBlock(h, k);
      k = 0;
      n = 0;
    }
  }
  const blocksEnd = i + ((end - i) & ~3);
  for (; i < blocksEnd; i += 4) {
    const c0 = s.charCodeAt(i);
    const c1 = s.charCodeAt(i + 1);
    const c2 = s.charCodeAt(i + 2);
    const c3 = s.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) >= 0x80) return -1;
    // mixBlock, inlined by hand: this loop is the hot path
    let b = Math.imul(c0 | (c1 << 8) | (c2 << 16) | (c3 << 24), 0xcc9e2d51);
    b = (b << 15) | (b >>> 17);
    h ^= Math.imul(b, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  for (let shift = n << 3; i < end; i++, shift += 8) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return -1;
    k |= c << shift;
    n++;
  }
  return finish(h, k, n, length + end);
}

/** MurmurHash3 x86 32-bit of the UTF-8 bytes of `input`; an unsigned 32-bit integer. */
export function murmur3_32(input: string, seed = 0): number {
  const fast = hashAscii(seed | 0, 0, 0, 0, input);
  if (fast >= 0) return fast;
  absorb(seed | 0, 0, 0, 0, input);
  return finish(outH, outK, outN, outLength);
}

/** The state after hashing `prefix` with seed 0, to finish later with {@link murmur3_32From}. */
export function murmurPrefix(prefix: string): MurmurState {
  absorb(0, 0, 0, 0, prefix);
  return Object.freeze({ h: outH, k: outK, n: outN, length: outLength });
}

/** murmur3_32(prefix + rest, 0), given the state murmurPrefix(prefix) returned; does not allocate. */
export function murmur3_32From(state: MurmurState, rest: string): number {
  const fast = hashAscii(state.h, state.k, state.n, state.length, rest);
  if (fast >= 0) return fast;
  absorb(state.h, state.k, state.n, state.length, rest);
  return finish(outH, outK, outN, outLength);
}

/**
 * The bucket (0..9999) of a unit for a salt: murmur3_32(salt + ":" + unitId, seed 0) % 10000.
 *
 * Modulo bias: 2^32 = 429,496 · 10,000 + 7,296, so buckets 0..7295 each have 429,497 hash values
 * and buckets 7296..9999 have 429,496: a relative difference of 1 in 429,496 (0.00023 %), far
 * below anything an experiment can measure.
 */
export function bucketOf(salt: string, unitId: string): number {
  return murmur3_32(salt + ":" + unitId, 0) % BUCKETS;
}

/** A bucketing function for one salt that hashes only the unit id (the "salt:" prefix is precomputed). */
export function bucketerFor(salt: string): (unitId: string) => number {
  const state = murmurPrefix(salt + ":");
  return (unitId) => murmur3_32From(state, unitId) % BUCKETS;
}
