#!/usr/bin/env python3
"""bench_setup.py [options]: wall time per `ip` command as a setup grows (setup scaling).

Generates scenario scripts, runs them through `build/linuxnet run` and writes
results/setup_scaling.csv and results/setup_scaling.png. Phases, for N in 1000, 10000, 100000:

  netns_add  `ip netns add nsI` x N
  veth_add   `ip -n hub link add vI type veth peer name pI netns nsI` x N, after `ip netns add hub`
             and the N namespaces (every v-end in the one hub namespace)
  link_show  `ip -n hub link show` once after that setup, at 250, 1000, 10000, 100000 devices
             (output to /dev/null inside the script; the time is divided by the devices it prints,
             lo included, counted with `ip -n hub link show | grep -c mtu` after the timed part; below
             20000 devices the show runs K = 20000 // N times in a row and the time is divided by K too)
  netns_del  `ip netns del nsI` x N after that setup (each takes its veth peer out of the hub)
  setup_total  not a phase of its own: the whole hub + N namespaces + N veth setup (the prefix of
             link_show), per command (2N+1 commands); N x 100000 is the "100k namespaces with a veth
             each in under 10 s" goal

Each phase runs once as a plain script of commands (mode=script) and once as `ip -batch -` with a
here-document (mode=batch; `-n hub -batch -` for the veth and show phases). If this build's ip has
no -batch, the batch rows are written with median_us_per_cmd=NA, runs=0 and a `#` note line.

Timing: every script prints a marker (`echo @@t0`) before the phase and one (`echo @@t1`) after
it; the runner flushes stdout after every command, so the time between the two markers arriving on
the pipe is the phase's wall time, with process start-up, script parsing and the teardown at exit
left out. Each measurement is the difference of two runs, with the phase and without it (same
prefix, same markers), divided by the number of commands (devices for link_show). All runs are
repeated --repeats times (5), interleaved across all measurements, and the median is reported. The
median process wall-clock difference (which includes parsing the phase's lines and tearing its
objects down at exit) is printed to stderr beside it. Every command also advances virtual time by
1 ms (the runner's fork/exec allowance); that is part of the cost measured.

CSV columns: phase,mode,n,median_us_per_cmd,runs
"""
import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PHASES = ["netns_add", "veth_add", "link_show", "netns_del"]


# ---- script generation ----------------------------------------------------------------------

def heredoc(head, body):
    return [head + " <<EOF"] + body + ["EOF"]


def ns_lines(n, mode):
    body = ["netns add hub"] + [f"netns add ns{i}" for i in range(n)]
    return heredoc("ip -batch -", body) if mode == "batch" else ["ip " + l for l in body]


def veth_lines(n, mode):
    body = [f"link add v{i} type veth peer name p{i} netns ns{i}" for i in range(n)]
    return heredoc("ip -n hub -batch -", body) if mode == "batch" else ["ip -n hub " + l for l in body]


