#!/usr/bin/env python3
"""plot_load_curve.py CSV PNG: delivered rate and ping RTT vs offered UDP load through a router,
kernel beside simulator (the unpaced run, offered 0, is drawn at its sender's rate)."""
import csv, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

rows = list(csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("#")))
paced = sorted((r for r in rows if int(r["offered_pps"]) > 0), key=lambda r: int(r["offered_pps"]))
unpaced = [r for r in rows if int(r["offered_pps"]) == 0]
k = lambda v: float(v) / 1000
fig, (a, b) = plt.subplots(1, 2, figsize=(12, 4.5))
x = [k(r["offered_pps"]) for r in paced]
a.plot(x, x, ":", color="grey", label="delivered = offered")
for who, style in (("kernel", "o-"), ("sim", "s--")):
    name = "simulator" if who == "sim" else who
    a.plot(x, [k(r[f"{who}_rx_pps"]) for r in paced], style, label=f"{name}, paced (-b)")
    for r in unpaced:
        a.plot([k(r[f"{who}_tx_pps"])], [k(r[f"{who}_rx_pps"])], style[0], mfc="none", ms=10,
               label=f"{name}, unpaced (-b 0), at its send rate")
    b.plot(x, [float(r[f"{who}_rtt_avg_us"]) for r in paced], style, label=f"{name}, avg")
    b.plot(x, [float(r[f"{who}_rtt_min_us"]) for r in paced], style[0] + ":", label=f"{name}, min")
a.set_xlabel("offered (k datagrams/s, 64 B)")
a.set_ylabel("delivered (k datagrams/s)")
a.set_title("UDP through a router")
b.set_xlabel("offered (k datagrams/s, 64 B)")
b.set_ylabel("ping RTT on the sender's CPU (µs)")
b.set_title("RTT under load")
for ax in (a, b):
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=100)
