import { endianness } from 'node:os';

/** The hash is a 160-bit ring. */
const WIDTH_BYTES = 20;
const WIDTH_BITS = WIDTH_BYTES * 8;
/** Each byte lands 11 bits further round the ring than the one before it. */
const SHIFT_BITS = 11;
/**
 * Byte number p lands at bit (p × 11) mod 160, which depends only on p mod 160
 * (160 × 11 bits is a whole number of turns). So bytes 160 apart land on the
 * same bits and can be XORed together first — into one of 160 lanes — and
 * shifted into the ring once, at the end.
 */
const LANES = WIDTH_BITS;
/** Four consecutive lanes XORed at once as one 32-bit word; 160 lanes are 40 words. */
const WORDS = LANES / 4;
/** Word-wise XOR reads bytes in the platform's order; the fold assumes little-endian (x64, arm64). */
const WORDWISE = endianness() === 'LE';

/**
 * OneDrive's quickXorHash (the content hash both OneDrive personal and
 * OneDrive for Business report), computed incrementally while an upload
 * streams: `update` per piece, `digestBase64` once at the end, as Graph
 * reports it in `file.hashes.quickXorHash`.
 *
 * Bytes are XORed into lanes four at a time (a word whose first byte sits at
 * lane L goes into the word lanes of phase L mod 4, since 160 is a multiple of
 * 4 every later word of the same piece has the same phase); the per-byte work
 * is a quarter of an XOR, so hashing keeps pace with SHA-256.
 */
export class QuickXorHash {
  readonly #lanes = new Uint8Array(LANES);
  /** #words[phase][q] holds lanes 4q + phase … 4q + phase + 3 (mod 160), first lane in the low byte. */
  readonly #words = [new Uint32Array(WORDS), new Uint32Array(WORDS), new Uint32Array(WORDS), new Uint32Array(WORDS)] as const;
  #length = 0;
  #finished = false;

  /** Bytes hashed so far. */
  get length(): number {
    return this.#length;
  }

  update(data: Uint8Array): this {
    if (this.#finished) throw new Error('QuickXorHash: update after digest');
    let lane = this.#length % LANES;
    let index = 0;
    if (WORDWISE && data.length >= 64) {
      // Bytes up to the first 4-byte-aligned address go one by one, then whole words.
      const head = (4 - (data.byteOffset & 3)) & 3;
      lane = this.#bytewise(data, 0, head, lane);
      index = head;
      const words = (data.length - index) >>> 2;
      lane = this.#wordwise(new Uint32Array(data.buffer, data.byteOffset + index, words), lane);
      index += words * 4;
    }
    this.#bytewise(data, index, data.length, lane);
    this.#length += data.length;
    return this;
  }

  /** The 20-byte digest: every lane shifted into place round the ring, then the length XORed into the last 8 bytes. */
  digest(): Buffer {
    this.#finished = true;
    const lanes = Uint8Array.from(this.#lanes);
    for (let phase = 0; phase < 4; phase++) {
      const words = this.#words[phase as 0 | 1 | 2 | 3];
      for (let q = 0; q < WORDS; q++) {
        const word = words[q]!;
        if (word === 0) continue;
        for (let b = 0; b < 4; b++) lanes[(4 * q + phase + b) % LANES]! ^= (word >>> (8 * b)) & 0xff;
      }
    }
    const ring = Buffer.alloc(WIDTH_BYTES);
    for (let lane = 0; lane < LANES; lane++) {
      const value = lanes[lane]!;
      if (value === 0) continue;
      const bit = (lane * SHIFT_BITS) % WIDTH_BITS;
      const spread = value << (bit & 7);
      const at = bit >> 3;
      ring[at]! ^= spread & 0xff;
      // A byte that crosses the end of the ring wraps round to its start.
      ring[(at + 1) % WIDTH_BYTES]! ^= spread >>> 8;
    }
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(this.#length));
    for (let i = 0; i < 8; i++) ring[WIDTH_BYTES - 8 + i]! ^= length[i]!;
    return ring;
  }

  /** Standard base64, as Graph reports it. */
  digestBase64(): string {
    return this.digest().toString('base64');
  }

  /** XORs data[from, to) into the byte lanes starting at `lane`; returns the lane after the last byte. */
  #bytewise(data: Uint8Array, from: number, to: number, lane: number): number {
    const lanes = this.#lanes;
    for (let index = from; index < to; ) {
      // Runs up to the next wrap, so the inner loop has no branch.
      const run = Math.min(LANES - lane, to - index);
      for (let k = 0; k < run; k++) lanes[lane + k]! ^= data[index + k]!;
      index += run;
      lane += run;
      if (lane === LANES) lane = 0;
    }
    return lane;
  }

  /** XORs whole words into the word lanes of the first word's phase; returns the lane after the last byte. */
  #wordwise(words: Uint32Array, lane: number): number {
    const target = this.#words[(lane & 3) as 0 | 1 | 2 | 3];
    let q = lane >>> 2;
    for (let index = 0; index < words.length; ) {
      const run = Math.min(WORDS - q, words.length - index);
      for (let k = 0; k < run; k++) target[q + k]! ^= words[index + k]!;
      index += run;
      q += run;
      if (q === WORDS) q = 0;
    }
    return (lane + words.length * 4) % LANES;
  }
}

/** Convenience for whole buffers (tests, small bodies). */
export function quickXorHashOf(data: Uint8Array): string {
  return new QuickXorHash().update(data).digestBase64();
}
