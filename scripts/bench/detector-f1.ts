// Scores each detector on the labelled dev set with scripts/eval-pii.ts's evaluate(), over the
// entities all of them can be compared on.
import { evaluate, readLabelled, type EntityScores, type LabelledSpan } from '../eval-pii';
import { AlignmentError, COMPARED_ENTITIES, type Detector } from './detectors';

export interface DetectorF1 {
  detector: string;
  name: string;
  records: number;
  seconds: number;
  /** Records whose output could not be turned into spans (redact-pii only); scored as no prediction. */
  alignmentFailures: number;
  /** Overlap matching (same label, intersecting spans), per compared entity plus `micro`. */
  overlap: Record<string, EntityScores>;
  /** Exact offsets, per compared entity plus `micro`. */
  exact: Record<string, EntityScores>;
}

function micro(table: Record<string, EntityScores>): EntityScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const e of COMPARED_ENTITIES) {
    tp += table[e]?.truePositives ?? 0;
    fp += table[e]?.falsePositives ?? 0;
    fn += table[e]?.falseNegatives ?? 0;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f = (b: number): number => (precision + recall === 0 ? 0 : ((1 + b * b) * precision * recall) / (b * b * precision + recall));
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1: f(1), f2: f(2) };
}

function pick(table: Record<string, EntityScores>): Record<string, EntityScores> {
  const out: Record<string, EntityScores> = {};
  for (const e of COMPARED_ENTITIES) if (table[e]) out[e] = table[e];
  out.micro = micro(table);
  return out;
}

/**
 * Runs the detector over every record first (OpenRedaction is async; evaluate() wants a
 * synchronous predictor), then scores the stored predictions.
 */
export async function scoreDetector(detector: Detector, devSetPath: string): Promise<DetectorF1> {
  const records = readLabelled(devSetPath);
  const predictions = new Map<string, LabelledSpan[]>();
  let alignmentFailures = 0;
  const started = performance.now();
  for (const r of records) {
    if (predictions.has(r.text)) continue;
    let spans: LabelledSpan[] = [];
    try {
      spans = (await detector.detect(r.text, 'text')).filter((s) => (COMPARED_ENTITIES as readonly string[]).includes(s.label));
    } catch (err) {
      if (!(err instanceof AlignmentError)) throw err;
      alignmentFailures++;
    }
    predictions.set(r.text, spans);
  }
  const seconds = (performance.now() - started) / 1000;
  const result = evaluate(records, (text) => predictions.get(text) ?? []);
  return {
    detector: detector.id,
    name: detector.name,
    records: records.length,
    seconds,
    alignmentFailures,
    overlap: pick(result.overlap),
    exact: pick(result.exact),
  };
}
