"""The pandas side of `npm run bench:fairness`: the same fairness report computed the way a pandas
user would, vectorised: read the CSV, confusion counts per group with groupby (3 attributes and
their intersection), the metric frame (Fairlearn's definitions) from the counts, ROC AUC per group
from average ranks (the Mann-Whitney form of sklearn's trapezoid, ties counted one half), and —
with --bootstrap N — the same count bootstrap as ours (numpy multinomial over the finest groups ×
confusion cells, metrics per resample, numpy quantiles), fully vectorised.

Prints one JSON object: timings per phase, peak RSS, CPU seconds, and values for the cross-check.

    /usr/bin/python3 scripts/bench/bench-fairness.py --file F [--bootstrap 1000]
"""
import argparse
import json
import resource
import time

import numpy as np
import pandas as pd

ATTRS = ["race", "sex", "age_group"]
MISSING = "(missing)"


def metrics_from_counts(tp, fp, tn, fn):
    """Fairlearn/sklearn conventions: a rate over nothing is 0; precision zero_division=0."""
    pos, neg = tp + fn, tn + fp
    total = pos + neg
    with np.errstate(divide="ignore", invalid="ignore"):
        sel = (tp + fp) / total
        tpr = np.where(pos > 0, tp / np.where(pos > 0, pos, 1), 0.0)
        fpr = np.where(neg > 0, fp / np.where(neg > 0, neg, 1), 0.0)
        bal = np.where((pos > 0) & (neg > 0), (tpr + (1 - fpr)) / 2, np.where(pos > 0, tpr, np.where(neg > 0, 1 - fpr, np.nan)))
        return {
            "accuracy": (tp + tn) / total,
            "balanced_accuracy": bal,
            "selection_rate": sel,
            "base_rate": pos / total,
            "true_positive_rate": tpr,
            "false_positive_rate": fpr,
            "false_negative_rate": np.where(pos > 0, fn / np.where(pos > 0, pos, 1), 0.0),
            "true_negative_rate": np.where(neg > 0, tn / np.where(neg > 0, neg, 1), 0.0),
            "precision": np.where(tp + fp > 0, tp / np.where(tp + fp > 0, tp + fp, 1), 0.0),
        }


def aggregates(by, overall):
    """by: (..., groups) array with NaN for absent groups; overall: (...) array."""
    with np.errstate(divide="ignore", invalid="ignore"):
        gmin, gmax = np.nanmin(by, axis=-1), np.nanmax(by, axis=-1)
        ratios = by / overall[..., None]
        ratios = np.where(ratios > 1, 1 / ratios, ratios)
        return {
            "min": gmin,
            "max": gmax,
            "diff_between": gmax - gmin,
            "diff_overall": np.nanmax(np.abs(by - overall[..., None]), axis=-1),
            "ratio_between": gmin / gmax,
            "ratio_overall": np.nanmin(ratios, axis=-1),
        }


def fairness(agg_sel, agg_tpr, agg_fpr):
    out = {}
    for method, d, r in (("between_groups", "diff_between", "ratio_between"), ("to_overall", "diff_overall", "ratio_overall")):
        out[method] = {
            "demographic_parity_difference": agg_sel[d],
            "demographic_parity_ratio": agg_sel[r],
            "equalized_odds_difference": np.maximum(agg_tpr[d], agg_fpr[d]),
            "equalized_odds_ratio": np.minimum(agg_tpr[r], agg_fpr[r]),
            "equal_opportunity_difference": agg_tpr[d],
            "equal_opportunity_ratio": agg_tpr[r],
        }
    return out


