/**
 * Raw DEFLATE (RFC 1951) decoding that allocates nothing per call: its Huffman tables are built
 * in arrays kept from call to call and it writes into the caller's buffer. fflate allocates up
 * to ~130 KB of tables for every block, and a worker answering lookups from a held registry
 * spent its slowest 1 % collecting them. After Mark Adler's puff.c, with a lookup table for
 * codes of up to LOOKUP_BITS bits (nearly all of them), so a symbol costs one read, not fifteen.
 */

const MAX_BITS = 15;
const LOOKUP_BITS = 10;
const LOOKUP_MASK = (1 << LOOKUP_BITS) - 1;
const LITERAL_CODES = 288;
const DISTANCE_CODES = 30;
const LENGTH_BASE = Uint16Array.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258);
const LENGTH_EXTRA = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0);
const DISTANCE_BASE = Uint16Array.of(
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
);
const DISTANCE_EXTRA = Uint8Array.of(0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13);
/** The order code-length code lengths come in (RFC 1951 §3.2.7). */
const CODE_LENGTH_ORDER = Uint8Array.of(16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15);

/**
 * A canonical Huffman code: how many codes of each length, the symbols in code order, and for
 * each LOOKUP_BITS-bit window of input (least significant bit first, as DEFLATE packs codes)
 * `symbol << 4 | length` of the code it starts with, or 0 for a longer code.
 */
class Huffman {
  readonly count = new Uint16Array(MAX_BITS + 1);
  readonly lookup = new Uint16Array(1 << LOOKUP_BITS);
  readonly symbol: Uint16Array;
  constructor(symbols: number) {
    this.symbol = new Uint16Array(symbols);
  }
}

const offsets = new Uint16Array(MAX_BITS + 1);
const nextCode = new Uint16Array(MAX_BITS + 1);

/**
 * Builds `h` from code lengths; returns 0 for a complete code, > 0 for an incomplete one, < 0
 * for an over-subscribed one.
 */
function build(h: Huffman, lengths: Uint8Array, first: number, n: number): number {
  h.count.fill(0);
  for (let s = 0; s < n; s++) h.count[lengths[first + s]!]!++;
  if (h.count[0] === n) return 0;
  let left = 1;
  for (let len = 1; len <= MAX_BITS; len++) {
    left = (left << 1) - h.count[len]!;
    if (left < 0) return left;
  }
  offsets[1] = 0;
  for (let len = 1; len < MAX_BITS; len++) offsets[len + 1] = offsets[len]! + h.count[len]!;
  for (let s = 0; s < n; s++) {
    const len = lengths[first + s]!;
    if (len !== 0) h.symbol[offsets[len]!++] = s;
  }
  h.lookup.fill(0);
  for (let len = 1, code = 0; len <= MAX_BITS; len++) {
    code = (code + (len > 1 ? h.count[len - 1]! : 0)) << 1;
    nextCode[len] = code;
  }
  for (let s = 0; s < n; s++) {
    const len = lengths[first + s]!;
    if (len === 0) continue;
    const code = nextCode[len]!++;
    if (len > LOOKUP_BITS) continue;
    let reversed = 0;
    for (let i = 0; i < len; i++) reversed |= ((code >> i) & 1) << (len - 1 - i);
    for (let window = reversed; window <= LOOKUP_MASK; window += 1 << len) h.lookup[window] = (s << 4) | len;
  }
  return left;
}

const lengths = new Uint8Array(LITERAL_CODES + DISTANCE_CODES);
const dynamicLiterals = new Huffman(LITERAL_CODES);
const dynamicDistances = new Huffman(DISTANCE_CODES);
const fixedLiterals = new Huffman(LITERAL_CODES);
const fixedDistances = new Huffman(DISTANCE_CODES);
{
  const fixed = new Uint8Array(LITERAL_CODES);
  fixed.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
  build(fixedLiterals, fixed, 0, LITERAL_CODES);
  build(fixedDistances, fixed.fill(5, 0, DISTANCE_CODES), 0, DISTANCE_CODES);
}

class Corrupt extends Error {
  constructor(why: string) {
    super(`invalid deflate data: ${why}`);
  }
}

/** One decoding: input, output and the bit buffer (one instance, reused). */
class Inflater {
  private input: Uint8Array = new Uint8Array();
  private at = 0;
  private end = 0;
  private bitBuffer = 0;
  private bitCount = 0;
  private output: Uint8Array = new Uint8Array();
  private written = 0;

  run(input: Uint8Array, start: number, end: number, output: Uint8Array): number {
    this.input = input;
    this.at = start;
    this.end = end;
    this.bitBuffer = this.bitCount = 0;
    this.output = output;
    this.written = 0;
    try {
      let last: number;
      do {
        last = this.bits(1);
        const type = this.bits(2);
        if (type === 0) this.stored();
        else if (type === 1) this.codes(fixedLiterals, fixedDistances);
        else if (type === 2) this.dynamic();
        else throw new Corrupt('block type 3');
      } while (!last);
      return this.written;
    } finally {
      // Nothing of the caller's is kept past the call.
      this.input = this.output = new Uint8Array();
    }
  }

