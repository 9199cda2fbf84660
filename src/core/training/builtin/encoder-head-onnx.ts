/**
 * One ONNX graph = the base encoder + mean pooling + L2 normalisation + standardisation + the
 * trained head, so the exported folder runs end to end on raw text (tokenizer → this graph →
 * logits) in the inference engine, transformers.js or any ONNX runtime.
 *
 * The encoder's ModelProto is taken apart with the protobuf reader and its graph re-emitted
 * byte for byte, minus its `last_hidden_state` output, plus the nodes and initialisers below
 * (names prefixed `rml_`); the weights of the encoder are not decoded. The head computes what
 * the trainer computed from the engine's feature-extraction vectors:
 *   pooled = Σ mask·H / max(Σ mask, 1);  unit = pooled / max(‖pooled‖₂, 1e-12)
 *   x = (unit − mean) / std;  logits = dense layers (ReLU between) of x;  probabilities = softmax
 */
import { bytesField, message, repeated, type Bytes } from './protobuf-writer';
import { FLOAT, INT64, intAttribute, intsAttribute, node, tensor, valueInfo } from './onnx-export';
import { utf8, WIRE_BYTES, WIRE_VARINT, wireFields, type WireField } from '../protobuf-wire';

/** A dense layer: weights [out × in] row-major, bias [out]. */
export interface DenseLayer {
  inputs: number;
  outputs: number;
  weights: Float32Array;
  bias: Float32Array;
}

export interface EncoderHead {
  /** Per-dimension mean and standard deviation of the training vectors. */
  mean: Float32Array;
  std: Float32Array;
  /** Dense layers in order; ReLU between them, none after the last. */
  layers: DenseLayer[];
  /** L2-normalise the pooled vector first (as the engine's feature extraction does by default). */
  normalize: boolean;
}

/** The encoder output the head reads. */
export const HIDDEN_STATE = 'last_hidden_state';

/** The fields of one message, in order. */
const readFields = (bytes: Uint8Array): WireField[] => [...wireFields(bytes)];
/** A length-delimited field's payload. */
const payloadOf = (f: WireField | undefined): Uint8Array | undefined => (f?.wire === WIRE_BYTES ? f.bytes : undefined);
/** A string field's text. */
const textOf = (f: WireField | undefined): string | undefined => {
  const bytes = payloadOf(f);
  return bytes ? utf8(bytes) : undefined;
};

function defaultOpset(model: WireField[]): number {
  for (const f of model.filter((x) => x.field === 8)) {
    // OperatorSetIdProto: domain=1, version=2.
    const fields = readFields(payloadOf(f) ?? new Uint8Array());
    const domain = textOf(fields.find((x) => x.field === 1)) ?? '';
    if (domain === '' || domain === 'ai.onnx') {
      const version = fields.find((x) => x.field === 2);
      return Number(version?.wire === WIRE_VARINT ? version.value : 0n);
    }
  }
  throw new Error('the encoder graph imports no default ONNX opset');
}

function valueInfoName(payload: Uint8Array): string | undefined {
  return textOf(readFields(payload).find((x) => x.field === 1));
}

function transpose(w: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = w[r * cols + c]!;
  return out;
}

/**
 * Checks that an encoder graph can carry the head: a `last_hidden_state` output, an
 * `attention_mask` input, opset 11 or newer, no tensor named `logits`. Throws a message saying
 * what is missing; returns the parsed fields for `encoderHeadOnnx`.
 */
export function inspectEncoder(encoder: Uint8Array): { model: WireField[]; graph: WireField[]; opset: number } {
  const model = readFields(encoder);
  const graphPayload = payloadOf(model.find((f) => f.field === 7));
  if (!graphPayload) throw new Error('the encoder file holds no ONNX graph');
  const opset = defaultOpset(model);
  if (opset < 11) throw new Error(`the encoder uses ONNX opset ${opset}; the head needs 11 or newer`);
  const graph = readFields(graphPayload);
  const inputs = graph.filter((f) => f.field === 11).map((f) => valueInfoName(payloadOf(f)!));
  const outputs = graph.filter((f) => f.field === 12).map((f) => valueInfoName(payloadOf(f)!));
  if (!outputs.includes(HIDDEN_STATE)) throw new Error(`the encoder graph has no '${HIDDEN_STATE}' output (it has ${outputs.join(', ') || 'none'}): give a feature-extraction model`);
  if (!inputs.includes('attention_mask')) throw new Error("the encoder graph has no 'attention_mask' input to pool with");
  if (outputs.includes('logits')) throw new Error("the encoder graph already has a 'logits' output");
  return { model, graph, opset };
}

