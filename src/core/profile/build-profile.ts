/**
 * Assembles the DatasetProfile from group tallies: shares, label rates, bootstrap intervals,
 * the reference comparison, imbalance and label-rate gaps. Pure: no I/O, so tests can feed it
 * hand-made tallies.
 */
import { binLabels } from './bin-labels';
import { bootstrapGroups } from './bootstrap-intervals';
import { imbalanceRatio, labelRateGap } from './group-statistics';
import type { GroupTally } from './group-tally';
import { choosePositiveLabel } from './positive-label';
import type { ProfileSpec, SensitiveAttribute } from './profile-spec';
import type { AttributeProfile, DatasetProfile, GroupProfile } from './profile-types';
import { compareWithReference } from './reference-comparison';
import { isSpecialGroup, MISSING_GROUP } from './special-groups';

export interface ProfileTallies {
  file: string;
  format?: string;
  rows: number;
  /** One map per spec attribute, in spec order. */
  attributes: Array<Map<string, GroupTally>>;
  /** One per spec intersection, in spec order. */
  intersections: Array<Map<string, GroupTally>>;
  /** Whole-file label counts, when the spec has a label that was counted. */
  labels?: { labels: Map<string, number>; missing: number };
  warnings?: string[];
}

function sortGroups(groups: GroupProfile[], attr?: SensitiveAttribute): GroupProfile[] {
  const order = attr?.bins ? binLabels(attr.bins) : undefined;
  const rank = (g: GroupProfile): number => (isSpecialGroup(g.value, g.parts) ? 1 : 0);
  return groups.sort((a, b) => {
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    if (order) {
      const ia = order.indexOf(a.value);
      const ib = order.indexOf(b.value);
      if (ia !== ib) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
    }
    return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  });
}

