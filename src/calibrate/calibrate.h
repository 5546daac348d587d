// Calibration: the cost table fitted to a machine's kernel (`linuxnet fit`, run by `./linuxnet
// calibrate`), and the side-by-side table of each path on the kernel and in the simulator.
//
// A path is a setup script (results/calibration/paths/NAME.sh: namespaces c and s, the server at
// 10.0.2.2) that the kernel measurement (results/calibration/measure-kernel.sh) and the simulator
// both run. For each path the simulator profiles what one UDP datagram costs the sending CPU (the
// whole trip runs there: sendmsg, then the softirq at local_bh_enable, as in the kernel): which
// modelled functions it calls and on how many bytes; and what one ping probe's RTT is made of
// (from sendmsg to the reply's receive timestamp in netif_rx). Each function's cost is a + b·bytes,
// so both are linear in the table; a non-negative least-squares fit (Lawson–Hanson, with a small
// ridge so that functions always called together share the cost) gives the table.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "sim/trace.h"

namespace linuxnet {

class Host;

// What a piece of work calls, per function: calls and bytes (the skb lengths summed)
struct CallProfile {
  double calls[KF_COUNT] = {};
  double bytes[KF_COUNT] = {};
};

// One measured path, as the kernel measurement reports it (results/calibration/kernel.csv)
struct KernelPath {
  std::string name;
  int size = 0;               // UDP payload bytes
  double ns_per_packet = 0;   // 1e9 / the single-flow send rate (clean_tx_ns_per_packet_median)
  double rtt_min_us = 0;
  double tx_ns_per_packet = 0;  // 1e9 / the send rate, over all runs (tx_ns_per_packet_median)
};

// Paths named NAME-samecpu (paths/veth-samecpu.sh) run iperf3's server on the client's CPU
// (-A 0). The fit leaves them out: on the kernel CFS gives the reader slices, its queue
// overflows, and the sender runs cheaper than with its reader on another CPU (it pays no remote
// wakeup: 1,911 against 1,938 ns a datagram at 1472 B, medians of 5 runs in kernel.csv), which the
// model, with no wakeup cost and a CPU that runs its work in turn, cannot express; see README.

// Reads kernel.csv (path,size,...,tx_ns_per_packet_median,rtt_min_us_median,...; `#` lines skipped)
bool ReadKernelCsv(const std::string& file, std::vector<KernelPath>* out, std::string* error);

// The profiles of one path in the simulator: a datagram of `size` payload bytes, and a ping probe
// of `size` bytes of data (ping -s)
// (same_cpu: s's processes on c's CPU); the UDP profile counts the sending CPU's work only
bool ProfileUdp(const std::string& script, bool same_cpu, int size, CallProfile* out, std::string* error);
bool ProfilePing(const std::string& script, int size, CallProfile* out, std::string* error);

// Fits the table: rows = the kernel's ns/packet (and RTTs, weighted) against the profiles
struct FitRow {
  CallProfile profile;
  double target_ns = 0;
  double weight = 1;
  std::string label;
};
// Sets the table's a and b (ps) for the functions that appear; returns the rms relative error
double FitCostTable(const std::vector<FitRow>& rows, Host* host);

// The simulator's own measurement of a path with the Host's table (a real run, not the linear
// prediction): the model's iperf3 -u -l SIZE from c to s for a second of virtual time, client on
// CPU 0 and server on CPU 1 (as measure-kernel.sh pins them): ns per datagram sent; and the
// minimum ping RTT of 20 probes
struct SimPath {
  double ns_per_packet = 0;
  double rtt_min_us = 0;
};
// (rate: iperf3 -b in datagrams/s, 0 unpaced)
bool MeasureSimPath(const std::string& script, bool same_cpu, long rate, const std::string& costs_file, int size,
                    SimPath* out, std::string* error);

// `linuxnet fit KERNEL_CSV PATHS_DIR COSTS_OUT PATHS_CSV_OUT`
int FitMain(int argc, char** argv);
// `linuxnet measure SCRIPT SIZE COSTS`: MeasureSimPath of one path; prints
// `ns_per_packet,rtt_min_us`
int MeasureMain(int argc, char** argv);

}  // namespace linuxnet
