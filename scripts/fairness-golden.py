"""Expected values for the fairness golden tests, computed independently of the TypeScript engine.

A straightforward implementation with pandas and scikit-learn (Debian's python3-pandas and
python3-sklearn): rows are grouped with pandas, each group's metrics come from sklearn.metrics
with the conventions Fairlearn uses (its rates read confusion_matrix(normalize="true"), where
0/0 becomes 0; precision with zero_division=0; balanced_accuracy_score; roc_auc_score, None
where it raises), and the aggregates follow Fairlearn's MetricFrame definitions:
group_min/max, difference between_groups (max - min) and to_overall (max |group - overall|),
ratio between_groups (min / max) and to_overall (min of group / overall, ratios above 1
inverted), the named metrics with Python's max/min for the equalized-odds worst case and
pandas' mean for agg="mean". For the interval check it runs Fairlearn's kind of bootstrap:
resample the rows with replacement, recompute, take numpy quantiles.

Reads test/fixtures/fairness/cases.json and the CSVs that scripts/generate-fairness-fixtures.ts
wrote; writes <case>.expected.json beside them.

    /usr/bin/python3 scripts/fairness-golden.py
"""
import json
import math
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn import metrics as skm

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "test", "fixtures", "fairness")
MISSING = "(missing)"
METRICS = [
    "accuracy",
    "balanced_accuracy",
    "selection_rate",
    "base_rate",
    "true_positive_rate",
    "false_positive_rate",
    "false_negative_rate",
    "true_negative_rate",
    "precision",
]


def clean(x):
    """NaN and numpy scalars to JSON."""
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) else x


def group_metrics(y, p, s, w):
    """Metrics of one group (y, p as 0/1 arrays, s scores or None, w weights or None)."""
    cm = skm.confusion_matrix(y, p, labels=[0, 1], sample_weight=w)
    tn, fp, fn, tp = cm.ravel()
    rates = skm.confusion_matrix(y, p, labels=[0, 1], sample_weight=w, normalize="true")
    tnr, fpr, fnr, tpr = rates.ravel()
    weights = np.ones(len(y)) if w is None else w
    out = {
        "count": int(len(y)),
        "accuracy": skm.accuracy_score(y, p, sample_weight=w),
        "balanced_accuracy": skm.balanced_accuracy_score(y, p, sample_weight=w),
        "selection_rate": float(np.dot(p == 1, weights) / weights.sum()),
        "base_rate": float(np.dot(y == 1, weights) / weights.sum()),
        "true_positive_rate": tpr,
        "false_positive_rate": fpr,
        "false_negative_rate": fnr,
        "true_negative_rate": tnr,
        "precision": skm.precision_score(y, p, sample_weight=w, zero_division=0),
    }
    if s is not None:
        try:
            out["roc_auc"] = skm.roc_auc_score(y, s, sample_weight=w)
        except ValueError:
            out["roc_auc"] = None
    out.update({"tp": tp, "fp": fp, "tn": tn, "fn": fn})
    return {k: clean(v) if k != "count" else v for k, v in out.items()}


def ratio_to_one(x):
    return 1 / x if x > 1 else x


def frame(df, attrs, score):
    """One analysis: overall, by group and the aggregates."""
    w = df["w"].to_numpy() if "w" in df else None
    s = df["s"].to_numpy() if score else None
    overall = group_metrics(df["y"].to_numpy(), df["p"].to_numpy(), s, w)
    rows = []
    for key, g in df.groupby(attrs if len(attrs) > 1 else attrs[0], sort=True):
        key = key if isinstance(key, tuple) else (key,)
        gm = group_metrics(g["y"].to_numpy(), g["p"].to_numpy(), g["s"].to_numpy() if score else None, g["w"].to_numpy() if "w" in g else None)
        rows.append({"group": dict(zip(attrs, key)), **gm})
    names = ["count", *METRICS, *(["roc_auc"] if score else [])]
    by = pd.DataFrame([{n: (np.nan if r[n] is None else r[n]) for n in names} for r in rows])
    ov = pd.Series({n: (np.nan if overall[n] is None else overall[n]) for n in names})
    with np.errstate(divide="ignore", invalid="ignore"):
        gmin, gmax = by.min(), by.max()
        to_overall_ratio = (by / ov).apply(lambda col: col.transform(ratio_to_one)).min()
        agg = {
            "group_min": gmin,
            "group_max": gmax,
            "difference": {"between_groups": gmax - gmin, "to_overall": (by - ov).abs().max()},
            "ratio": {"between_groups": gmin / gmax, "to_overall": to_overall_ratio},
        }
    fm = {}
    for method in ("between_groups", "to_overall"):
        d, r = agg["difference"][method], agg["ratio"][method]
        eo_d = pd.Series([d["true_positive_rate"], d["false_positive_rate"]])
        eo_r = pd.Series([r["true_positive_rate"], r["false_positive_rate"]])
        fm[method] = {
            "demographic_parity_difference": d["selection_rate"],
            "demographic_parity_ratio": r["selection_rate"],
            "equalized_odds_difference": max(eo_d),
            "equalized_odds_ratio": min(eo_r),
            "equalized_odds_difference_agg_mean": eo_d.mean(),
            "equalized_odds_ratio_agg_mean": eo_r.mean(),
            "equal_opportunity_difference": d["true_positive_rate"],
            "equal_opportunity_ratio": r["true_positive_rate"],
        }
    as_dict = lambda series: {k: clean(v) for k, v in series.items()}
    return {
        "sensitive_features": attrs,
        "overall": {k: v for k, v in overall.items() if k not in ("tp", "fp", "tn", "fn")},
        "by_group": rows,
        "group_min": as_dict(agg["group_min"]),
        "group_max": as_dict(agg["group_max"]),
        "difference": {m: as_dict(agg["difference"][m]) for m in agg["difference"]},
        "ratio": {m: as_dict(agg["ratio"][m]) for m in agg["ratio"]},
        "fairness_metrics": {m: {k: clean(v) for k, v in fm[m].items()} for m in fm},
    }


