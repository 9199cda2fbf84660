/**
 * The fastText-style classifier: the mean of hashed n-gram embeddings, a linear layer, softmax.
 * Trained with Adam; the embedding table is updated lazily (only rows a batch touched, as
 * PyTorch's SparseAdam does), which keeps a step's cost proportional to the batch's n-grams.
 */

export interface ModelShape {
  buckets: number;
  dim: number;
  classes: number;
}

export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** Parameters: embeddings [buckets × dim], weights [classes × dim], bias [classes]. */
export class FastTextModel {
  readonly embeddings: Float32Array;
  readonly weights: Float32Array;
  readonly bias: Float32Array;

  constructor(
    readonly shape: ModelShape,
    random: () => number,
  ) {
    const { buckets, dim, classes } = shape;
    this.embeddings = new Float32Array(buckets * dim);
    // fastText's initialisation: input vectors uniform in ±1/dim, output weights zero.
    for (let i = 0; i < this.embeddings.length; i++) this.embeddings[i] = ((random() / 0x100000000) * 2 - 1) / dim;
    this.weights = new Float32Array(classes * dim);
    this.bias = new Float32Array(classes);
  }

  /** The averaged embedding of `ids` into `hidden` (zeros for no ids). */
  hidden(ids: Int32Array, hidden: Float32Array): void {
    const { dim } = this.shape;
    hidden.fill(0);
    if (ids.length === 0) return;
    const e = this.embeddings;
    for (let k = 0; k < ids.length; k++) {
      const row = ids[k]! * dim;
      for (let j = 0; j < dim; j++) hidden[j]! += e[row + j]!;
    }
    const inv = 1 / ids.length;
    for (let j = 0; j < dim; j++) hidden[j]! *= inv;
  }

  /** Class probabilities for `ids` into `probs` (softmax of the logits). */
  predict(ids: Int32Array, probs: Float32Array, hidden = new Float32Array(this.shape.dim)): void {
    this.hidden(ids, hidden);
    this.logits(hidden, probs);
    softmaxInPlace(probs);
  }

  /** W·h + b into `out`. */
  logits(hidden: Float32Array, out: Float32Array): void {
    const { dim, classes } = this.shape;
    const w = this.weights;
    for (let c = 0; c < classes; c++) {
      let z = this.bias[c]!;
      const row = c * dim;
      for (let j = 0; j < dim; j++) z += w[row + j]! * hidden[j]!;
      out[c] = z;
    }
  }

  /** A deep copy (the best epoch's weights, kept for early stopping). */
  snapshot(): { embeddings: Float32Array; weights: Float32Array; bias: Float32Array } {
    return { embeddings: this.embeddings.slice(), weights: this.weights.slice(), bias: this.bias.slice() };
  }

  restore(s: { embeddings: Float32Array; weights: Float32Array; bias: Float32Array }): void {
    this.embeddings.set(s.embeddings);
    this.weights.set(s.weights);
    this.bias.set(s.bias);
  }
}

/** Numerically stable softmax. */
export function softmaxInPlace(z: Float32Array): void {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) if (z[i]! > max) max = z[i]!;
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    const e = Math.exp(z[i]! - max);
    z[i] = e;
    sum += e;
  }
  for (let i = 0; i < z.length; i++) z[i]! /= sum;
}

/** One mini-batch step of cross-entropy + Adam; holds the optimiser state between steps. */
export class FastTextTrainer {
  private readonly mE: Float32Array;
  private readonly vE: Float32Array;
  private readonly mW: Float32Array;
  private readonly vW: Float32Array;
  private readonly mB: Float32Array;
  private readonly vB: Float32Array;
  private readonly gW: Float32Array;
  private readonly gB: Float32Array;
  /** Row → slot in gRows for rows touched in this batch; -1 when untouched. */
  private readonly slotOf: Int32Array;
  private touched = new Int32Array(1024);
  private gRows: Float32Array;
  private nTouched = 0;
  private t = 0;
  private readonly hidden: Float32Array;
  private readonly probs: Float32Array;
  private readonly dh: Float32Array;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  constructor(
    readonly model: FastTextModel,
    readonly adam: AdamOptions,
  ) {
    const { buckets, dim, classes } = model.shape;
    this.mE = new Float32Array(buckets * dim);
    this.vE = new Float32Array(buckets * dim);
    this.mW = new Float32Array(classes * dim);
    this.vW = new Float32Array(classes * dim);
    this.mB = new Float32Array(classes);
    this.vB = new Float32Array(classes);
    this.gW = new Float32Array(classes * dim);
    this.gB = new Float32Array(classes);
    this.slotOf = new Int32Array(buckets).fill(-1);
    this.gRows = new Float32Array(1024 * dim);
    this.hidden = new Float32Array(dim);
    this.probs = new Float32Array(classes);
    this.dh = new Float32Array(dim);
    this.beta1 = adam.beta1 ?? 0.9;
    this.beta2 = adam.beta2 ?? 0.999;
    this.epsilon = adam.epsilon ?? 1e-8;
  }

