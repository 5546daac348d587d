#!/usr/bin/env python3
"""plot_nat.py CSV PNG: packets per wall-clock second through a NAT router against the number of
tracked connections (results/bench_nat.cc)."""
import csv, sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

rows = list(csv.DictReader(open(sys.argv[1])))
x = [int(r["tracked"]) for r in rows]
y = [float(r["packets_per_wall_s"]) / 1000 for r in rows]
fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(x, y, "o-", label="linuxnet, MASQUERADE router (UDP, 64 B)")
ax.set_xscale("log")
ax.set_ylim(0, max(y) * 1.25)
ax.set_xlabel("tracked connections (conntrack entries)")
ax.set_ylabel("simulated packets per wall second (thousands)")
ax.set_title("NAT forwarding rate vs. conntrack table size")
for xi, yi in zip(x, y):
    ax.annotate(f"{yi:.0f}k", (xi, yi), textcoords="offset points", xytext=(0, 8), ha="center")
ax.grid(True, which="both", alpha=0.3)
ax.legend(loc="lower right")
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=120)
