/**
 * MurmurHash3 (x86, 32-bit) over the UTF-8 bytes of a string, and Keel's bucketing on top of it.
 *
 * The bytes hashed are exactly what `new TextEncoder().encode(input)` produces (lone surrogates
 * become U+FFFD, "EF BF BD"), but they are encoded on the fly: ASCII strings are read four
 * characters at a time with no allocation, anything else falls back to inline UTF-8 encoding.
 * Evaluation hashes "<salt>:" + unitId for many flags: each salt prefix is prehashed once
 * (murmurPrefix) and the unit id is packed once per unit (PackedUnit).
 *
 * Internally hashes are signed 32-bit integers (`h | 0`), made unsigned (`>>> 0`) only by the
 * exported functions and by PackedUnit.bucket: V8 keeps a signed 32-bit integer in a register or
 * as a small integer, while an unsigned one of 2^31 or more returned from a function becomes a
 * heap-allocated double, and the bucket would then be a floating-point modulo.
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
      const next = i < end ? s.charCodeAt(i) : 0;
      if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        // a surrogate pair: one code point, four bytes
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        packed =
          (0xf0 | (cp >> 18)) |
          ((0x80 | ((cp >> 12) & 0x3f)) << 8) |
          ((0x80 | ((cp >> 6) & 0x3f)) << 16) |
          ((0x80 | (cp & 0x3f)) << 24);
        count = 4;
      } else {
        if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // a lone surrogate: what TextEncoder writes
        packed = (0xe0 | (c >> 12)) | ((0x80 | ((c >> 6) & 0x3f)) << 8) | ((0x80 | (c & 0x3f)) << 16);
        count = 3;
      }
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

/** The final mixing; the hash as a signed 32-bit integer. */
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
  return h ^ (h >>> 16);
}

/** hashAscii's answer when its input is not pure ASCII: not an integer, so no hash can be mistaken for it. */
const NOT_ASCII = 0.5;

/**
 * Hashes `s` after the state (h, k, n, length) when `s` is pure ASCII (one byte per character),
 * reading four characters per block; returns the signed hash, or NOT_ASCII as soon as it meets
 * a non-ASCII character (the caller then takes the general UTF-8 path). This is the hot path of
 * bucketing.
 */
