"""plot_rules.py SIM_CSV KERNEL_CSV OUT_PNG: cost per packet through N filter rules (first vs last
rule matching), the simulator's wall clock beside the real kernel's."""
import csv, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(7, 4.5))
for path, style in ((sys.argv[1], "-"), (sys.argv[2], "--")):
    rows = list(csv.DictReader(open(path)))
    for pos, marker in (("first", "o"), ("last", "s")):
        pts = [(int(r["rules"]), float(r["us_per_packet"])) for r in rows if r["position"] == pos]
        if pts:
            ax.plot(*zip(*pts), style, marker=marker, label=f"{rows[0]['stack']}, match on {pos} rule")
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("rules in the INPUT chain")
ax.set_ylabel("wall-clock µs per ping round trip")
ax.set_title("Cost per packet through a filter chain")
ax.grid(True, which="both", alpha=0.3)
ax.legend()
fig.tight_layout()
fig.savefig(sys.argv[3], dpi=120)
