/**
 * The trained fastText-style model as an ONNX graph (opset 13), written by hand with the
 * protobuf writer: inputs `ngram_ids` (int64 [batch, n]) and `ngram_mask` (float [batch, n],
 * 1 for real ids, 0 for padding); outputs `logits` and `probabilities` ([batch, classes]).
 *   hidden = Σ mask·E[ids] / max(Σ mask, 1);  logits = hidden·Wᵀ + b;  probabilities = softmax(logits)
 * Field numbers are from onnx/onnx.proto.
 */
import { bytesField, intField, message, repeated, type Bytes } from './protobuf-writer';

export const FLOAT = 1;
export const INT64 = 7;
const ATTR_INT = 2;
const ATTR_INTS = 7;
export const ONNX_OPSET = 13;
const IR_VERSION = 7;

/** A TensorProto with raw little-endian data. */
export function tensor(name: string, dims: number[], type: typeof FLOAT | typeof INT64, data: Float32Array | BigInt64Array): Bytes {
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  // TensorProto: dims=1, data_type=2, name=8, raw_data=9 (little-endian, as ONNX requires).
  return message(repeated(dims, (d) => intField(1, d)), intField(2, type), bytesField(8, name), bytesField(9, raw));
}

/** ValueInfoProto with a tensor type; a string dim is symbolic ("batch"). */
export function valueInfo(name: string, type: number, dims: Array<number | string>): Bytes {
  const shape = message(repeated(dims, (d) => bytesField(1, typeof d === 'number' ? intField(1, d) : bytesField(2, d))));
  const tensorType = message(intField(1, type), bytesField(2, shape));
  return message(bytesField(1, name), bytesField(2, bytesField(1, tensorType)));
}

export function intAttribute(name: string, value: number): Bytes {
  // AttributeProto: name=1, i=3, type=20.
  return message(bytesField(1, name), intField(3, value), intField(20, ATTR_INT));
}

/** An INTS attribute (e.g. `axes` before opset 13). */
export function intsAttribute(name: string, values: number[]): Bytes {
  // AttributeProto: name=1, ints=8, type=20.
  return message(bytesField(1, name), repeated(values, (v) => intField(8, v)), intField(20, ATTR_INTS));
}

/** A NodeProto named after its first output. */
export function node(op: string, inputs: string[], outputs: string[], attributes: Bytes[] = []): Bytes {
  // NodeProto: input=1, output=2, name=3, op_type=4, attribute=5.
  return message(
    repeated(inputs, (i) => bytesField(1, i)),
    repeated(outputs, (o) => bytesField(2, o)),
    bytesField(3, `${op}_${outputs[0]}`),
    bytesField(4, op),
    repeated(attributes, (a) => bytesField(5, a)),
  );
}

export interface OnnxClassifierWeights {
  buckets: number;
  dim: number;
  classes: number;
  embeddings: Float32Array;
  weights: Float32Array;
  bias: Float32Array;
}

/** The serialised ModelProto. */
export function fastTextOnnx(w: OnnxClassifierWeights, meta: { producerVersion: string; docString?: string }): Bytes {
  const { buckets, dim, classes } = w;
  // MatMul wants Wᵀ: [dim, classes].
  const weightT = new Float32Array(dim * classes);
  for (let c = 0; c < classes; c++) for (let j = 0; j < dim; j++) weightT[j * classes + c] = w.weights[c * dim + j]!;
  const nodes = [
    node('Gather', ['embeddings', 'ngram_ids'], ['gathered'], [intAttribute('axis', 0)]),
    node('Unsqueeze', ['ngram_mask', 'axis_2'], ['mask_3d']),
    node('Mul', ['gathered', 'mask_3d'], ['masked']),
    node('ReduceSum', ['masked', 'axis_1'], ['summed'], [intAttribute('keepdims', 0)]),
    node('ReduceSum', ['ngram_mask', 'axis_1'], ['count'], [intAttribute('keepdims', 1)]),
    node('Max', ['count', 'one'], ['count_safe']),
    node('Div', ['summed', 'count_safe'], ['hidden']),
    node('MatMul', ['hidden', 'classifier_weight_t'], ['scores']),
    node('Add', ['scores', 'classifier_bias'], ['logits']),
    node('Softmax', ['logits'], ['probabilities'], [intAttribute('axis', -1)]),
  ];
  const initializers = [
    tensor('embeddings', [buckets, dim], FLOAT, w.embeddings),
    tensor('classifier_weight_t', [dim, classes], FLOAT, weightT),
    tensor('classifier_bias', [classes], FLOAT, w.bias),
    tensor('axis_1', [1], INT64, BigInt64Array.from([1n])),
    tensor('axis_2', [1], INT64, BigInt64Array.from([2n])),
    tensor('one', [1], FLOAT, Float32Array.from([1])),
  ];
  // GraphProto: node=1, name=2, initializer=5, doc_string=10, input=11, output=12.
  const graph = message(
    repeated(nodes, (n) => bytesField(1, n)),
    bytesField(2, 'fasttext_classifier'),
    repeated(initializers, (t) => bytesField(5, t)),
    bytesField(11, valueInfo('ngram_ids', INT64, ['batch', 'ngrams'])),
    bytesField(11, valueInfo('ngram_mask', FLOAT, ['batch', 'ngrams'])),
    bytesField(12, valueInfo('logits', FLOAT, ['batch', classes])),
    bytesField(12, valueInfo('probabilities', FLOAT, ['batch', classes])),
  );
  // ModelProto: ir_version=1, producer_name=2, producer_version=3, doc_string=6, graph=7, opset_import=8.
  return message(
    intField(1, IR_VERSION),
    bytesField(2, 'responsible-ml'),
    bytesField(3, meta.producerVersion),
    ...(meta.docString ? [bytesField(6, meta.docString)] : []),
    bytesField(7, graph),
    bytesField(8, message(bytesField(1, ''), intField(2, ONNX_OPSET))),
  );
}

