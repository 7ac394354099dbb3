#!/usr/bin/env python3
"""Side-by-side table of one session's peer-benchmark results.

usage: table.py ROUND_DIR [ROUND_DIR ...]
Each ROUND_DIR holds sqlite.json, whosaid.json and optionally kuzu.json, ladybug.json as written
by run_peers.sh. Times are the medians over rounds of each round's warm median (first-run
medians in a second table); the ratio column is whosaid / SQLite (< 1 means whosaid is faster).
Rows whose counts differ between systems are marked with '!'."""
import json, os, statistics, sys

SYSTEMS = ["whosaid", "sqlite", "kuzu", "ladybug"]
ORDER = ["who_said", "top10", "two_hop", "two_hop_dedup", "shortest"]
# issue #7's targets, as the largest allowed whosaid/SQLite ratio (None: absolute target in ms)
TARGETS = {("who_said", "tail"): "≤ 1× SQLite", ("who_said", "head"): "≤ 0.2×", ("top10", "head"): "≤ 0.2×",
           ("two_hop_dedup", "head"): "≤ 0.2×", ("shortest", "pair0"): "≤ 10 ms", ("shortest", "pair1"): "≤ 10 ms"}


def load(dirs):
    res = {}  # system -> (query, target) -> {"warm": [..], "first": [..], "rows": set}
    meta = {}
    for d in dirs:
        for s in SYSTEMS:
            p = os.path.join(d, f"{s}.json")
            if not os.path.exists(p):
                continue
            j = json.load(open(p, encoding="utf-8"))
            meta.setdefault(s, []).append(j)
            for q in j["queries"]:
                r = res.setdefault(s, {}).setdefault((q["query"], q["target"]),
                                                     {"warm": [], "first": [], "rows": set()})
                if q.get("timed_out"):
                    r["rows"].add("timeout")
                    continue
                r["warm"].append(q["warm_ms"]); r["first"].append(q["first_ms"]); r["rows"].add(q["rows"])
    return res, meta


def fmt(x):
    if x is None:
        return "–"
    return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 100 else f"{x:.0f}"


def main():
    dirs = sys.argv[1:]
    res, meta = load(dirs)
    systems = [s for s in SYSTEMS if s in res]
    keys = sorted({k for s in systems for k in res[s]}, key=lambda k: (ORDER.index(k[0]) if k[0] in ORDER else 99, k[1]))
    keys = [k for k in keys if k[0] in ORDER]
    for kind in ("warm", "first"):
        print(f"\n{kind} median, ms ({len(dirs)} round(s)):\n")
        print("| question | target | rows | " + " | ".join(systems) + " | whosaid/SQLite | target |")
        print("|---|---|---|" + "---|" * len(systems) + "---|---|")
        for k in keys:
            vals, rows = {}, set()
            for s in systems:
                r = res[s].get(k)
                if r and r[kind]:
                    vals[s] = statistics.median(r[kind])
                if r:
                    rows |= r["rows"]
            ratio = vals["whosaid"] / vals["sqlite"] if "whosaid" in vals and vals.get("sqlite") else None
            rows_s = "/".join(str(x) for x in sorted(rows, key=str)) + (" !" if len(rows) > 1 else "")
            print(f"| {k[0]} | {k[1]} | {rows_s} | " + " | ".join(fmt(vals.get(s)) for s in systems)
                  + f" | {fmt(ratio)} | {TARGETS.get(k, '')} |")
    print()
    for s in systems:
        m = meta[s]
        load_s = [j.get("load_s", j.get("import_s")) for j in m]
        extra = ""
        if s == "whosaid":
            extra = (f", open (CSV import) + first answer {fmt(statistics.median(j['open_first_query_s'] for j in m))} s"
                     f", peak RSS {statistics.median(j['peak_rss_mib'] for j in m)} MiB")
            st = [j["store"] for j in m if "store" in j]
            if st:
                extra += (f"; store: open {fmt(statistics.median(x['open_s'] for x in st))} s + first answer "
                          f"{fmt(statistics.median(x['first_query_ms'] for x in st))} ms, save "
                          f"{statistics.median(x['save_rows_per_cpu_s'] for x in st)/1e6:.2f} M rows/CPU-s, "
                          f"{statistics.median(x['bytes'] for x in st)/1e6:.0f} MB")
                rss = [x["peak_rss_mib"] for x in st if "peak_rss_mib" in x]
                if rss:
                    extra += f", open peak RSS {statistics.median(rss)} MiB (fresh process)"
        print(f"- {m[0]['system']}: load {fmt(statistics.median(x for x in load_s if x is not None))} s{extra}")


if __name__ == "__main__":
    main()
