"""The pandas side of `npm run bench:profile`: the same group-bys as `rml profile` on the same file.

Reads the file, normalises values the way the profile does (trimmed text, blanks and nulls as
"(missing)", age binned at 18/30/45/65 with "(not a number)" for unparsable values), then counts
rows per (group, label) for each attribute and each pair of attributes. Prints one JSON object:
timings, peak RSS (getrusage) and the per-group counts, which bench-profile.ts checks against
the profile. No bootstrap or statistics: this is the group-by work alone.

    /usr/bin/python3 scripts/bench/bench-profile.py --file F --format csv|jsonl
"""
import argparse
import json
import resource
import time

import numpy as np
import pandas as pd

CATEGORICAL = ["gender", "race"]
AGE_EDGES = [18, 30, 45, 65]
AGE_LABELS = ["<18", "18–29", "30–44", "45–64", "≥65"]


def normalise_text(s: pd.Series) -> pd.Series:
    s = s.astype("string").str.strip()
    return s.mask(s.isna() | (s == ""), "(missing)").astype(str)


def bin_age(s: pd.Series) -> pd.Series:
    text = s.astype("string").str.strip()
    missing = text.isna() | (text == "")
    num = pd.to_numeric(text, errors="coerce")
    binned = pd.cut(num, bins=[-np.inf, *AGE_EDGES, np.inf], right=False, labels=AGE_LABELS).astype(str)
    binned = binned.mask(num.isna(), "(not a number)")
    return binned.mask(missing, "(missing)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--file", required=True)
    ap.add_argument("--format", choices=["csv", "jsonl"], required=True)
    args = ap.parse_args()

    t0 = time.perf_counter()
    if args.format == "csv":
        # Only the columns the profile needs, all as text, blanks kept as "" (as the profile reads them).
        df = pd.read_csv(args.file, usecols=[*CATEGORICAL, "age", "label"], dtype=str, keep_default_na=False)
    else:
        df = pd.read_json(args.file, lines=True, dtype=False)
    t1 = time.perf_counter()

    groups = pd.DataFrame({c: normalise_text(df[c]) for c in CATEGORICAL})
    groups["age"] = bin_age(df["age"])
    groups["label"] = normalise_text(df["label"])
    attrs = [*CATEGORICAL, "age"]
    counts = {}
    for a in attrs:
        counts[a] = groups.groupby([a, "label"], observed=True).size()
    for i, a in enumerate(attrs):
        for b in attrs[i + 1:]:
            counts[f"{a},{b}"] = groups.groupby([a, b, "label"], observed=True).size()
    t2 = time.perf_counter()

    usage = resource.getrusage(resource.RUSAGE_SELF)
    out = {
        "rows": int(len(df)),
        "read_seconds": t1 - t0,
        "groupby_seconds": t2 - t1,
        "seconds": t2 - t0,
        "peak_rss_bytes": usage.ru_maxrss * 1024,
        # CPU of the whole process (interpreter start-up and imports included), all threads.
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "pandas": pd.__version__,
        # Rows per group (label summed out), for the cross-check with the profile.
        "groups": {
            k: {" × ".join(map(str, idx if isinstance(idx, tuple) else (idx,))): int(n) for idx, n in v.groupby(level=list(range(v.index.nlevels - 1))).sum().items()}
            for k, v in counts.items()
        },
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
