/**
 * Hugging Face log keys → the metric names the dashboard shows, as HF's own TensorBoard callback
 * rewrites them: eval_loss → eval/loss, test_f1 → test/f1, loss → train/loss, train_runtime →
 * train/train_runtime. Names that already hold a slash are kept. The template's JSONL callback
 * uses the same rule, so a value read from two sources is recognised as one.
 */
export function hfMetricName(key: string): string {
  if (key.includes('/')) return key;
  for (const prefix of ['eval', 'test', 'predict']) {
    if (key.startsWith(`${prefix}_`)) return `${prefix}/${key.slice(prefix.length + 1)}`;
  }
  return `train/${key}`;
}