def show_repeats(n):
    """How many times link_show runs in its timed part: a few ms alone drown in scheduling noise."""
    return max(1, 20000 // n)


def scripts(phase, mode, n):
    """(prefix, phase, tail) line lists: the timed part is `phase`; tail runs after the end marker."""
    if phase == "netns_add":
        body = [f"netns add ns{i}" for i in range(n)]
        timed = heredoc("ip -batch -", body) if mode == "batch" else ["ip " + l for l in body]
        return [], timed, []
    setup = ns_lines(n, mode) + veth_lines(n, mode)
    if phase == "veth_add":
        return ns_lines(n, mode), veth_lines(n, mode), []
    if phase == "link_show":
        k = show_repeats(n)
        timed = (heredoc("ip -n hub -batch - >/dev/null", ["link show"]) if mode == "batch"
                 else ["ip -n hub link show >/dev/null"]) * k
        return setup, timed, ["ip -n hub link show | grep -c mtu"]
    if phase == "netns_del":
        body = [f"netns del ns{i}" for i in range(n)]
        timed = heredoc("ip -batch -", body) if mode == "batch" else ["ip " + l for l in body]
        return setup, timed, []
    raise ValueError(phase)


def write_script(path, prefix, timed, tail):
    with open(path, "w") as f:
        f.write("echo @@s\n")
        for l in prefix:
            f.write(l + "\n")
        f.write("echo @@t0\n")
        for l in timed:
            f.write(l + "\n")
        f.write("echo @@t1\n")
        for l in tail:
            f.write(l + "\n")


# ---- running --------------------------------------------------------------------------------

class RunError(Exception):
    pass


def run(binary, script):
    """Runs one script; returns (marks: name -> seconds since start, other stdout lines, wall_s)."""
    marks, other = {}, []
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen([binary, "run", script], stdout=subprocess.PIPE, stderr=err)
        for line in p.stdout:
            t = time.perf_counter() - t0
            s = line.decode(errors="replace").rstrip("\n")
            if s.startswith("@@"):
                marks[s[2:]] = t
            else:
                other.append(s)
        rc = p.wait()
        wall = time.perf_counter() - t0
        err.seek(0)
        msg = err.read().decode(errors="replace")
    if rc != 0 or msg:
        raise RunError(f"{script}: exit {rc}\n{msg[:2000]}")
    return marks, other, wall


def batch_supported(binary, tmp):
    path = os.path.join(tmp, "batch-check.sh")
    with open(path, "w") as f:
        f.write("ip -batch - <<EOF\nnetns add x\nEOF\nip netns list\n")
    p = subprocess.run([binary, "run", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
    ok = p.returncode == 0 and "x" in out.split() and not err
    return ok, (err or out).strip().splitlines()[0] if (err or out).strip() else f"exit {p.returncode}"


# ---- plot -----------------------------------------------------------------------------------

def plot(csv_path, png_path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("bench_setup: no matplotlib for this python, plot skipped (apt-get install python3-matplotlib; "
              "run with /usr/bin/python3)", file=sys.stderr)
        return
    rows = [r for r in csv.DictReader(l for l in open(csv_path) if not l.startswith("#"))
            if r["median_us_per_cmd"] not in ("", "NA")]
    labels = {"netns_add": "ip netns add", "veth_add": "ip -n hub link add ... type veth ... netns nsI",
              "link_show": "ip -n hub link show (per device printed)", "netns_del": "ip netns del (veth peer in hub)",
              "setup_total": "whole setup: hub + N netns + N veth (per command)"}
    styles = {"script": "-", "batch": "--"}
    markers = {"netns_add": "o", "veth_add": "s", "link_show": "^", "netns_del": "v", "setup_total": "x"}
    fig, ax = plt.subplots(figsize=(8, 5))
    total = None
    for phase in PHASES + ["setup_total"]:
        for mode in ("script", "batch"):
            pts = sorted((int(r["n"]), float(r["median_us_per_cmd"])) for r in rows
                         if r["phase"] == phase and r["mode"] == mode)
            if not pts:
                continue
            ax.plot([p[0] for p in pts], [p[1] for p in pts], markers[phase] + styles[mode],
                    label=f"{labels[phase]} [{mode}]", alpha=0.6 if phase == "setup_total" else 1)
            if phase == "setup_total" and mode == "script":
                n, us = pts[-1]
                total = (n, us * (2 * n + 1) / 1e6)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("N (namespaces, veth pairs, or devices shown)")
    ax.set_ylabel("wall time per command (µs, median)")
    title = "linuxnet setup scaling: wall µs per ip command"
    if total:
        title += f"\nwhole setup of {total[0]:,} netns + veth: {total[1]:.1f} s"
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    fig.savefig(png_path, dpi=110)


# ---- main -----------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.environ.get("LINUXNET_BIN",
                                                   os.path.join(os.environ.get("LINUXNET_BUILD_DIR",
                                                                               os.path.join(HERE, "..", "build")),
                                                                "linuxnet")))
    ap.add_argument("--sizes", default="1000,10000,100000", help="N for netns_add, veth_add, netns_del")
    ap.add_argument("--show-sizes", default="250,1000,10000,100000", help="N for link_show")
    ap.add_argument("--show-max-s", type=float, default=60.0,
                    help="drop a link_show size whose first run takes longer than this")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--modes", default="script,batch")
    ap.add_argument("--phases", default=",".join(PHASES))
    ap.add_argument("--csv", default=os.path.join(HERE, "setup_scaling.csv"))
    ap.add_argument("--png", default=os.path.join(HERE, "setup_scaling.png"))
    ap.add_argument("--plot-only", action="store_true", help="only redraw the PNG from the CSV")
    args = ap.parse_args()
    if args.plot_only:
        plot(args.csv, args.png)
        return 0

    sizes = [int(x) for x in args.sizes.split(",") if x]
    show_sizes = [int(x) for x in args.show_sizes.split(",") if x]
    phases = [p for p in args.phases.split(",") if p]
    modes = [m for m in args.modes.split(",") if m]
    tmp = tempfile.mkdtemp(prefix="bench_setup.")
    notes = []
    skipped = {}  # (phase, mode, n) -> reason
    if "batch" in modes:
        ok, why = batch_supported(args.bin, tmp)
        if not ok:
            notes.append(f"batch mode skipped: this build's ip has no -batch ({why})")
            print("bench_setup: " + notes[-1], file=sys.stderr)
            for phase in phases:
                for n in (show_sizes if phase == "link_show" else sizes):
                    skipped[(phase, "batch", n)] = "no -batch"

    configs = []
    for mode in modes:
        for phase in phases:
            for n in (show_sizes if phase == "link_show" else sizes):
                if (phase, mode, n) in skipped:
                    continue
                prefix, timed, tail = scripts(phase, mode, n)
                base = os.path.join(tmp, f"{phase}-{mode}-{n}")
                write_script(base + ".with.sh", prefix, timed, tail)
                write_script(base + ".without.sh", prefix, [], tail)
                configs.append((phase, mode, n, base))

    per_cmd = {}    # config -> [us per command], from the markers
    wall_diff = {}  # config -> [us per command], from the process wall clock
    totals = {}     # (mode, n) -> [us per command of the whole setup], from link_show's prefix runs
    counts = {}
    for rep in range(args.repeats):
        for (phase, mode, n, base) in configs:
            key = (phase, mode, n)
            if key in skipped:
                continue
            w_marks, w_out, w_wall = run(args.bin, base + ".with.sh")
            o_marks, _, o_wall = run(args.bin, base + ".without.sh")
            if phase == "link_show":
                if rep == 0 and w_wall > args.show_max_s:
                    skipped[key] = f"a run took {w_wall:.0f} s > {args.show_max_s:.0f} s"
                    notes.append(f"link_show {mode} n={n} dropped: {skipped[key]}")
                    continue
                counts[key] = int(w_out[-1])
                totals.setdefault((mode, n), []).append((o_marks["t0"] - o_marks["s"]) * 1e6 / (2 * n + 1))
            cmds = counts[key] * show_repeats(n) if phase == "link_show" else n
            d = (w_marks["t1"] - w_marks["t0"]) - (o_marks["t1"] - o_marks["t0"])
            per_cmd.setdefault(key, []).append(d * 1e6 / cmds)
            wall_diff.setdefault(key, []).append((w_wall - o_wall) * 1e6 / cmds)
            print(f"bench_setup: rep {rep + 1}/{args.repeats} {phase:9s} {mode:6s} n={n:<6d} "
                  f"{per_cmd[key][-1]:9.2f} us/cmd (process wall diff {wall_diff[key][-1]:9.2f}; "
                  f"runs {w_wall:.2f} s / {o_wall:.2f} s)", file=sys.stderr, flush=True)

    with open(args.csv, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["phase", "mode", "n", "median_us_per_cmd", "runs"])
        for mode in modes:
            for phase in phases:
                for n in (show_sizes if phase == "link_show" else sizes):
                    key = (phase, mode, n)
                    v = per_cmd.get(key) if key not in skipped else None
                    out.writerow([phase, mode, n, f"{statistics.median(v):.3f}" if v else "NA", len(v) if v else 0])
            for n in show_sizes:
                v = totals.get((mode, n)) if ("link_show", mode, n) not in skipped else None
                if v:
                    out.writerow(["setup_total", mode, n, f"{statistics.median(v):.3f}", len(v)])
        for note in notes:
            f.write("# " + note + "\n")

    print("bench_setup: medians (markers | process wall diff, us per command):", file=sys.stderr)
    for key in sorted(per_cmd, key=lambda k: (k[1], PHASES.index(k[0]), k[2])):
        print(f"  {key[0]:9s} {key[1]:6s} n={key[2]:<6d} {statistics.median(per_cmd[key]):9.2f} | "
              f"{statistics.median(wall_diff[key]):9.2f}", file=sys.stderr)
    for (mode, n), v in sorted(totals.items()):
        us = statistics.median(v)
        print(f"  setup_total {mode} n={n}: {us:.2f} us/cmd, {us * (2 * n + 1) / 1e6:.2f} s for the setup",
              file=sys.stderr)
    plot(args.csv, args.png)
    for name in os.listdir(tmp):
        os.unlink(os.path.join(tmp, name))
    os.rmdir(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