  private bits(need: number): number {
    let value = this.bitBuffer;
    while (this.bitCount < need) {
      if (this.at >= this.end) throw new Corrupt('input ends early');
      value |= this.input[this.at++]! << this.bitCount;
      this.bitCount += 8;
    }
    this.bitBuffer = value >>> need;
    this.bitCount -= need;
    return value & ((1 << need) - 1);
  }

  private decode(h: Huffman): number {
    // At most 24 bits held: the buffer stays a small integer (V8 Smi), never a boxed number.
    while (this.bitCount <= 16 && this.at < this.end) {
      this.bitBuffer |= this.input[this.at++]! << this.bitCount;
      this.bitCount += 8;
    }
    const entry = h.lookup[this.bitBuffer & LOOKUP_MASK]!;
    const len = entry & 15;
    if (entry !== 0 && len <= this.bitCount) {
      this.bitBuffer >>>= len;
      this.bitCount -= len;
      return entry >> 4;
    }
    return this.decodeBitByBit(h);
  }

  private decodeBitByBit(h: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= MAX_BITS; len++) {
      code |= this.bits(1);
      const count = h.count[len]!;
      if (code - count < first) return h.symbol[index + (code - first)]!;
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new Corrupt('no such code');
  }

  private stored(): void {
    // Whole bytes already taken into the bit buffer are given back; the partial one is skipped.
    this.at -= this.bitCount >> 3;
    this.bitBuffer = this.bitCount = 0;
    if (this.at + 4 > this.end) throw new Corrupt('input ends early');
    const input = this.input;
    const length = input[this.at]! | (input[this.at + 1]! << 8);
    if ((input[this.at + 2]! | (input[this.at + 3]! << 8)) !== (~length & 0xffff)) throw new Corrupt('stored length');
    this.at += 4;
    if (this.at + length > this.end) throw new Corrupt('input ends early');
    if (this.written + length > this.output.length) throw new Corrupt('output too long');
    this.output.set(input.subarray(this.at, this.at + length), this.written);
    this.at += length;
    this.written += length;
  }

  private codes(literals: Huffman, distances: Huffman): void {
    const output = this.output;
    for (;;) {
      const symbol = this.decode(literals);
      if (symbol < 256) {
        if (this.written >= output.length) throw new Corrupt('output too long');
        output[this.written++] = symbol;
        continue;
      }
      if (symbol === 256) return;
      const lengthCode = symbol - 257;
      if (lengthCode >= 29) throw new Corrupt('length code');
      let length = LENGTH_BASE[lengthCode]! + this.bits(LENGTH_EXTRA[lengthCode]!);
      const distanceCode = this.decode(distances);
      if (distanceCode >= 30) throw new Corrupt('distance code');
      const distance = DISTANCE_BASE[distanceCode]! + this.bits(DISTANCE_EXTRA[distanceCode]!);
      if (distance > this.written) throw new Corrupt('distance too far back');
      if (this.written + length > output.length) throw new Corrupt('output too long');
      let to = this.written;
      while (length-- > 0) {
        output[to] = output[to - distance]!;
        to++;
      }
      this.written = to;
    }
  }

  private dynamic(): void {
    const literalCount = this.bits(5) + 257;
    const distanceCount = this.bits(5) + 1;
    const codeLengthCount = this.bits(4) + 4;
    if (literalCount > 286 || distanceCount > DISTANCE_CODES) throw new Corrupt('code counts');
    lengths.fill(0, 0, 19);
    for (let i = 0; i < codeLengthCount; i++) lengths[CODE_LENGTH_ORDER[i]!] = this.bits(3);
    // The code-length code is built in the literal table, rebuilt once the lengths are read.
    if (build(dynamicLiterals, lengths, 0, 19) !== 0) throw new Corrupt('code-length code');
    const total = literalCount + distanceCount;
    for (let index = 0; index < total; ) {
      const symbol = this.decode(dynamicLiterals);
      if (symbol < 16) {
        lengths[index++] = symbol;
        continue;
      }
      let repeat: number;
      let length = 0;
      if (symbol === 16) {
        if (index === 0) throw new Corrupt('repeat with no length');
        length = lengths[index - 1]!;
        repeat = 3 + this.bits(2);
      } else if (symbol === 17) repeat = 3 + this.bits(3);
      else repeat = 11 + this.bits(7);
      if (index + repeat > total) throw new Corrupt('too many lengths');
      lengths.fill(length, index, index + repeat);
      index += repeat;
    }
    if (lengths[256] === 0) throw new Corrupt('no end-of-block code');
    const literalsLeft = build(dynamicLiterals, lengths, 0, literalCount);
    if (literalsLeft < 0 || (literalsLeft > 0 && literalCount - dynamicLiterals.count[0]! !== 1)) throw new Corrupt('literal code');
    const distancesLeft = build(dynamicDistances, lengths, literalCount, distanceCount);
    if (distancesLeft < 0 || (distancesLeft > 0 && distanceCount - dynamicDistances.count[0]! !== 1)) throw new Corrupt('distance code');
    this.codes(dynamicLiterals, dynamicDistances);
  }
}

const inflater = new Inflater();

/** Decodes `input[start … end]` (raw DEFLATE) into `output`; returns how many bytes it wrote. Throws on corrupt data or too small an output. */
export function inflateInto(input: Uint8Array, start: number, end: number, output: Uint8Array): number {
  return inflater.run(input, start, end, output);
}
