/**
 * Protobuf wire-level reading and writing: field spans over a byte buffer, varints, and
 * framing of new messages around existing bytes. Parts and saved models are built from the
 * source's own bytes, so every field (known to the schema or not) survives unchanged.
 */

/** One field occurrence: its tag starts at `start`, its payload spans [`dataStart`, `end`). */
export interface FieldSpan {
  field: number;
  wire: number;
  start: number;
  dataStart: number;
  end: number;
}

export class WireError extends Error {
  constructor(
    readonly kind: 'truncated' | 'corrupt',
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads a varint at `pos`; returns [value, next position]. Values beyond 2^53 lose precision. */
export function readVarint(buf: Uint8Array, pos: number, end: number): [number, number] {
  let result = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= end) throw new WireError('truncated', pos, 'varint runs past the end');
    const b = buf[pos++]!;
    result += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) return [result, pos];
    scale *= 128;
  }
  throw new WireError('corrupt', pos, 'varint longer than 10 bytes');
}

/** Splits the message in [start, end) into its top-level fields, in file order. */
export function scanFields(buf: Uint8Array, start: number, end: number): FieldSpan[] {
  const { spans, error } = scanPrefix(buf, start, end);
  if (error) throw error;
  return spans;
}

/** Like scanFields, but returns the fields read before a fault together with the fault. */
export function scanPrefix(
  buf: Uint8Array,
  start: number,
  end: number,
): { spans: FieldSpan[]; error?: WireError } {
  const spans: FieldSpan[] = [];
  try {
    scanInto(buf, start, end, spans);
  } catch (e) {
    if (e instanceof WireError) return { spans, error: e };
    throw e;
  }
  return { spans };
}

function scanInto(buf: Uint8Array, start: number, end: number, spans: FieldSpan[]): void {
  let pos = start;
  while (pos < end) {
    const tagStart = pos;
    const [tag, afterTag] = readVarint(buf, pos, end);
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (field === 0) throw new WireError('corrupt', tagStart, 'field number 0');
    pos = afterTag;
    let dataStart = pos;
    switch (wire) {
      case 0:
        pos = readVarint(buf, pos, end)[1];
        break;
      case 1:
        pos += 8;
        break;
      case 5:
        pos += 4;
        break;
      case 2: {
        const [len, next] = readVarint(buf, pos, end);
        dataStart = next;
        pos = next + len;
        break;
      }
      default:
        throw new WireError('corrupt', tagStart, `unsupported wire type ${wire}`);
    }
    if (pos > end) throw new WireError('truncated', tagStart, `field ${field} runs past the end`);
    spans.push({ field, wire, start: tagStart, dataStart, end: pos });
  }
}

/** Bytes of a varint. */
export function varint(value: number): Uint8Array {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Uint8Array.from(out);
}

/** A list of byte chunks that becomes one buffer at the end, without intermediate copies. */
export class ChunkWriter {
  private chunks: Uint8Array[] = [];
  length = 0;

  push(chunk: Uint8Array): this {
    this.chunks.push(chunk);
    this.length += chunk.length;
    return this;
  }

  /** Appends a length-delimited field whose payload is the given writer's content. */
  pushMessage(field: number, payload: ChunkWriter): this {
    this.push(varint(field * 8 + 2));
    this.push(varint(payload.length));
    for (const c of payload.chunks) this.push(c);
    return this;
  }

  /** Appends a length-delimited field with raw payload bytes. */
  pushBytes(field: number, payload: Uint8Array): this {
    this.push(varint(field * 8 + 2));
    this.push(varint(payload.length));
    return this.push(payload);
  }

  pushString(field: number, text: string): this {
    return this.pushBytes(field, new TextEncoder().encode(text));
  }

  /** The chunks as they are, for writers that take a list (writev, Blob). */
  chunkList(): Uint8Array[] {
    return this.chunks;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
