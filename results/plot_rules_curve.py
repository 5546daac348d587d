#!/usr/bin/env python3
"""plot_rules_curve.py CSV PNG: ns per packet and min RTT vs FORWARD rules, kernel beside simulator."""
import csv, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

rows = list(csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("#")))
fig, axes = plt.subplots(1, 3, figsize=(15, 4.5))
for ax, kind in zip(axes[:2], ("src", "dport")):
    for size, style in (("64", "o"), ("1472", "s")):
        rs = sorted((r for r in rows if r["kind"] == kind and r["size"] == size), key=lambda r: int(r["rules"]))
        x = [int(r["rules"]) for r in rs]
        ax.plot(x, [float(r["kernel_ns_per_packet"]) / 1000 for r in rs], style + "-", label=f"kernel {size} B")
        ax.plot(x, [float(r["sim_ns_per_packet"]) / 1000 for r in rs], style + "--", label=f"simulator {size} B")
    ax.set_xscale("symlog", linthresh=100)
    ax.set_yscale("log")
    ax.set_xlabel("FORWARD rules crossed")
    ax.set_ylabel("CPU µs per packet")
    ax.set_title(f"`-{'s' if kind == 'src' else 'p udp --dport'}` rules")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
ax = axes[2]
for kind, style in (("src", "o"), ("dport", "s")):
    rs = sorted((r for r in rows if r["kind"] == kind and r["size"] == "64"), key=lambda r: int(r["rules"]))
    x = [int(r["rules"]) for r in rs]
    ax.plot(x, [float(r["kernel_rtt_min_us"]) for r in rs], style + "-", label=f"kernel, {kind} rules")
    ax.plot(x, [float(r["sim_rtt_min_us"]) for r in rs], style + "--", label=f"simulator, {kind} rules")
ax.set_xscale("symlog", linthresh=100)
ax.set_xlabel("FORWARD rules crossed")
ax.set_ylabel("min ping RTT (µs)")
ax.grid(True, which="both", alpha=0.3)
ax.legend()
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=100)