/** GroupProfiles for tallies, with bootstrap intervals over all of them (special groups included). */
function groupProfiles(tallyList: Iterable<GroupTally>, rows: number, spec: ProfileSpec, positive: string | undefined, hasLabel: boolean, stream: string, attr?: SensitiveAttribute): GroupProfile[] {
  const tallies = [...tallyList];
  const groups: GroupProfile[] = [];
  for (const t of tallies) {
    const g: GroupProfile = { value: t.value, count: t.count, share: rows > 0 ? t.count / rows : 0 };
    if (t.parts) g.parts = t.parts;
    if (hasLabel) {
      g.label_counts = Object.fromEntries([...t.labels].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
      g.missing_rate = t.count > 0 ? t.missingLabel / t.count : 0;
      const labelled = t.count - t.missingLabel;
      if (positive !== undefined && labelled > 0) g.label_rate = (t.labels.get(positive) ?? 0) / labelled;
    }
    if (t.count > 0 && t.count < spec.thresholds.smallCell && !isSpecialGroup(t.value, t.parts)) g.small = true;
    groups.push(g);
  }
  sortGroups(groups, attr);
  if (spec.bootstrap.resamples > 0 && rows > 0) {
    const byValue = new Map(tallies.map((t) => [t.value, t]));
    const samples = groups.map((g) => {
      const t = byValue.get(g.value);
      const labelled = t ? t.count - t.missingLabel : 0;
      return positive !== undefined && t ? { count: g.count, labelled, positives: t.labels.get(positive) ?? 0 } : { count: g.count };
    });
    const boot = bootstrapGroups(samples, spec.bootstrap, stream);
    groups.forEach((g, i) => {
      g.share_ci = boot.share[i]!;
      if (boot.rate[i]) g.label_rate_ci = boot.rate[i]!;
    });
  }
  return groups;
}

function attributeProfile(attr: SensitiveAttribute, tallies: Map<string, GroupTally>, input: ProfileTallies, spec: ProfileSpec, positive: string | undefined, hasLabel: boolean, warnings: string[]): AttributeProfile {
  const ref = spec.reference[attr.name];
  const outcome = ref ? compareWithReference(attr.name, [...tallies.values()], ref) : undefined;
  warnings.push(...(outcome?.warnings ?? []));
  // Reference values absent from the data are shown as groups of 0 rows.
  const all = new Map(tallies);
  for (const v of outcome?.comparison ? outcome.absent : []) {
    if (!all.has(v) && !outcome!.comparison!.categories!.find((c) => c.value === v)?.pooled) all.set(v, { value: v, count: 0, labels: new Map(), missingLabel: 0 });
  }
  const groups = groupProfiles(all.values(), input.rows, spec, positive, hasLabel, attr.name, attr);
  const cmp = outcome?.comparison;
  if (cmp) {
    const byRef = new Map(cmp.categories!.map((c) => [c.value, c]));
    for (const g of groups) {
      const refValue = outcome!.matched.get(g.value) ?? (g.count === 0 ? g.value : undefined);
      const cat = refValue !== undefined ? byRef.get(refValue) : undefined;
      if (!cat || cat.pooled) continue;
      g.expected_share = cat.expected_share;
      g.expected_count = cat.expected;
      g.compared_share = cat.observed_share;
    }
  }
  const demographic = groups.filter((g) => !isSpecialGroup(g.value));
  const gap = labelRateGap(
    demographic.filter((g) => g.label_rate !== undefined).map((g) => ({ value: g.value, count: g.count, rate: g.label_rate! })),
    spec.thresholds.smallCell,
  );
  return {
    column: attr.column,
    groups,
    ...(cmp ? { reference: cmp } : {}),
    imbalance_ratio: imbalanceRatio(demographic.map((g) => g.count)),
    missing: tallies.get(MISSING_GROUP)?.count ?? 0,
    ...(gap ? { label_rate_gap: gap.gap } : {}),
    ...(attr.bins ? { bins: attr.bins } : {}),
  };
}

/** Builds the profile of one file from its tallies and the resolved spec. */
export function buildProfile(input: ProfileTallies, spec: ProfileSpec): DatasetProfile {
  const warnings = [...(input.warnings ?? [])];
  if (spec.attributes.length === 0) warnings.push('no sensitive attributes for this file: list them in datasets[].sensitive of responsible-ml.config.json (or pass rml profile --sensitive)');
  const hasLabel = spec.label !== undefined && input.labels !== undefined;
  let positive: string | undefined;
  if (hasLabel) {
    const choice = choosePositiveLabel(input.labels!.labels, spec.positiveLabel);
    positive = choice.positive;
    if (choice.warning) warnings.push(`label '${spec.label}': ${choice.warning}`);
  }
  const attributes: Record<string, AttributeProfile> = {};
  spec.attributes.forEach((attr, i) => {
    attributes[attr.name] = attributeProfile(attr, input.attributes[i] ?? new Map(), input, spec, positive, hasLabel, warnings);
    if (input.rows > 0 && attributes[attr.name]!.missing === input.rows) warnings.push(`${attr.name}: every row's '${attr.column}' is missing — is the column name right?`);
  });
  const intersections: DatasetProfile['intersections'] = {};
  spec.intersections.forEach((names, i) => {
    const key = names.join(',');
    intersections[key] = { attributes: names, groups: groupProfiles((input.intersections[i] ?? new Map()).values(), input.rows, spec, positive, hasLabel, key) };
  });
  return {
    file: input.file,
    rows: input.rows,
    ...(hasLabel ? { label: spec.label } : {}),
    ...(positive !== undefined ? { positive_label: positive } : {}),
    attributes,
    intersections,
    warnings,
    ...(spec.bootstrap.resamples > 0 ? { bootstrap: { ...spec.bootstrap } } : {}),
    ...(input.format ? { format: input.format } : {}),
    ...(hasLabel ? { label_missing: input.labels!.missing, label_counts: Object.fromEntries([...input.labels!.labels].sort((a, b) => b[1] - a[1])) } : {}),
  };
}