function hashAscii(h: number, k: number, n: number, length: number, s: string): number {
  const end = s.length;
  let i = 0;
  // complete the block the prefix left open
  while (n !== 0 && i < end) {
    const c = s.charCodeAt(i++);
    if (c >= 0x80) return NOT_ASCII;
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
    if ((c0 | c1 | c2 | c3) >= 0x80) return NOT_ASCII;
    // mixBlock, inlined by hand: this loop is the hot path
    let b = Math.imul(c0 | (c1 << 8) | (c2 << 16) | (c3 << 24), 0xcc9e2d51);
    b = (b << 15) | (b >>> 17);
    h ^= Math.imul(b, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  for (let shift = n << 3; i < end; i++, shift += 8) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return NOT_ASCII;
    k |= c << shift;
    n++;
  }
  return finish(h, k, n, length + end);
}

/** MurmurHash3 x86 32-bit of the UTF-8 bytes of `input`; an unsigned 32-bit integer. */
export function murmur3_32(input: string, seed = 0): number {
  const fast = hashAscii(seed | 0, 0, 0, 0, input);
  if (fast !== NOT_ASCII) return fast >>> 0;
  absorb(seed | 0, 0, 0, 0, input);
  return finish(outH, outK, outN, outLength) >>> 0;
}

/** The state after hashing `prefix` with seed 0, to finish later with {@link murmur3_32From}. */
export function murmurPrefix(prefix: string): MurmurState {
  absorb(0, 0, 0, 0, prefix);
  return Object.freeze({ h: outH, k: outK, n: outN, length: outLength });
}

/** murmur3_32(prefix + rest, 0), given the state murmurPrefix(prefix) returned; does not allocate. */
export function murmur3_32From(state: MurmurState, rest: string): number {
  return signedFrom(state, rest) >>> 0;
}

/** murmur3_32From as a signed 32-bit integer. */
function signedFrom(state: MurmurState, rest: string): number {
  const fast = hashAscii(state.h, state.k, state.n, state.length, rest);
  if (fast !== NOT_ASCII) return fast;
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

/**
 * One unit id's UTF-8 bytes, packed into 32-bit blocks for each of the four ways a "<salt>:"
 * prefix can leave the block alignment, so hashing the unit after many different prefixes
 * (every flag for one unit) is a loop over integers instead of re-reading and re-encoding the
 * string per flag. Reused between calls: `prepare` is a no-op for the unit id packed last, and
 * each alignment is packed only when first needed.
 */
/** Longer unit ids are always hashed directly (a huge id is not kept in memory). */
const MAX_PACKED_UNIT = 1024;

export class PackedUnit {
  private unit: string | null = null;
  /** the unit hashed last: packing pays off from a unit's second consecutive hash on */
  private seen = "";
  private byteLength = 0;
  private bytes = new Uint8Array(256);
  /** bumped by prepare(); an alignment is packed when packedAt[a] === generation */
  private generation = 0;
  private readonly packedAt = new Float64Array(4);
  /** per alignment a (bytes the prefix left pending, 0..3): the unit bytes completing the open block, shifted into place */
  private readonly head = new Int32Array(4);
  /** per alignment: how many unit bytes went into head */
  private readonly headCount = new Int32Array(4);
  /** per alignment: the full blocks after the head */
  private words: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64), new Int32Array(64)];
  private readonly wordCount = new Int32Array(4);
  /** per alignment: the last 0..3 bytes, packed from bit 0 */
  private readonly tail = new Int32Array(4);
  private readonly tailCount = new Int32Array(4);

  /**
   * murmur3_32(prefix + unit, 0), given state = murmurPrefix(prefix). The first time a unit id
   * comes it is hashed directly; from its second consecutive use on (the next flag for the same
   * unit) it is packed once and every further hash is a loop over integers.
   */
  hash(state: MurmurState, unit: string): number {
    return this.signedHash(state, unit) >>> 0;
  }

  /** The unit's bucket after the prefix: hash(state, unit) % BUCKETS. */
  bucket(state: MurmurState, unit: string): number {
    return (this.signedHash(state, unit) >>> 0) % BUCKETS;
  }

  private signedHash(state: MurmurState, unit: string): number {
    if (unit !== this.seen || unit.length > MAX_PACKED_UNIT) {
      this.seen = unit;
      return signedFrom(state, unit);
    }
    this.prepare(unit);
    return this.signedHashAfter(state);
  }

  /** Encodes `unit` to UTF-8 unless it is the unit prepared last. */
  prepare(unit: string): void {
    if (unit === this.unit) return;
    this.encode(unit);
    this.unit = unit;
    this.generation++;
  }

  /** murmur3_32(prefix + unit, 0), signed, for the unit prepared last, given state = murmurPrefix(prefix). */
  private signedHashAfter(state: MurmurState): number {
    let h = state.h;
    let k = state.k;
    let n = state.n;
    const a = n;
    if (this.packedAt[a] !== this.generation) this.pack(a);
    if (a !== 0) {
      k |= this.head[a]!;
      n += this.headCount[a]!;
      if (n < 4) return finish(h, k, n, state.length + this.byteLength); // the whole unit fit in the open block
      h = mixBlock(h, k);
    }
    const words = this.words[a]!;
    const count = this.wordCount[a]!;
    for (let j = 0; j < count; j++) {
      let b = Math.imul(words[j]!, 0xcc9e2d51);
      b = (b << 15) | (b >>> 17);
      h ^= Math.imul(b, 0x1b873593);
      h = (h << 13) | (h >>> 19);
      h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    }
    return finish(h, this.tail[a]!, this.tailCount[a]!, state.length + this.byteLength);
  }

  private pack(a: number): void {
    const bytes = this.bytes;
    const length = this.byteLength;
    if (this.words[a]!.length < (length >> 2) + 1) this.words[a] = new Int32Array((length >> 2) + 64);
    let i = 0;
    let head = 0;
    if (a !== 0) {
      const take = Math.min(4 - a, length);
      for (; i < take; i++) head |= bytes[i]! << ((a + i) << 3);
    }
    this.head[a] = head;
    this.headCount[a] = i;
    const words = this.words[a]!;
    let count = 0;
    for (; i + 4 <= length; i += 4) {
      words[count++] = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    }
    this.wordCount[a] = count;
    let tail = 0;
    let tailCount = 0;
    for (; i < length; i++, tailCount++) tail |= bytes[i]! << (tailCount << 3);
    this.tail[a] = tail;
    this.tailCount[a] = tailCount;
    this.packedAt[a] = this.generation;
  }

  /** UTF-8 encodes `s` into this.bytes (lone surrogates → U+FFFD, as TextEncoder). */
  private encode(s: string): void {
    if (this.bytes.length < s.length * 3) this.bytes = new Uint8Array(s.length * 3 + 64);
    const bytes = this.bytes;
    let j = 0;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        bytes[j++] = c;
      } else if (c < 0x800) {
        bytes[j++] = 0xc0 | (c >> 6);
        bytes[j++] = 0x80 | (c & 0x3f);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
          if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
            i++;
            bytes[j++] = 0xf0 | (cp >> 18);
            bytes[j++] = 0x80 | ((cp >> 12) & 0x3f);
            bytes[j++] = 0x80 | ((cp >> 6) & 0x3f);
            bytes[j++] = 0x80 | (cp & 0x3f);
            continue;
          }
          c = 0xfffd;
        }
        bytes[j++] = 0xe0 | (c >> 12);
        bytes[j++] = 0x80 | ((c >> 6) & 0x3f);
        bytes[j++] = 0x80 | (c & 0x3f);
      }
    }
    this.byteLength = j;
  }
}
