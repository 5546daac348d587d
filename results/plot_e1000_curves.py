#!/usr/bin/env python3
"""plot_e1000_curves.py UDP_CSV TCP_CSV PNG: delivered vs offered 64-byte UDP through an e1000
pair, the receiver's missed frames and ping's RTT under load, per ITR mode; TCP with GRO on/off."""
import csv, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

rows = list(csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("#")))
tcp = list(csv.DictReader(l for l in open(sys.argv[2]) if not l.startswith("#")))
modes = []
for r in rows:
    if r["mode"] not in modes:
        modes.append(r["mode"])
k = lambda v: float(v) / 1000
fig, (a, b, c, d) = plt.subplots(1, 4, figsize=(20, 4.5))
xs = sorted({k(r["offered_pps"]) for r in rows})
a.plot(xs, xs, ":", color="grey", label="delivered = offered")
a.axhline(1e9 / (130 * 8) / 1000, color="grey", ls="--", lw=0.8, label="line rate (130 B a frame)")
for m, style in zip(modes, ("o-", "s--", "^-.", "d-")):
    mr = [r for r in rows if r["mode"] == m]
    x = [k(r["offered_pps"]) for r in mr]
    a.plot(x, [k(r["delivered_pps"]) for r in mr], style, label=m)
    b.plot(x, [float(r["udp_rcvbuf_errors"] or 0) / 1000 for r in mr], style, label=m + ": socket")
    b.plot(x, [float(r["rx_missed_errors"] or 0) / 1000 for r in mr], style[0] + ":", label=m + ": ring (missed)")
    c.plot(x, [float(r["rtt_avg_us"] or "nan") for r in mr], style, label=m)
a.set_xlabel("offered (k frames/s, 64 B UDP)")
a.set_ylabel("delivered to the socket reader (k/s)")
a.set_title("e1000 pair, 1 Gbit/s, 1-CPU receiver")
b.set_xlabel("offered (k frames/s)")
b.set_ylabel("dropped in 1 s (thousands)")
b.set_title("where the receiver drops")
c.set_xlabel("offered (k frames/s)")
c.set_ylabel("ping RTT avg (µs)")
c.set_title("latency under load")
c.set_yscale("log")
d.bar([r["gro"] for r in tcp], [float(r["bits_per_second"]) / 1e9 for r in tcp])
for i, r in enumerate(tcp):
    d.text(i, float(r["bits_per_second"]) / 1e9, f'{int(r["receiver_ip_packets"]):,} IP packets', ha="center", va="bottom", fontsize=8)
d.set_xlabel("GRO on the receiver")
d.set_ylabel("TCP Gbit/s")
d.set_title("TCP over 10 Gbit/s")
for ax in (a, b, c):
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig(sys.argv[3], dpi=100)