def frame_from_cells(cells):
    """cells: (..., groups, 4) tp fp tn fn → metrics per group, overall, aggregates, fairness metrics."""
    by = metrics_from_counts(cells[..., 0], cells[..., 1], cells[..., 2], cells[..., 3])
    tot = cells.sum(axis=-2)
    overall = metrics_from_counts(tot[..., 0], tot[..., 1], tot[..., 2], tot[..., 3])
    present = cells.sum(axis=-1) > 0
    by = {k: np.where(present, v, np.nan) for k, v in by.items()}
    agg = {k: aggregates(by[k], overall[k]) for k in by}
    return by, overall, agg, fairness(agg["selection_rate"], agg["true_positive_rate"], agg["false_positive_rate"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--file", required=True)
    ap.add_argument("--bootstrap", type=int, default=0)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()

    t0, c0 = time.perf_counter(), time.process_time()
    df = pd.read_csv(args.file, usecols=["y_true", "y_pred", "score", *ATTRS], dtype={"y_true": np.int8, "y_pred": np.int8, "score": np.float64, **{a: "category" for a in ATTRS}})
    for a in ATTRS:
        df[a] = df[a].cat.add_categories([MISSING]).fillna(MISSING)
    t1, c1 = time.perf_counter(), time.process_time()

    # Confusion cell per row (tp 0, fp 1, tn 2, fn 3), counted per finest group (the intersection).
    cell = np.select([(df.y_true == 1) & (df.y_pred == 1), (df.y_true == 0) & (df.y_pred == 1), (df.y_true == 0) & (df.y_pred == 0)], [0, 1, 2], 3)
    df["cell"] = cell
    cube = df.groupby([*ATTRS, "cell"], observed=True).size().unstack("cell", fill_value=0).reindex(columns=[0, 1, 2, 3], fill_value=0)
    analyses = {a: [a] for a in ATTRS}
    analyses[",".join(ATTRS)] = ATTRS
    results = {}
    index = {}
    for key, attrs in analyses.items():
        cells = cube.groupby(level=attrs, observed=True).sum()
        index[key] = cells.index
        by, overall, agg, fm = frame_from_cells(cells.to_numpy(dtype=np.float64))
        results[key] = {"groups": [" | ".join(map(str, k if isinstance(k, tuple) else (k,))) for k in cells.index], "selection_rate": by["selection_rate"].tolist(), "fairness_metrics": {m: {k: float(v) for k, v in d.items()} for m, d in fm.items()}}
    t2, c2 = time.perf_counter(), time.process_time()

    # ROC AUC per group: average ranks within the group (ties count one half), Mann-Whitney U.
    for key, attrs in analyses.items():
        ranks = df.groupby(attrs, observed=True)["score"].rank(method="average")
        is_pos = df.y_true == 1
        sums = df[attrs].assign(pos_rank=ranks.where(is_pos, 0.0), pos=is_pos.astype(np.int64), rows=1).groupby(attrs, observed=True)[["pos_rank", "pos", "rows"]].sum()
        pos_rank, P = sums.pos_rank, sums.pos
        N = sums.rows - P
        auc = ((pos_rank - P * (P + 1) / 2) / (P * N)).reindex(index[key])
        results[key]["roc_auc"] = [None if not np.isfinite(x) else float(x) for x in auc.to_numpy()]
    t3, c3 = time.perf_counter(), time.process_time()

    boot = None
    if args.bootstrap > 0:
        rng = np.random.default_rng(args.seed)
        flat = cube.to_numpy(dtype=np.float64).ravel()
        n = flat.sum()
        draws = rng.multinomial(int(n), flat / n, size=args.bootstrap).astype(np.float64).reshape(args.bootstrap, *cube.shape)
        boot = {}
        for key, attrs in analyses.items():
            # Marginalise the resampled cube onto the analysis' groups: sort the finest groups by
            # their analysis group, then sum each run (np.add.reduceat).
            sub = pd.MultiIndex.from_arrays([cube.index.get_level_values(a) for a in attrs]) if len(attrs) > 1 else cube.index.get_level_values(attrs[0])
            inverse, _ = pd.factorize(sub, sort=True)
            order = np.argsort(inverse, kind="stable")
            starts = np.flatnonzero(np.r_[True, np.diff(inverse[order]) != 0])
            cells = np.add.reduceat(draws[:, order, :], starts, axis=1)
            by, overall, agg, fm = frame_from_cells(cells)
            q = lambda x: np.nanquantile(x, [0.025, 0.975], axis=0)
            boot[key] = {
                "by_group_selection_rate": q(by["selection_rate"]).tolist(),
                "demographic_parity_difference": q(fm["between_groups"]["demographic_parity_difference"]).tolist(),
            }
            # Every other metric and aggregate, as ours does (kept, not printed).
            for k in by:
                q(by[k]), q(overall[k])
                for v in agg[k].values():
                    q(v)
            for d in fm.values():
                for v in d.values():
                    q(v)
    t4, c4 = time.perf_counter(), time.process_time()

    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({
        "rows": int(len(df)),
        "read_seconds": t1 - t0,
        "report_seconds": t2 - t1,
        "auc_seconds": t3 - t2,
        "bootstrap_seconds": t4 - t3,
        # CPU seconds of each phase (all threads), which other work on the machine moves less than wall time.
        "read_cpu": c1 - c0,
        "report_cpu": c2 - c1,
        "auc_cpu": c3 - c2,
        "bootstrap_cpu": c4 - c3,
        "peak_rss_bytes": usage.ru_maxrss * 1024,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "results": results,
        "bootstrap": boot,
    }))


if __name__ == "__main__":
    main()
