#!/usr/bin/env python3
"""Summarizes JMH JSON results: mean +- 99.9% CI (JMH's), median and best iteration, and the bearer/plain ratio.

usage: python3 scripts/summarize.py target/jmh-result.json [more.json ...]
On a shared machine the best iteration (highest throughput / lowest time) is the least-disturbed estimate; the
median is the typical one; the JMH mean with its error is what JMH prints.
"""
import json
import statistics
import sys


def rows(path):
    for entry in json.load(open(path)):
        name = entry["benchmark"].rsplit(".", 2)[-2:]
        metric = entry["primaryMetric"]
        raw = [value for fork in metric["rawData"] for value in fork]
        thrpt = entry["mode"] == "thrpt"
        best = max(raw) if thrpt else min(raw)
        yield ".".join(name), entry["mode"], metric["score"], metric["scoreError"], statistics.median(raw), best, \
            metric["scoreUnit"], len(raw)


for path in sys.argv[1:]:
    print(f"## {path}")
    print("| Benchmark | Mode | Cnt | Mean | ± Error (99.9%) | Median | Best | Units |")
    print("|---|---|---|---|---|---|---|---|")
    results = {}
    for name, mode, score, error, median, best, unit, count in rows(path):
        results[name.split(".")[-1]] = (score, median, best)
        print(f"| {name} | {mode} | {count} | {score:,.3f} | {error:,.3f} | {median:,.3f} | {best:,.3f} | {unit} |")
    if "bearerCacheMiss" in results and "plainRs256Verify" in results:
        miss, plain = results["bearerCacheMiss"], results["plainRs256Verify"]
        print(f"\nbearerCacheMiss / plainRs256Verify: mean {miss[0] / plain[0]:.2f}, median {miss[1] / plain[1]:.2f},"
              f" best {miss[2] / plain[2]:.2f}")
        if "plainRs256VerifyReused" in results:
            reused = results["plainRs256VerifyReused"]
            print(f"bearerCacheMiss / plainRs256VerifyReused: mean {miss[0] / reused[0]:.2f},"
                  f" median {miss[1] / reused[1]:.2f}, best {miss[2] / reused[2]:.2f}")
    print()
