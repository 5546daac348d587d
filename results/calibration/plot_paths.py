#!/usr/bin/env python3
"""plot_paths.py PATHS_CSV PNG: the kernel beside the simulator for every calibration path:
CPU ns per packet (64 and 1472 B payload) and minimum ping RTT."""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

rows = [r for r in csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("#"))]
labels = [f"{r['path'].replace('router-rules-', 'rules-')} {r['size']} B" for r in rows]
x = range(len(rows))
fig, (a, b) = plt.subplots(2, 1, figsize=(max(8, len(rows) * 0.7), 8))
w = 0.4
a.bar([i - w / 2 for i in x], [float(r["kernel_ns_per_packet"]) for r in rows], w, label="kernel")
a.bar([i + w / 2 for i in x], [float(r["sim_ns_per_packet"]) for r in rows], w, label="linuxnet")
for i, r in enumerate(rows):
    a.annotate(f"{float(r['error_percent']):+.0f}%", (i, float(r["sim_ns_per_packet"])), ha="center",
               va="bottom", fontsize=7)
a.set_ylabel("CPU ns per packet (sender, single flow)")
a.set_xticks(list(x))
a.set_xticklabels(labels, fontsize=7, rotation=40, ha="right")
a.legend()
a.set_yscale("log")
b.bar([i - w / 2 for i in x], [float(r["kernel_rtt_min_us"]) for r in rows], w, label="kernel")
b.bar([i + w / 2 for i in x], [float(r["sim_rtt_min_us"]) for r in rows], w, label="linuxnet")
b.set_ylabel("min ping RTT (µs)")
b.set_xticks(list(x))
b.set_xticklabels(labels, fontsize=7, rotation=40, ha="right")
b.legend()
fig.suptitle("calibration paths: the real kernel beside linuxnet with the fitted cost table")
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=100)