  /** Steps once on the examples `order[from, to)`; returns the batch's summed loss. */
  step(features: Int32Array[], labels: Int32Array, order: Uint32Array, from: number, to: number): number {
    const { dim, classes } = this.model.shape;
    const n = to - from;
    const scale = 1 / n;
    this.gW.fill(0);
    this.gB.fill(0);
    let loss = 0;
    const { hidden, probs, dh } = this;
    const w = this.model.weights;
    for (let b = from; b < to; b++) {
      const ex = order[b]!;
      const ids = features[ex]!;
      const y = labels[ex]!;
      this.model.hidden(ids, hidden);
      this.model.logits(hidden, probs);
      softmaxInPlace(probs);
      loss += -Math.log(Math.max(probs[y]!, 1e-12));
      // dz = p − onehot(y), averaged over the batch.
      dh.fill(0);
      for (let c = 0; c < classes; c++) {
        const dz = (probs[c]! - (c === y ? 1 : 0)) * scale;
        this.gB[c]! += dz;
        const row = c * dim;
        for (let j = 0; j < dim; j++) {
          this.gW[row + j]! += dz * hidden[j]!;
          dh[j]! += dz * w[row + j]!;
        }
      }
      if (ids.length === 0) continue;
      const share = 1 / ids.length;
      for (let k = 0; k < ids.length; k++) {
        const g = this.slot(ids[k]!) * dim;
        for (let j = 0; j < dim; j++) this.gRows[g + j]! += dh[j]! * share;
      }
    }
    this.t += 1;
    const lr = this.adam.learningRate;
    const c1 = 1 - Math.pow(this.beta1, this.t);
    const c2 = 1 - Math.pow(this.beta2, this.t);
    adamUpdate(this.model.weights, this.gW, this.mW, this.vW, 0, 0, this.gW.length, lr, this.beta1, this.beta2, this.epsilon, c1, c2);
    adamUpdate(this.model.bias, this.gB, this.mB, this.vB, 0, 0, this.gB.length, lr, this.beta1, this.beta2, this.epsilon, c1, c2);
    for (let s = 0; s < this.nTouched; s++) {
      const row = this.touched[s]!;
      adamUpdate(this.model.embeddings, this.gRows, this.mE, this.vE, row * dim, s * dim, dim, lr, this.beta1, this.beta2, this.epsilon, c1, c2);
      this.slotOf[row] = -1;
    }
    this.gRows.fill(0, 0, this.nTouched * dim);
    this.nTouched = 0;
    return loss;
  }

  /** The gradient slot of an embedding row, assigned on first touch in a batch. */
  private slot(row: number): number {
    let s = this.slotOf[row]!;
    if (s >= 0) return s;
    s = this.nTouched++;
    if (s >= this.touched.length) {
      const grown = new Int32Array(this.touched.length * 2);
      grown.set(this.touched);
      this.touched = grown;
      const rows = new Float32Array(this.touched.length * this.model.shape.dim);
      rows.set(this.gRows);
      this.gRows = rows;
    }
    this.touched[s] = row;
    this.slotOf[row] = s;
    return s;
  }
}

/** Adam on `len` parameters from `p[pOff]` with gradients from `g[gOff]`. */
function adamUpdate(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, pOff: number, gOff: number, len: number, lr: number, b1: number, b2: number, eps: number, c1: number, c2: number): void {
  for (let i = 0; i < len; i++) {
    const gi = g[gOff + i]!;
    const k = pOff + i;
    const mi = b1 * m[k]! + (1 - b1) * gi;
    const vi = b2 * v[k]! + (1 - b2) * gi * gi;
    m[k] = mi;
    v[k] = vi;
    p[k]! -= (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
  }
}