/** The merged ModelProto (see the file comment); throws what `inspectEncoder` throws. */
export function encoderHeadOnnx(encoder: Uint8Array, head: EncoderHead, meta: { producerVersion: string; docString?: string }): Bytes {
  const { model, graph, opset } = inspectEncoder(encoder);

  // Reductions and Unsqueeze moved their axes from attributes to inputs in opsets 13 (ReduceSum,
  // Unsqueeze) and 18 (ReduceL2): follow the encoder's opset.
  const axisInit = (axis: number) => `rml_axis_${axis}`;
  const reduce = (op: 'ReduceSum' | 'ReduceL2', input: string, output: string, axis: number, keepdims: number): Bytes => {
    const axesAsInput = op === 'ReduceSum' ? opset >= 13 : opset >= 18;
    return axesAsInput
      ? node(op, [input, axisInit(axis)], [output], [intAttribute('keepdims', keepdims)])
      : node(op, [input], [output], [intsAttribute('axes', [axis]), intAttribute('keepdims', keepdims)]);
  };
  const unsqueeze = (input: string, output: string, axis: number): Bytes =>
    opset >= 13 ? node('Unsqueeze', [input, axisInit(axis)], [output]) : node('Unsqueeze', [input], [output], [intsAttribute('axes', [axis])]);

  const dim = head.mean.length;
  const nodes: Bytes[] = [
    node('Cast', ['attention_mask'], ['rml_mask'], [intAttribute('to', FLOAT)]),
    unsqueeze('rml_mask', 'rml_mask_3d', 2),
    node('Mul', [HIDDEN_STATE, 'rml_mask_3d'], ['rml_masked']),
    reduce('ReduceSum', 'rml_masked', 'rml_summed', 1, 0),
    reduce('ReduceSum', 'rml_mask', 'rml_count', 1, 1),
    node('Max', ['rml_count', 'rml_one'], ['rml_count_safe']),
    node('Div', ['rml_summed', 'rml_count_safe'], ['rml_pooled']),
  ];
  let x = 'rml_pooled';
  if (head.normalize) {
    nodes.push(reduce('ReduceL2', x, 'rml_norm', 1, 1), node('Max', ['rml_norm', 'rml_tiny'], ['rml_norm_safe']), node('Div', [x, 'rml_norm_safe'], ['rml_unit']));
    x = 'rml_unit';
  }
  nodes.push(node('Sub', [x, 'rml_feature_mean'], ['rml_centered']), node('Div', ['rml_centered', 'rml_feature_std'], ['rml_features']));
  x = 'rml_features';
  const initializers: Bytes[] = [
    tensor('rml_one', [1], FLOAT, Float32Array.from([1])),
    tensor('rml_tiny', [1], FLOAT, Float32Array.from([1e-12])),
    tensor('rml_feature_mean', [dim], FLOAT, head.mean),
    tensor('rml_feature_std', [dim], FLOAT, head.std),
    tensor(axisInit(1), [1], INT64, BigInt64Array.from([1n])),
    tensor(axisInit(2), [1], INT64, BigInt64Array.from([2n])),
  ];
  head.layers.forEach((layer, i) => {
    const last = i === head.layers.length - 1;
    const out = last ? 'logits' : `rml_dense_${i}`;
    // MatMul wants Wᵀ: [in, out].
    initializers.push(tensor(`rml_head_${i}_weight_t`, [layer.inputs, layer.outputs], FLOAT, transpose(layer.weights, layer.outputs, layer.inputs)), tensor(`rml_head_${i}_bias`, [layer.outputs], FLOAT, layer.bias));
    nodes.push(node('MatMul', [x, `rml_head_${i}_weight_t`], [`rml_scores_${i}`]), node('Add', [`rml_scores_${i}`, `rml_head_${i}_bias`], [out]));
    if (!last) nodes.push(node('Relu', [out], [`rml_relu_${i}`]));
    x = last ? out : `rml_relu_${i}`;
  });
  nodes.push(node('Softmax', ['logits'], ['probabilities'], [intAttribute('axis', -1)]));
  const classes = head.layers.at(-1)!.outputs;

  // GraphProto: node=1, name=2, initializer=5, input=11, output=12. The encoder's fields stay in
  // order (its nodes first, so the graph stays topologically sorted); the hidden-state output goes.
  const kept = graph.filter((f) => !(f.field === 12 && valueInfoName(payloadOf(f)!) === HIDDEN_STATE) && f.field !== 2);
  const newGraph = message(
    ...kept.map((f) => f.raw),
    bytesField(2, 'encoder_head_classifier'),
    repeated(nodes, (n) => bytesField(1, n)),
    repeated(initializers, (t) => bytesField(5, t)),
    bytesField(12, valueInfo('logits', FLOAT, ['batch', classes])),
    bytesField(12, valueInfo('probabilities', FLOAT, ['batch', classes])),
  );
  // ModelProto: producer_name=2, producer_version=3, doc_string=6, graph=7 are ours; the rest
  // (ir_version, opset imports, metadata) is the encoder's.
  const rest = model.filter((f) => ![2, 3, 6, 7].includes(f.field));
  return message(
    ...rest.map((f) => f.raw),
    bytesField(2, 'responsible-ml'),
    bytesField(3, meta.producerVersion),
    ...(meta.docString ? [bytesField(6, meta.docString)] : []),
    bytesField(7, newGraph),
  );
}
