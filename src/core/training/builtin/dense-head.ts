/**
 * The encoder head: a softmax classifier on fixed-size vectors, optionally with one hidden ReLU
 * layer, trained with mini-batch cross-entropy and (dense) Adam. The vectors are frozen encoder
 * embeddings, so a step costs only the head's few thousand multiply-adds per example.
 */
import type { DenseLayer } from './encoder-head-onnx';
import { softmaxInPlace } from './fasttext-model';

export interface AdamSettings {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** Layers [in → hidden → classes] or [in → classes]. */
export class DenseHead {
  readonly layers: DenseLayer[];

  /** `sizes` = [inputs, ...hidden, classes]; a linear head starts at zero, deeper heads at seeded Xavier-uniform weights. */
  constructor(sizes: number[], random: () => number) {
    const deep = sizes.length > 2;
    this.layers = sizes.slice(1).map((outputs, i) => {
      const inputs = sizes[i]!;
      const weights = new Float32Array(outputs * inputs);
      if (deep) {
        const limit = Math.sqrt(6 / (inputs + outputs));
        for (let k = 0; k < weights.length; k++) weights[k] = ((random() / 0x100000000) * 2 - 1) * limit;
      }
      return { inputs, outputs, weights, bias: new Float32Array(outputs) };
    });
  }

  get classes(): number {
    return this.layers.at(-1)!.outputs;
  }

  /**
   * Forward pass of the vector at `x[offset, offset + inputs)`: every layer's activations into
   * `acts` (acts[i] = output of layer i after ReLU; the last holds the logits).
   */
  forward(x: Float32Array, offset: number, acts: Float32Array[]): void {
    let input = x;
    let at = offset;
    this.layers.forEach((layer, i) => {
      const out = acts[i]!;
      const last = i === this.layers.length - 1;
      for (let o = 0; o < layer.outputs; o++) {
        let z = layer.bias[o]!;
        const row = o * layer.inputs;
        for (let j = 0; j < layer.inputs; j++) z += layer.weights[row + j]! * input[at + j]!;
        out[o] = last || z > 0 ? z : 0;
      }
      input = out;
      at = 0;
    });
  }

  /** Buffers for `forward`. */
  activations(): Float32Array[] {
    return this.layers.map((l) => new Float32Array(l.outputs));
  }

  /** Class probabilities of one vector into `probs`. */
  predict(x: Float32Array, offset: number, probs: Float32Array, acts = this.activations()): void {
    this.forward(x, offset, acts);
    probs.set(acts.at(-1)!);
    softmaxInPlace(probs);
  }

  snapshot(): DenseLayer[] {
    return this.layers.map((l) => ({ ...l, weights: l.weights.slice(), bias: l.bias.slice() }));
  }

  restore(s: DenseLayer[]): void {
    s.forEach((l, i) => {
      this.layers[i]!.weights.set(l.weights);
      this.layers[i]!.bias.set(l.bias);
    });
  }
}

/** Mini-batch cross-entropy + Adam for a DenseHead; holds the optimiser state between steps. */
export class DenseHeadTrainer {
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private readonly g: Float32Array[];
  private readonly acts: Float32Array[];
  private readonly deltas: Float32Array[];
  private readonly probs: Float32Array;
  private t = 0;

  constructor(
    readonly head: DenseHead,
    readonly adam: AdamSettings,
  ) {
    // Per layer: weights then bias in one flat array (state and gradients).
    const sizes = head.layers.map((l) => l.weights.length + l.bias.length);
    this.m = sizes.map((n) => new Float32Array(n));
    this.v = sizes.map((n) => new Float32Array(n));
    this.g = sizes.map((n) => new Float32Array(n));
    this.acts = head.activations();
    this.deltas = head.activations();
    this.probs = new Float32Array(head.classes);
  }

  /** Steps once on the vectors of examples `order[from, to)` (rows of `x`, `dim` wide); returns the batch's summed loss. */
  step(x: Float32Array, dim: number, labels: Int32Array, order: Uint32Array, from: number, to: number): number {
    const { layers } = this.head;
    const scale = 1 / (to - from);
    for (const g of this.g) g.fill(0);
    let loss = 0;
    const L = layers.length;
    for (let b = from; b < to; b++) {
      const ex = order[b]!;
      const y = labels[ex]!;
      this.head.forward(x, ex * dim, this.acts);
      const probs = this.probs;
      probs.set(this.acts[L - 1]!);
      softmaxInPlace(probs);
      loss += -Math.log(Math.max(probs[y]!, 1e-12));
      // dz of the last layer = p − onehot(y), averaged over the batch.
      const top = this.deltas[L - 1]!;
      for (let c = 0; c < probs.length; c++) top[c] = (probs[c]! - (c === y ? 1 : 0)) * scale;
      for (let i = L - 1; i >= 0; i--) {
        const layer = layers[i]!;
        const dz = this.deltas[i]!;
        const input = i === 0 ? x : this.acts[i - 1]!;
        const at = i === 0 ? ex * dim : 0;
        const g = this.g[i]!;
        const biasAt = layer.weights.length;
        for (let o = 0; o < layer.outputs; o++) {
          const d = dz[o]!;
          if (d === 0) continue;
          g[biasAt + o]! += d;
          const row = o * layer.inputs;
          for (let j = 0; j < layer.inputs; j++) g[row + j]! += d * input[at + j]!;
        }
        if (i === 0) continue;
        // Back through W and the ReLU of the layer below.
        const below = this.deltas[i - 1]!;
        const a = this.acts[i - 1]!;
        for (let j = 0; j < layer.inputs; j++) {
          if (a[j]! <= 0) {
            below[j] = 0;
            continue;
          }
          let s = 0;
          for (let o = 0; o < layer.outputs; o++) s += dz[o]! * layer.weights[o * layer.inputs + j]!;
          below[j] = s;
        }
      }
    }
    this.t += 1;
    const b1 = this.adam.beta1 ?? 0.9;
    const b2 = this.adam.beta2 ?? 0.999;
    const eps = this.adam.epsilon ?? 1e-8;
    const lr = this.adam.learningRate;
    const c1 = 1 - Math.pow(b1, this.t);
    const c2 = 1 - Math.pow(b2, this.t);
    layers.forEach((layer, i) => {
      const g = this.g[i]!;
      const m = this.m[i]!;
      const v = this.v[i]!;
      const nW = layer.weights.length;
      for (let k = 0; k < g.length; k++) {
        const gk = g[k]!;
        const mk = b1 * m[k]! + (1 - b1) * gk;
        const vk = b2 * v[k]! + (1 - b2) * gk * gk;
        m[k] = mk;
        v[k] = vk;
        const update = (lr * (mk / c1)) / (Math.sqrt(vk / c2) + eps);
        if (k < nW) layer.weights[k]! -= update;
        else layer.bias[k - nW]! -= update;
      }
    });
    return loss;
  }
}
