/**
 * The fake's own quickXorHash, written straight from the definition and
 * deliberately unlike the client's lane-folding implementation
 * (src-main/core/storage/onedrive/quick-xor-hash.ts), so that agreement
 * between the two means something: every byte is XORed into a 160-bit ring
 * at bit (position × 11) mod 160, then the total length (64-bit
 * little-endian) is XORed into the ring's last 8 bytes. Both are checked
 * against the published vectors.
 */
export class ReferenceQuickXor {
  private readonly ring = new Uint8Array(20);
  private bit = 0;
  private length = 0n;

  update(data: Uint8Array): void {
    const ring = this.ring;
    let bit = this.bit;
    for (const byte of data) {
      const at = bit >> 3;
      const spread = byte << (bit & 7);
      ring[at]! ^= spread & 0xff;
      ring[at === 19 ? 0 : at + 1]! ^= spread >> 8;
      bit += 11;
      if (bit >= 160) bit -= 160;
    }
    this.bit = bit;
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
