"""plot_bridge.py CSV PNG: frames per wall-second through a Linux bridge as ports and fdb entries grow."""
import csv, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

rows = list(csv.DictReader(open(sys.argv[1])))
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
ax = axes[0]
for workload, col, style, label in [("unicast", "frames_per_wall_s", "o-", "unicast (learned)"),
                                    ("flood", "frames_per_wall_s", "s--", "flood: frames in"),
                                    ("flood", "port_frames_per_wall_s", "^:", "flood: frames out of ports")]:
    pts = [(int(r["ports"]), float(r[col])) for r in rows if r["workload"] == workload]
    ax.plot([p[0] for p in pts], [p[1] for p in pts], style, label=label)
ax.set_xscale("log", base=2)
ax.set_yscale("log")
ax.set_xlabel("bridge ports")
ax.set_ylabel("frames per wall-clock second")
ax.set_title("ports")
ax.legend()
ax = axes[1]
bars = [("fdb " + r["fdb_entries"], float(r["frames_per_wall_s"])) for r in rows if r["workload"] == "fdb"]
bars += [(r["workload"], float(r["frames_per_wall_s"])) for r in rows if r["workload"].startswith("brnf")]
ax.bar([b[0] for b in bars], [b[1] for b in bars])
ax.set_ylabel("frames per wall-clock second (2 ports)")
ax.set_title("fdb entries, br_netfilter")
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=100)
