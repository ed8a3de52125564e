/**
 * Recognises common files that are not ONNX, so the user hears what the file is instead of a
 * decoding failure. Returns a description, or null when the bytes may be ONNX.
 */
export function sniffFormat(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return null;
  const ascii = (at: number, text: string) =>
    bytes.length >= at + text.length &&
    [...text].every((ch, i) => bytes[at + i] === ch.charCodeAt(0));
  if (ascii(0, 'PK\u0003\u0004'))
    return 'a zip archive (a PyTorch checkpoint or a zipped download?)';
  if (ascii(0, '\u0089HDF')) return 'an HDF5 file (a Keras model?)';
  if (ascii(4, 'TFL3')) return 'a TensorFlow Lite model';
  if (ascii(0, '\u0093NUMPY')) return 'a NumPy array file';
  if (ascii(0, 'GGUF')) return 'a GGUF model';
  if (ascii(0, '\u0089PNG')) return 'a PNG image';
  if (ascii(0, '\u00ff\u00d8\u00ff')) return 'a JPEG image';
  if (ascii(0, '%PDF')) return 'a PDF document';
  if (ascii(0, '\u001f\u008b')) return 'a gzip archive (decompress it first)';
  if (ascii(0, '\u0080') && bytes.length > 1 && bytes[1]! <= 5) return 'a Python pickle';
  // safetensors: 8-byte little-endian header length followed by '{'.
  if (bytes.length > 9 && bytes[8] === 0x7b && bytes[5] === 0 && bytes[6] === 0 && bytes[7] === 0) {
    return 'a safetensors file';
  }
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 64)).trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'a JSON text file';
  if (head.startsWith('<')) return 'an HTML or XML text file';
  if (isText(bytes.subarray(0, 512))) return 'a text file';
  return null;
}

function isText(sample: Uint8Array): boolean {
  if (sample.length < 4) return false;
  for (const b of sample) {
    if (b === 9 || b === 10 || b === 13) continue;
    if (b < 32 || b === 127) return false;
  }
  // ONNX files start with a small tag byte (0x08 for ir_version) that is not printable.
  return true;
}
