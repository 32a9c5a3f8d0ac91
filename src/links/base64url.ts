// URL-safe base64 without padding, so a link survives chat apps and e-mail intact.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += ALPHABET[a >> 2]!;
    out += ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    if (b !== undefined) out += ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    if (c !== undefined) out += ALPHABET[c & 63]!;
  }
  return out;
}

/** Returns null on any character outside the alphabet or an impossible length. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const v = [0, 1, 2, 3].map((k) => (i + k < text.length ? LOOKUP.get(text[i + k]!) : 0));
    if (v.some((x) => x === undefined)) return null;
    const [a, b, c, d] = v as [number, number, number, number];
    out[o++] = (a << 2) | (b >> 4);
    if (i + 2 < text.length) out[o++] = ((b & 15) << 4) | (c >> 2);
    if (i + 3 < text.length) out[o++] = ((c & 3) << 6) | d;
  }
  return out.subarray(0, o);
}
