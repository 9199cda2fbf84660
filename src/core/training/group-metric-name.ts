/**
 * Names of per-group validation metrics, the one convention the trainers and the dashboard share:
 *
 *   <split>/group/<attribute>=<value>/<metric>      e.g. eval/group/gender=female/accuracy
 *
 * `split` is where it was measured (eval, test, …; it may hold slashes), `attribute` a sensitive
 * field (no "/" or "="), `value` the group (any text, "/" and "=" included: the metric is the
 * part after the last "/"), `metric` the measure (accuracy, f1_macro, loss, …). Values are
 * written as they are, never URL-encoded. The dashboard draws one chart per split, attribute and
 * metric, with a line per group.
 */

export interface GroupMetricName {
  split: string;
  attribute: string;
  group: string;
  metric: string;
}

const PATTERN = /^(.+?)\/group\/([^/=]+)=(.+)\/([^/]+)$/s;

/** The parts of a per-group metric name, or undefined for any other metric. */
export function parseGroupMetricName(name: string): GroupMetricName | undefined {
  const m = PATTERN.exec(name);
  if (!m) return undefined;
  return { split: m[1]!, attribute: m[2]!, group: m[3]!, metric: m[4]! };
}

/** The metric name of one group's value (the inverse of parseGroupMetricName). */
export function groupMetricName(parts: GroupMetricName): string {
  if (/[/=]/.test(parts.attribute) || parts.attribute === '') throw new Error(`not a usable attribute name for a group metric: '${parts.attribute}'`);
  if (parts.metric.includes('/') || parts.metric === '') throw new Error(`not a usable metric name for a group metric: '${parts.metric}'`);
  return `${parts.split}/group/${parts.attribute}=${parts.group}/${parts.metric}`;
}
