/**
 * The fake's own quickXorHash, organised like Microsoft's published reference
 * algorithm and deliberately unlike the client's implementation
 * (src-main/core/storage/onedrive/quick-xor-hash.ts), so that agreement
 * between the two means something. Byte number p belongs at bit
 * (p × 11) mod 160 of a 160-bit ring; within each piece handed to `update`,
 * the bytes 160 apart share a place, so each of the (up to) 160 columns is
 * XORed down to one byte and shifted into the ring at once. At the end the
 * total length (64-bit little-endian) is XORed into the ring's last 8 bytes.
 * Both implementations are checked against the published vectors.
 */
export class ReferenceQuickXor {
  private readonly ring = new Uint8Array(20);
  /** Where the next byte belongs. */
  private bit = 0;
  private length = 0n;

  update(data: Uint8Array): void {
    const ring = this.ring;
    const columns = Math.min(data.length, 160);
    let bit = this.bit;
    for (let column = 0; column < columns; column++) {
      let folded = 0;
      for (let at = column; at < data.length; at += 160) folded ^= data[at]!;
      if (folded !== 0) {
        const byte = bit >> 3;
        const spread = folded << (bit & 7);
        ring[byte]! ^= spread & 0xff;
        // A byte crossing the end of the ring wraps to its start.
        ring[byte === 19 ? 0 : byte + 1]! ^= spread >> 8;
      }
      bit += 11;
      if (bit >= 160) bit -= 160;
    }
    this.bit = (this.bit + 11 * (data.length % 160)) % 160;
    this.length += BigInt(data.length);
  }

  digestBase64(): string {
    const out = Buffer.from(this.ring);
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(this.length);
    for (let i = 0; i < 8; i++) out[12 + i]! ^= length[i]!;
    return out.toString('base64');
  }
}
