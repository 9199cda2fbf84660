// The Dataset Report's headline: five numbers graded against the dataset's thresholds. Pure (no
// vscode, no DOM): the webview draws the cards from it and the Markdown export writes the same
// grades, so the two never disagree.
import type { DatasetProfile } from '../../core/profile/profile-types';
import type { HeadlineKey, HeadlineStatus, ReportThresholds } from '../../protocol/dataset-report-protocol';

export interface HeadlineCard {
  key: HeadlineKey;
  label: string;
  /** The number graded; null when it does not apply (no reference, no integrity run). */
  value: number | null;
  status: HeadlineStatus;
  /** The attribute the worst value belongs to. */
  attribute?: string;
  /** One line under the value: what it is measured against. */
  detail: string;
}

/** Below `warnFactor × threshold` a p-value warns (with the default 0.01 that is the usual 0.05). */
const P_WARN_FACTOR = 5;
/** At half the threshold a distance or ratio warns. */
const WARN_SHARE = 0.5;

function worst<T>(items: T[], score: (t: T) => number, lowerIsWorse: boolean): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    const s = score(item);
    if (Number.isNaN(s)) continue;
    if (best === undefined || (lowerIsWorse ? s < score(best) : s > score(best))) best = item;
  }
  return best;
}

/** Grades a value where bigger is worse. */
export function gradeHigh(value: number, threshold: number): HeadlineStatus {
  if (value >= threshold) return 'fail';
  return value >= threshold * WARN_SHARE ? 'warn' : 'ok';
}

/** Grades a p-value (smaller means a larger departure from the reference). */
export function gradePValue(p: number, threshold: number): HeadlineStatus {
  if (p < threshold) return 'fail';
  return p < Math.min(1, threshold * P_WARN_FACTOR) ? 'warn' : 'ok';
}

/** The five headline cards: rows, χ² p-value, TVD, imbalance ratio, leakage. */
export function headlineCards(profile: DatasetProfile, t: ReportThresholds): HeadlineCard[] {
  const attrs = Object.entries(profile.attributes);
  const withRef = attrs.filter(([, a]) => a.reference);
  const cards: HeadlineCard[] = [];

  cards.push({
    key: 'rows',
    label: 'Rows',
    value: profile.rows,
    status: profile.rows === 0 ? 'fail' : 'none',
    detail: profile.label ? `label field "${profile.label}"${profile.positive_label !== undefined ? ` (positive: ${profile.positive_label})` : ''}` : 'no label field configured',
  });

  const p = worst(withRef, ([, a]) => a.reference!.chi2.p_value, true);
  cards.push(
    p
      ? {
          key: 'p_value',
          label: 'χ² p-value',
          value: p[1].reference!.chi2.p_value,
          status: gradePValue(p[1].reference!.chi2.p_value, t.pValue),
          attribute: p[0],
          detail: `${p[0]}: χ² = ${p[1].reference!.chi2.statistic.toFixed(1)}, dof ${p[1].reference!.chi2.dof}; fails below ${t.pValue}`,
        }
      : { key: 'p_value', label: 'χ² p-value', value: null, status: 'none', detail: 'no reference population configured' },
  );

  const tvd = worst(withRef, ([, a]) => a.reference!.tvd, false);
  cards.push(
    tvd
      ? {
          key: 'tvd',
          label: 'Total variation distance',
          value: tvd[1].reference!.tvd,
          status: gradeHigh(tvd[1].reference!.tvd, t.tvd),
          attribute: tvd[0],
          detail: `${tvd[0]} vs reference; fails at ${t.tvd}`,
        }
      : { key: 'tvd', label: 'Total variation distance', value: null, status: 'none', detail: 'no reference population configured' },
  );

  const imb = worst(attrs, ([, a]) => a.imbalance_ratio, false);
  cards.push(
    imb
      ? {
          key: 'imbalance_ratio',
          label: 'Imbalance ratio',
          value: imb[1].imbalance_ratio,
          status: gradeHigh(imb[1].imbalance_ratio, t.imbalanceRatio),
          attribute: imb[0],
          detail: `${imb[0]}: largest / smallest group; fails at ${t.imbalanceRatio}`,
        }
      : { key: 'imbalance_ratio', label: 'Imbalance ratio', value: null, status: 'none', detail: 'no sensitive attributes' },
  );

  const leakage = profile.integrity?.leakage;
  cards.push(
    leakage
      ? {
          key: 'leakage',
          label: 'Train/test leakage',
          value: leakage.count,
          // Without splits (`split` unset) there is nothing to leak into: not graded.
          status: leakage.count > 0 ? 'fail' : leakage.split === undefined ? 'none' : 'ok',
          detail: leakage.count > 0 ? `rows whose text is also in ${Object.keys(leakage.by_split ?? {}).join(', ') || 'another split'}` : leakage.split === undefined ? 'no splits configured' : `no text of this ${leakage.split} split is in another`,
        }
      : { key: 'leakage', label: 'Train/test leakage', value: null, status: 'none', detail: 'integrity checks not run' },
  );
  return cards;
}
