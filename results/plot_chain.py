"""plot_chain.py CSV PNG: packets per wall-second across a chain of N namespaces, linuxnet vs ns-3."""
import csv, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

rows = list(csv.DictReader(open(sys.argv[1])))
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
for ax, workload in zip(axes, ["udp", "ping"]):
    for stack, style in [("linuxnet", "o-"), ("ns3", "s--")]:
        pts = [(int(r["namespaces"]), float(r["hop_packets_per_wall_s"])) for r in rows
               if r["stack"] == stack and r["workload"] == workload]
        ax.plot([p[0] for p in pts], [p[1] for p in pts], style, label=stack)
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("namespaces in the chain")
    ax.set_ylabel("packet-hops per wall-clock second")
    ax.set_title(workload)
    ax.legend()
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=100)
