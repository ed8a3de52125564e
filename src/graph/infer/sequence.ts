/**
 * Sequence values: the element type of every tensor a sequence holds, by operator, so a
 * sequence crossing a cut can be declared (`sequence(tensor(float))`) in the parts.
 */
import type { NodeProto, TypeProto } from '../../onnx/proto.js';
import { toNumber } from '../../onnx/proto.js';

/** Element type of a declared `sequence(tensor(T))`, or 0. */
export function sequenceElemType(t: TypeProto | undefined): number {
  return t?.sequenceType?.elemType?.tensorType?.elemType ?? 0;
}

/**
 * Updates `seqs` (sequence value → element type) with the node's sequence outputs, and
 * returns element types for tensor outputs taken out of a sequence (0 where not such).
 */
export function inferSequences(
  node: NodeProto,
  tensorType: (name: string) => number,
  seqs: Map<string, number>,
): number[] {
  const domain = node.domain ?? '';
  const out = node.output.map(() => 0);
  if (domain !== '' && domain !== 'ai.onnx') return out;
  const first = node.input[0] ?? '';
  const set = (t: number) => {
    if (t && node.output[0]) seqs.set(node.output[0], t);
  };
  switch (node.opType) {
    case 'SequenceConstruct':
      set(node.input.map(tensorType).find((t) => t) ?? 0);
      break;
    case 'SequenceEmpty': {
      const dtype = node.attribute.find((a) => a.name === 'dtype');
      set(dtype ? toNumber(dtype.i) : 1);
      break;
    }
    case 'SequenceInsert':
      set(seqs.get(first) || tensorType(node.input[1] ?? ''));
      break;
    case 'SequenceErase':
      set(seqs.get(first) ?? 0);
      break;
    case 'SplitToSequence':
      set(tensorType(first));
      break;
    case 'SequenceAt':
    case 'ConcatFromSequence':
      out[0] = seqs.get(first) ?? 0;
      break;
    case 'SequenceLength':
      out[0] = 7;
      break;
  }
  return out;
}
