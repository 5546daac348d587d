// iperf3 (3.12) in the simulator: the test, its streams and their results, as iperf's struct
// iperf_test / iperf_stream / iperf_stream_result / iperf_interval_results keep them (iperf.h),
// so that the reporting code (iperf3_report.cc, after iperf_api.c's iperf_print_intermediate,
// iperf_print_results and the -J tree) reads the same numbers iperf3 does. The engine that
// fills them — the control connection, the data streams on ns-3 sockets over the Linux model,
// pacing and timers in virtual time — is iperf3.cc.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ns3/ptr.h"

namespace ns3 {
class Socket;
}

namespace linuxnet {
namespace iperf3 {

using Json = nlohmann::ordered_json;

// the control channel's states (iperf_api.h)
enum State : int8_t {
  TEST_START = 1,
  TEST_RUNNING = 2,
  TEST_END = 4,
  PARAM_EXCHANGE = 9,
  CREATE_STREAMS = 10,
  SERVER_TERMINATE = 11,
  CLIENT_TERMINATE = 12,
  EXCHANGE_RESULTS = 13,
  DISPLAY_RESULTS = 14,
  IPERF_START = 15,
  IPERF_DONE = 16,
  ACCESS_DENIED = -1,
  SERVER_ERROR = -2,
};

// struct iperf_interval_results
struct IntervalResult {
  uint64_t bytes_transferred = 0;
  int64_t start_us = 0, end_us = 0;  // interval_start_time, interval_end_time
  float duration = 0;                // interval_duration (a float, as iperf keeps it)
  int interval_packet_count = 0, interval_outoforder_packets = 0, interval_cnt_error = 0;
  int packet_count = 0, outoforder_packets = 0, cnt_error = 0;
  double jitter = 0;
  bool omitted = false;
  long interval_retrans = 0, snd_cwnd = 0, snd_wnd = 0, rtt = 0, rttvar = 0, pmtu = 0;
};

// struct iperf_stream_result
struct StreamResult {
  uint64_t bytes_received = 0, bytes_sent = 0;
  uint64_t bytes_received_this_interval = 0, bytes_sent_this_interval = 0;
  long stream_prev_total_retrans = 0, stream_retrans = 0;
  long stream_max_rtt = 0, stream_min_rtt = 0, stream_sum_rtt = 0;
  int stream_count_rtt = 0;
  long stream_max_snd_cwnd = 0, stream_max_snd_wnd = 0;
  int64_t start_time_us = 0, end_time_us = 0, start_time_fixed_us = 0;
  double sender_time = 0, receiver_time = 0;
  std::vector<IntervalResult> intervals;
};

// what getsockopt(TCP_INFO) gives a TCP stream (kept from the socket's traces)
struct TcpInfo {
  long total_retrans = 0;  // tcpi_total_retrans
  long snd_cwnd = 0;       // tcpi_snd_cwnd * tcpi_snd_mss, bytes
  long snd_wnd = 0;        // tcpi_snd_wnd
  long rtt = 0, rttvar = 0;  // tcpi_rtt, tcpi_rttvar (us): tcp_rtt_estimator's srtt and mdev
  long pmtu = 0;
  bool have_rtt = false;
  uint32_t high_seq = 0;   // the highest sequence number sent so far (to tell retransmissions)
  bool any_sent = false;
};

// struct iperf_stream
struct Stream {
  int id = 0;
  int socket = 0;  // the file descriptor iperf3 prints as [  5]
  bool sender = false;
  ns3::Ptr<ns3::Socket> sock;
  uint32_t local_addr = 0, remote_addr = 0;
  int local_port = 0, remote_port = 0;
  // UDP
  int packet_count = 0, peer_packet_count = 0, omitted_packet_count = 0;
  double jitter = 0, prev_transit = 0;
  int outoforder_packets = 0, omitted_outoforder_packets = 0, cnt_error = 0, omitted_cnt_error = 0;
  // TCP
  int pending_size = 0;
  TcpInfo tcp;
  bool green_light = true;
  StreamResult result;
};

// struct iperf_test: the parts of it this model uses
struct Test {
  char role = 0;            // 'c' or 's'
  bool udp = false;
  bool reverse = false;
  bool sender() const { return reverse == (role == 's'); }  // test->mode == SENDER
  int num_streams = 1;
  int server_affinity = -1;  // -A n,m: the server's CPU for this test (sent as "server_affinity")
  int duration = 10;
  uint64_t bytes = 0, blocks = 0;
  int blksize = 0;
  uint64_t rate = 0;
  int socket_bufsize = 0;
  int pacing_timer = 1000;
  int omit = 0;
  int tos = 0;
  char unit_format = 'a';
  double stats_interval = 1;  // -i: stats and reporter timer alike
  bool json = false, verbose = false;
  int server_port = 5201;
  int bind_port = 0;
  std::string server_hostname;
  std::string cookie;
  int sender_has_retransmits = 0;
  int other_side_has_retransmits = 0;
  int ctrl_sck_mss = 0;
  double cpu_util[3] = {0, 0, 0}, remote_cpu_util[3] = {0, 0, 0};
  bool omitting = false;
  bool done = false;
  uint64_t bytes_sent = 0, bytes_received = 0, blocks_sent = 0, blocks_received = 0;
  std::vector<std::unique_ptr<Stream>> streams;
  // -J: json_top {start, intervals, end}; `start` gathers as the test goes
  Json json_top, json_start, json_connected, json_intervals, json_end;
  std::string out;  // what iperf_printf wrote (stdout)
};

// units.c
double UnitAtof(const std::string& s);
double UnitAtofRate(const std::string& s);
uint64_t UnitAtoi(const std::string& s);
std::string UnitSnprintf(double n, char format);

// the -J tree as cJSON_Print (iperf's cJSON 1.7.15, formatted) prints it
std::string CjsonPrint(const Json& j);
std::string CjsonPrintUnformatted(const Json& j);

// iperf_api.c's reporting
void StatsCallback(Test* t, int64_t now_us);        // iperf_stats_callback
void PrintIntermediate(Test* t);                     // iperf_print_intermediate
void PrintResults(Test* t);                          // iperf_print_results
void JsonStart(Test* t);                             // iperf_json_start
std::string JsonFinish(Test* t);                     // iperf_json_finish: the printed tree

}  // namespace iperf3
}  // namespace linuxnet