def bootstrap(df, attrs, n_boot, seed):
    """Row bootstrap (as Fairlearn's MetricFrame(n_boot=…) does): 2.5% and 97.5% quantiles of a few values."""
    rng = np.random.default_rng(seed)
    samples = {"overall.selection_rate": [], "fairness_metrics.between_groups.demographic_parity_difference": [], "fairness_metrics.to_overall.equalized_odds_difference": []}
    first_group = None
    for _ in range(n_boot):
        idx = rng.integers(0, len(df), len(df))
        f = frame(df.iloc[idx].reset_index(drop=True), attrs, False)
        samples["overall.selection_rate"].append(f["overall"]["selection_rate"])
        samples["fairness_metrics.between_groups.demographic_parity_difference"].append(f["fairness_metrics"]["between_groups"]["demographic_parity_difference"])
        samples["fairness_metrics.to_overall.equalized_odds_difference"].append(f["fairness_metrics"]["to_overall"]["equalized_odds_difference"])
        g = f["by_group"][0]
        if first_group is None:
            first_group = g["group"]
        key = "by_group." + ", ".join(first_group[a] for a in attrs) + ".true_positive_rate"
        if g["group"] == first_group:
            samples.setdefault(key, []).append(g["true_positive_rate"])
    return {k: [float(np.quantile(v, 0.025)), float(np.quantile(v, 0.975))] for k, v in samples.items()}


def read_case(case):
    df = pd.read_csv(os.path.join(FIXTURES, case["file"]), dtype=str, keep_default_na=False)
    out = pd.DataFrame()
    for a in case["sensitive"]:
        v = df[a].str.strip()
        out[a] = v.mask(v == "", MISSING)
    y = df[case["y_true"]]
    classes = None
    if case.get("threshold") is not None:
        out["p"] = (df[case["score"]].astype(float) >= case["threshold"]).astype(int)
    else:
        p = df[case["y_pred"]]
        if set(y) | set(p) <= {"0", "1"}:
            out["p"] = p.astype(int)
        else:
            classes = sorted(set(y) | set(p))
            out["p_raw"] = p
    if classes is None:
        out["y"] = y.astype(int)
    else:
        out["y_raw"] = y
    if case.get("score"):
        out["s"] = df[case["score"]].astype(float)
    if case.get("weight"):
        out["w"] = df[case["weight"]].astype(float)
    return out, classes


def analyses(df, case, score):
    attrs = case["sensitive"]
    result = {a: frame(df, [a], score) for a in attrs}
    if case["intersect"] and len(attrs) > 1:
        result[",".join(attrs)] = frame(df, attrs, score)
    return result


def main():
    with open(os.path.join(FIXTURES, "cases.json")) as f:
        cases = json.load(f)
    for case in cases:
        df, classes = read_case(case)
        expected = {"rows": int(len(df)), "generated_by": f"scripts/fairness-golden.py (pandas {pd.__version__}, scikit-learn {sklearn.__version__})"}
        if classes is None:
            expected["analyses"] = analyses(df, case, bool(case.get("score")))
            if case["n_boot"]:
                expected["bootstrap"] = {"n_boot": case["n_boot"], "attribute": case["sensitive"][0], "quantiles": [0.025, 0.975], "intervals": bootstrap(df, [case["sensitive"][0]], case["n_boot"], 12345)}
        else:
            expected["classes"] = classes
            expected["one_vs_rest"] = {}
            for c in classes:
                d = df.copy()
                d["y"] = (d["y_raw"] == c).astype(int)
                d["p"] = (d["p_raw"] == c).astype(int)
                expected["one_vs_rest"][c] = analyses(d, case, False)
        with open(os.path.join(FIXTURES, f"{case['name']}.expected.json"), "w") as f:
            json.dump(expected, f, indent=1)
            f.write("\n")
        print(f"wrote {case['name']}.expected.json")


if __name__ == "__main__":
    main()
