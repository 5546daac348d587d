// iperf3(1), iperf 3.12 as Debian bookworm ships it, on ns-3's TCP and UDP sockets over the Linux
// model. Client: iperf3 -c HOST [-p PORT] [-u [-b RATE[/BURST]]] [-t T | -n BYTES | -k BLOCKS]
// [-l LEN] [-P N] [-R] [-w SIZE] [-J] [-f FMT] [-i S] [--cport P] [--pacing-timer US] [-V];
// server: iperf3 -s [-1] [-D] [-p PORT] [-J] [-i S] [-f FMT]. Both ends speak iperf3's protocol:
// a TCP control connection (the 37-byte cookie, one byte per state change, the parameters and
// the results as length-prefixed JSON) and the data streams (TCP connections that open with the
// cookie; UDP sockets that open with the 4-byte connect message and its reply, datagrams carrying
// the send time and a 32-bit sequence number). iperf_run_client's and iperf_run_server's select()
// loops become callbacks in virtual time: a writable socket, the pacing timer (every
// --pacing-timer µs the sender may send while its average stays under -b), the stats/reporter
// timer every -i seconds and the -t timer. A sender's next write waits until its CPU has finished
// the last one (sendmsg's cost on the CPU its process runs on), so an unpaced sender (-b 0, or
// TCP) goes as fast as the modelled kernel lets it. Output: iperf_locale.c's lines and the -J tree
// (iperf3_report.cc). Not modelled: --bidir, -O, -F, -T, SCTP, authentication, --logfile, -B.
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>

#include "cli/cmd.h"
#include "cli/iperf3.h"
#include "net/core/net_namespace.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/linux-ipv4.h"
#include "ns3/callback.h"
#include "ns3/inet-socket-address.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-socket-base.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"
#include "sim/cpu.h"
#include "sim/host.h"

namespace linuxnet {
namespace {

using iperf3::Json;
using iperf3::Stream;
using iperf3::Test;

const char kVersion[] = "iperf 3.12";
const int kCookieSize = 37;                  // COOKIE_SIZE: 36 characters and the NUL
const uint32_t kUdpConnectMsg = 0x36373839;  // UDP_CONNECT_MSG
const uint32_t kUdpConnectReply = 0x39383736;
// TCP_MAXSEG before the control connection has one (Ethernet's MTU less the IP and TCP headers
// and the timestamp option)
const int kCtrlMss = 1448;
const int kDefaultTcpBlksize = 128 * 1024;  // DEFAULT_TCP_BLKSIZE
// what getsockopt(SO_SNDBUF/SO_RCVBUF) says of a new socket: net.ipv4.tcp_wmem[1] and
// tcp_rmem[1] for TCP, net.core.wmem_default and rmem_default for UDP (the kernel's defaults)
const int kTcpSndbuf = 16384, kTcpRcvbuf = 131072, kUdpSndbuf = 212992, kUdpRcvbuf = 212992;
// a write loop takes at least this long per write in virtual time, so that a sender never spins
// at one instant when the cost table says its system calls cost nothing
const int64_t kMinWritePs = 1000000;

const char* kUsage =
    "Usage: iperf3 [-s|-c host] [options]\n"
    "       iperf3 [-h|--help] [-v|--version]\n"
    "\n"
    "Server or Client:\n"
    "  -p, --port      #         server port to listen on/connect to\n"
    "  -f, --format   [kmgtKMGT] format to report: Kbits, Mbits, Gbits, Tbits\n"
    "  -i, --interval  #         seconds between periodic throughput reports\n"
    "  -I, --pidfile file        write PID file\n"
    "  -F, --file name           xmit/recv the specified file\n"
    "  -A, --affinity n/n,m      set CPU affinity\n"
    "  -B, --bind <host>[%<dev>] bind to the interface associated with the address <host>\n"
    "                            (optional <dev> equivalent to `--bind-dev <dev>`)\n"
    "  --bind-dev <dev>          bind to the network interface with SO_BINDTODEVICE\n"
    "  -V, --verbose             more detailed output\n"
    "  -J, --json                output in JSON format\n"
    "  --logfile f               send output to a log file\n"
    "  --forceflush              force flushing output at every interval\n"
    "  --timestamps<=format>     emit a timestamp at the start of each output line\n"
    "                            (optional \"=\" and format string as per strftime(3))\n"
    "  --rcv-timeout #           idle timeout for receiving data (default 120000 ms)\n"
    "  --snd-timeout #           timeout for unacknowledged TCP data\n"
    "                            (in ms, default is system settings)\n"
    "  -d, --debug[=#]           emit debugging output\n"
    "                            (optional optional \"=\" and debug level: 1-4. Default is 4 - all messages)\n"
    "  -v, --version             show version information and quit\n"
    "  -h, --help                show this message and quit\n"
    "Server specific:\n"
    "  -s, --server              run in server mode\n"
    "  -D, --daemon              run the server as a daemon\n"
    "  -1, --one-off             handle one client connection then exit\n"
    "  --server-bitrate-limit #[KMG][/#]   server's total bit rate limit (default 0 = no limit)\n"
    "                            (optional slash and number of secs interval for averaging\n"
    "                            total data rate.  Default is 5 seconds)\n"
    "  --idle-timeout #          restart idle server after # seconds in case it\n"
    "                            got stuck (default - no timeout)\n"
    "  --rsa-private-key-path    path to the RSA private key used to decrypt\n"
    "                            authentication credentials\n"
    "  --authorized-users-path   path to the configuration file containing user\n"
    "                            credentials\n"
    "  --time-skew-threshold     time skew threshold (in seconds) between the server\n"
    "                            and client during the authentication process\n"
    "Client specific:\n"
    "  -c, --client <host>[%<dev>] run in client mode, connecting to <host>\n"
    "                              (option <dev> equivalent to `--bind-dev <dev>`)\n"
    "  --sctp                    use SCTP rather than TCP\n"
    "  -X, --xbind <name>        bind SCTP association to links\n"
    "  --nstreams      #         number of SCTP streams\n"
    "  -u, --udp                 use UDP rather than TCP\n"
    "  --connect-timeout #       timeout for control connection setup (ms)\n"
    "  -b, --bitrate #[KMG][/#]  target bitrate in bits/sec (0 for unlimited)\n"
    "                            (default 1 Mbit/sec for UDP, unlimited for TCP)\n"
    "                            (optional slash and packet count for burst mode)\n"
    "  --pacing-timer #[KMG]     set the timing for pacing, in microseconds (default 1000)\n"
    "  --fq-rate #[KMG]          enable fair-queuing based socket pacing in\n"
    "                            bits/sec (Linux only)\n"
    "  -t, --time      #         time in seconds to transmit for (default 10 secs)\n"
    "  -n, --bytes     #[KMG]    number of bytes to transmit (instead of -t)\n"
    "  -k, --blockcount #[KMG]   number of blocks (packets) to transmit (instead of -t or -n)\n"
    "  -l, --length    #[KMG]    length of buffer to read or write\n"
    "                            (default 128 KB for TCP, dynamic or 1460 for UDP)\n"
    "  --cport         <port>    bind to a specific client port (TCP and UDP, default: ephemeral port)\n"
    "  -P, --parallel  #         number of parallel client streams to run\n"
    "  -R, --reverse             run in reverse mode (server sends, client receives)\n"
    "  --bidir                   run in bidirectional mode.\n"
    "                            Client and server send and receive data.\n"
    "  -w, --window    #[KMG]    set send/receive socket buffer sizes\n"
    "                            (indirectly sets TCP window size)\n"
    "  -C, --congestion <algo>   set TCP congestion control algorithm (Linux and FreeBSD only)\n"
    "  -M, --set-mss   #         set TCP/SCTP maximum segment size (MTU - 40 bytes)\n"
    "  -N, --no-delay            set TCP/SCTP no delay, disabling Nagle's Algorithm\n"
    "  -4, --version4            only use IPv4\n"
    "  -6, --version6            only use IPv6\n"
    "  -S, --tos N               set the IP type of service, 0-255.\n"
    "                            The usual prefixes for octal and hex can be used,\n"
    "                            i.e. 52, 064 and 0x34 all specify the same value.\n"
    "  --dscp N or --dscp val    set the IP dscp value, either 0-63 or symbolic.\n"
    "                            Numeric values can be specified in decimal,\n"
    "                            octal and hex (see --tos above).\n"
    "  -L, --flowlabel N         set the IPv6 flow label (only supported on Linux)\n"
    "  -Z, --zerocopy            use a 'zero copy' method of sending data\n"
    "  -O, --omit N              perform pre-test for N seconds and omit the pre-test statistics\n"
    "  -T, --title str           prefix every output line with this string\n"
    "  --extra-data str          data string to include in client and server JSON\n"
    "  --get-server-output       get results from server\n"
    "  --udp-counters-64bit      use 64-bit counters in UDP test packets\n"
    "  --repeating-payload       use repeating pattern in payload, instead of\n"
    "                            randomized payload (like in iperf2)\n"
    "  --dont-fragment           set IPv4 Don't Fragment flag\n"
    "  --username                username for authentication\n"
    "  --rsa-public-key-path     path to the RSA public key used to encrypt\n"
    "                            authentication credentials\n"
    "\n"
    "[KMG] indicates options that support a K/M/G suffix for kilo-, mega-, or giga-\n"
    "\n"
    "iperf3 homepage at: https://software.es.net/iperf/\n"
    "Report bugs to:     https://github.com/esnet/iperf\n"
    ;

int64_t NowUs() { return ns3::Simulator::Now().GetMicroSeconds(); }

uint32_t GetBe32(const uint8_t* b) {
  return (static_cast<uint32_t>(b[0]) << 24) | (static_cast<uint32_t>(b[1]) << 16) |
         (static_cast<uint32_t>(b[2]) << 8) | b[3];
}
void PutBe32(std::string* s, uint32_t v) {
  for (int sh = 24; sh >= 0; sh -= 8) s->push_back(static_cast<char>((v >> sh) & 0xff));
}

ns3::Ptr<ns3::Packet> Bytes(const std::string& s) {
  return ns3::Create<ns3::Packet>(reinterpret_cast<const uint8_t*>(s.data()), static_cast<uint32_t>(s.size()));
}
std::string Data(ns3::Ptr<ns3::Packet> p) {
  std::string d(p->GetSize(), '\0');
  if (!d.empty()) p->CopyData(reinterpret_cast<uint8_t*>(&d[0]), p->GetSize());
  return d;
}

// a number member of a JSON object, or `dflt` (cJSON_GetObjectItem's NULL)
double JsonNum(const Json& o, const char* k, double dflt = 0) {
  return o.is_object() && o.contains(k) && o[k].is_number() ? o[k].get<double>() : dflt;
}
// cJSON's valueint: the number saturated to an int (parse_number)
int ValueInt(double d) {
  if (!(d == d)) return 0;
  if (d >= static_cast<double>(std::numeric_limits<int>::max())) return std::numeric_limits<int>::max();
  if (d <= static_cast<double>(std::numeric_limits<int>::min())) return std::numeric_limits<int>::min();
  return static_cast<int>(d);
}
// valuedouble as an iperf_size_t (a count of bytes or blocks): out-of-range values clamped
uint64_t ValueSize(double d) {
  if (!(d > 0)) return 0;
  return d >= 1.8446744073709552e19 ? std::numeric_limits<uint64_t>::max() : static_cast<uint64_t>(d);
}

// One iperf3 process: the client, or the server (a test at a time)
class Iperf3 : public Job {
 public:
  Test t;
  NetNs* net = nullptr;
  ProcessOutput io;
  bool daemon = false, one_off = false;
  double kill_after = 0;
  int rc = 0;
  bool done_ = false;
  int test_number = 0;
  ns3::Ptr<ns3::Socket> ctrl, listener, udp_listener;
  std::string ctrl_in;
  bool want_json = false;  // the next control message is a length-prefixed JSON object
  int8_t state = 0;
  bool running = false;    // TEST_RUNNING
  std::vector<std::pair<ns3::Ptr<ns3::Socket>, std::string>> pending;  // server: accepted, cookie not read yet
  ns3::EventId send_event, stats_event, duration_event, pacing_event, kill_event, connect_event;
  int turn_left_ = 0;  // writes left in this turn of the main loop (after its select)
  Cpu* cpu_before_test_ = nullptr;  // a server moved by the client's server_affinity
  uint64_t cpu_busy_start = 0;
  int64_t cpu_wall_start = 0;

  bool Done() const override { return done_; }
  void Kill() override {
    if (done_) return;
    Exit(124);
  }

  void Emit(const std::string& s, bool err) {
    if (s.empty() || daemon) return;  // daemon(0, 0): stdout and stderr are /dev/null
    io.Write(s, err);
  }
  void Flush() {
    Emit(t.out, false);
    t.out.clear();
  }
  // iperf_err: to stderr, or into the JSON tree with -J
  void IperfErr(const std::string& m) {
    if (t.json) t.json_top["error"] = m;
    else Emit("iperf3: " + m + "\n", true);
  }
  // iperf_errexit: the client gives up
  void ErrExit(const std::string& m) {
    Flush();
    if (t.json) {
      t.json_top["error"] = m;
      Emit(iperf3::JsonFinish(&t), false);
    } else {
      Emit("iperf3: " + m + "\n", true);
    }
    Exit(1);
  }

  void CloseSock(ns3::Ptr<ns3::Socket>* s) {
    if (!*s) return;
    (*s)->SetRecvCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
    (*s)->SetSendCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>, uint32_t>());
    (*s)->SetCloseCallbacks(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>(),
                            ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
    (*s)->SetConnectCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>(),
                             ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
    (*s)->Close();
    *s = nullptr;
  }
  void CloseStreams() {
    for (auto& sp : t.streams) {
      UnwatchTcp(sp.get());  // the socket outlives the stream (FIN_WAIT, TIME_WAIT)
      if (t.udp && t.role == 's') sp->sock = nullptr;  // the shared socket closes with udp_listener
      else CloseSock(&sp->sock);
    }
  }
  void StopTimers() {
    for (ns3::EventId* e : {&send_event, &stats_event, &duration_event, &pacing_event, &connect_event}) e->Cancel();
  }
  void Exit(int status) {
    if (done_) return;
    done_ = true;
    rc = status;
    StopTimers();
    kill_event.Cancel();
    CloseStreams();
    for (auto& p : pending) CloseSock(&p.first);
    pending.clear();
    CloseSock(&ctrl);
    CloseSock(&listener);
    CloseSock(&udp_listener);
    if (!io.background) ns3::Simulator::Stop();
  }

  Cpu* AppCpu() { return net->ns3_ipv4->AppCpu(); }
  // getrusage over the test: the time the process's CPU spent on this namespace's work
  void CpuUtil(double* out) {
    double wall = static_cast<double>(NowUs() - cpu_wall_start) * 1e6;  // ps
    double busy = static_cast<double>(AppCpu()->busy_ps - static_cast<int64_t>(cpu_busy_start));
    double pct = wall > 0 ? 100.0 * busy / wall : 0;
    out[0] = pct;
    out[1] = 0;
    out[2] = pct;
  }

  // ---- the control connection
  void SendState(int8_t s) {
    state = s;
    if (ctrl) ctrl->Send(Bytes(std::string(1, static_cast<char>(s))));
  }
  void SendJson(const Json& j) {
    std::string body = iperf3::CjsonPrintUnformatted(j), msg;
    PutBe32(&msg, static_cast<uint32_t>(body.size()));
    ctrl->Send(Bytes(msg + body));
  }
  // the cookie as a connection opens with it: 36 characters and the NUL
  ns3::Ptr<ns3::Packet> CookiePacket() const { return Bytes(t.cookie + std::string(1, '\0')); }
  void CtrlReadable(ns3::Ptr<ns3::Socket> s) {
    ns3::Ptr<ns3::Packet> p;
    while ((p = s->Recv())) ctrl_in += Data(p);
    Pump();
  }
  // one control message at a time, as the select() loop reads them
  void Pump() {
    // the client reads no control message while it creates a stream (a blocking connect)
    while (!done_ && ctrl && !connecting) {
      if (want_json) {
        if (ctrl_in.size() < 4) return;
        uint32_t len = GetBe32(reinterpret_cast<const uint8_t*>(ctrl_in.data()));
        if (ctrl_in.size() < 4 + static_cast<size_t>(len)) return;
        std::string body = ctrl_in.substr(4, len);
        ctrl_in.erase(0, 4 + len);
        want_json = false;
        Json j = Json::parse(body, nullptr, false);
        if (t.role == 'c') ClientJson(j);
        else ServerJson(j);
        continue;
      }
      if (t.role == 's' && t.cookie.empty()) {
        if (ctrl_in.size() < static_cast<size_t>(kCookieSize)) return;
        t.cookie = ctrl_in.substr(0, kCookieSize - 1);
        ctrl_in.erase(0, kCookieSize);
        ServerGotCookie();
        continue;
      }
      if (ctrl_in.empty()) return;
      int8_t st = static_cast<int8_t>(ctrl_in[0]);
      ctrl_in.erase(0, 1);
      if (t.role == 'c') ClientState(st);
      else ServerState(st);
    }
  }
  void CtrlClosed(ns3::Ptr<ns3::Socket>) {
    if (done_) return;
    if (t.role == 'c') {
      if (state == iperf3::IPERF_DONE) return;
      if (connect_event.IsRunning()) {  // ns-3 closes a socket whose SYN a reset answered
        ErrExit("error - unable to connect to server: Connection refused");
        return;
      }
      ErrExit("error - control socket has closed unexpectedly");
    } else {
      if (state == iperf3::IPERF_DONE) return;
      IperfErr("the client has unexpectedly closed the connection");
      ServerTestEnd();
    }
  }

  // ---- parameters and results (send_parameters / get_parameters / send_results / get_results)
  Json Params() {
    Json j = Json::object();
    j[t.udp ? "udp" : "tcp"] = true;
    j["omit"] = t.omit;
    if (t.server_affinity != -1) j["server_affinity"] = t.server_affinity;
    j["time"] = t.duration;
    j["num"] = t.bytes;
    j["blockcount"] = t.blocks;
    j["parallel"] = t.num_streams;
    if (t.reverse) j["reverse"] = true;
    if (t.socket_bufsize) j["window"] = t.socket_bufsize;
    if (t.blksize) j["len"] = t.blksize;
    if (t.rate) j["bandwidth"] = t.rate;
    if (t.pacing_timer) j["pacing_timer"] = t.pacing_timer;
    if (t.tos) j["TOS"] = t.tos;
    j["client_version"] = "3.12";
    return j;
  }
  void GetParams(const Json& j) {
    auto num = [&](const char* k, double d) { return JsonNum(j, k, d); };
    t.udp = j.contains("udp");
    t.omit = ValueInt(num("omit", 0));
    t.server_affinity = ValueInt(num("server_affinity", -1));
    t.duration = ValueInt(num("time", 10));
    t.bytes = ValueSize(num("num", 0));
    t.blocks = ValueSize(num("blockcount", 0));
    t.num_streams = ValueInt(num("parallel", 1));
    t.reverse = j.contains("reverse");
    t.socket_bufsize = ValueInt(num("window", 0));
    t.blksize = ValueInt(num("len", t.blksize));
    t.rate = ValueSize(num("bandwidth", 0));
    t.pacing_timer = ValueInt(num("pacing_timer", 1000));
    t.tos = ValueInt(num("TOS", 0));
    if (t.sender() && !t.udp) t.sender_has_retransmits = 1;
    if (t.rate) t.json_start["target_bitrate"] = t.rate;
  }
  Json Results() {
    Json j = Json::object();
    j["cpu_util_total"] = t.cpu_util[0];
    j["cpu_util_user"] = t.cpu_util[1];
    j["cpu_util_system"] = t.cpu_util[2];
    j["sender_has_retransmits"] = t.sender() ? t.sender_has_retransmits : -1;
    if (!t.udp) j["congestion_used"] = "cubic";
    Json streams = Json::array();
    for (auto& sp : t.streams) {
      double end = static_cast<double>(sp->result.end_time_us - sp->result.start_time_us) / 1e6;
      streams.push_back(Json{{"id", sp->id},
                             {"bytes", sp->sender ? sp->result.bytes_sent : sp->result.bytes_received},
                             {"retransmits", sp->sender && t.sender_has_retransmits ? sp->result.stream_retrans : -1},
                             {"jitter", sp->jitter},
                             {"errors", sp->cnt_error},
                             {"packets", sp->packet_count},
                             {"start_time", 0},
                             {"end_time", end}});
    }
    j["streams"] = streams;
    return j;
  }
  void GetResults(const Json& j) {
    if (!j.is_object()) return;
    auto num = [](const Json& o, const char* k) { return JsonNum(o, k); };
    t.remote_cpu_util[0] = num(j, "cpu_util_total");
    t.remote_cpu_util[1] = num(j, "cpu_util_user");
    t.remote_cpu_util[2] = num(j, "cpu_util_system");
    if (!t.sender()) t.sender_has_retransmits = ValueInt(num(j, "sender_has_retransmits"));
    if (!j.contains("streams") || !j["streams"].is_array()) return;
    for (const auto& js : j["streams"]) {
      int id = ValueInt(num(js, "id"));
      for (auto& sp : t.streams) {
        if (sp->id != id) continue;
        uint64_t bytes = ValueSize(num(js, "bytes"));
        double span = num(js, "end_time") - num(js, "start_time");
        if (sp->sender) {
          sp->jitter = num(js, "jitter");
          sp->cnt_error = ValueInt(num(js, "errors"));
          sp->peer_packet_count = ValueInt(num(js, "packets"));
          sp->result.bytes_received = bytes;
          sp->result.receiver_time = span;
        } else {
          sp->peer_packet_count = ValueInt(num(js, "packets"));
          sp->result.bytes_sent = bytes;
          sp->result.stream_retrans = ValueInt(num(js, "retransmits"));
          sp->result.sender_time = span;
        }
      }
    }
  }

  // ---- streams
  std::unique_ptr<Stream> NewStream(ns3::Ptr<ns3::Socket> s, bool sender) {
    auto sp = std::make_unique<Stream>();
    sp->id = static_cast<int>(t.streams.size()) + 1;
    sp->socket = 5 + 2 * static_cast<int>(t.streams.size());
    sp->sender = sender;
    sp->sock = s;
    return sp;
  }
  // the next stream of the test (iperf_new_stream), announced (on_new_stream)
  Stream* AddStream(std::unique_ptr<Stream> sp) {
    Stream* raw = sp.get();
    t.streams.push_back(std::move(sp));
    OnNewStream(raw);
    return raw;
  }
  // a connected data socket (a client's, or one the server accepted) becomes a stream
  Stream* AdoptStream(ns3::Ptr<ns3::Socket> s) {
    auto sp = NewStream(s, t.sender());
    Addresses(sp.get());
    s->SetRecvCallback(ns3::MakeCallback(&Iperf3::StreamReadable, this));
    s->SetSendCallback(ns3::MakeCallback(&Iperf3::Writable, this));
    if (!t.udp) WatchTcp(sp.get());
    return AddStream(std::move(sp));
  }
  // iperf_on_new_stream → connect_msg
  void OnNewStream(Stream* sp) {
    if (t.json) {
      t.json_connected.push_back(Json{{"socket", sp->socket}, {"local_host", IpStr(sp->local_addr)},
                                      {"local_port", sp->local_port}, {"remote_host", IpStr(sp->remote_addr)},
                                      {"remote_port", sp->remote_port}});
    } else {
      char b[160];
      snprintf(b, sizeof b, "[%3d] local %s port %d connected to %s port %d\n", sp->socket, IpStr(sp->local_addr).c_str(),
               sp->local_port, IpStr(sp->remote_addr).c_str(), sp->remote_port);
      t.out += b;
      Flush();
    }
  }
  void SockBufJson(int snd, int rcv) {
    if (!t.json) return;
    t.json_start["sock_bufsize"] = t.socket_bufsize;
    t.json_start["sndbuf_actual"] = snd;
    t.json_start["rcvbuf_actual"] = rcv;
  }
  void SetBuffers(ns3::Ptr<ns3::Socket> s) {
    if (!t.socket_bufsize) return;
    SockSetSndbuf(ns3::PeekPointer(s), t.socket_bufsize);  // setsockopt(SO_SNDBUF / SO_RCVBUF)
    SockSetRcvbuf(ns3::PeekPointer(s), t.socket_bufsize);
  }
  // getsockopt(TCP_MAXSEG) on the control connection: its mss_cache
  int CtrlMss() const {
    ns3::UintegerValue v(kCtrlMss);
    if (ctrl) ctrl->GetAttributeFailSafe("SegmentSize", v);
    return static_cast<int>(v.Get());
  }
  int BufActual(int deflt) const { return t.socket_bufsize ? 2 * t.socket_bufsize : deflt; }
  void Addresses(Stream* sp) {
    ns3::Address a;
    sp->sock->GetSockName(a);
    ns3::InetSocketAddress la = ns3::InetSocketAddress::ConvertFrom(a);
    sp->local_addr = la.GetIpv4().Get();
    sp->local_port = la.GetPort();
    // a connected UDP socket bound to INADDR_ANY: getsockname gives the source address the
    // route chose, the control connection's
    if (!sp->local_addr) sp->local_addr = LocalAddrFor(0);
    if (sp->sock->GetPeerName(a) == 0) {
      ns3::InetSocketAddress ra = ns3::InetSocketAddress::ConvertFrom(a);
      sp->remote_addr = ra.GetIpv4().Get();
      sp->remote_port = ra.GetPort();
    }
  }
  // TCP_INFO from the socket's traces: cwnd, the peer's window, tcp_rtt_estimator's srtt and
  // rttvar from each RTT sample, and retransmissions (segments sent again below the highest)
  void WatchTcp(Stream* sp) {
    ns3::Ptr<ns3::TcpSocketBase> tb = ns3::DynamicCast<ns3::TcpSocketBase>(sp->sock);
    if (!tb) return;
    iperf3::TcpInfo* ti = &sp->tcp;
    ti->pmtu = 1500;  // the Ethernet MTU of the paths modelled (veth, bridge, macvlan)
    tb->TraceConnectWithoutContext("CongestionWindow",
                                   ns3::MakeBoundCallback(&Iperf3::OnCwnd, ti));
    tb->TraceConnectWithoutContext("RWND", ns3::MakeBoundCallback(&Iperf3::OnRwnd, ti));
    tb->TraceConnectWithoutContext("RTT", ns3::MakeBoundCallback(&Iperf3::OnRtt, ti));
    tb->TraceConnectWithoutContext("Tx", ns3::MakeBoundCallback(&Iperf3::OnTx, ti));
  }
  void UnwatchTcp(Stream* sp) {
    ns3::Ptr<ns3::TcpSocketBase> tb = ns3::DynamicCast<ns3::TcpSocketBase>(sp->sock);
    if (!tb) return;
    iperf3::TcpInfo* ti = &sp->tcp;
    tb->TraceDisconnectWithoutContext("CongestionWindow", ns3::MakeBoundCallback(&Iperf3::OnCwnd, ti));
    tb->TraceDisconnectWithoutContext("RWND", ns3::MakeBoundCallback(&Iperf3::OnRwnd, ti));
    tb->TraceDisconnectWithoutContext("RTT", ns3::MakeBoundCallback(&Iperf3::OnRtt, ti));
    tb->TraceDisconnectWithoutContext("Tx", ns3::MakeBoundCallback(&Iperf3::OnTx, ti));
  }
  static void OnCwnd(iperf3::TcpInfo* ti, uint32_t, uint32_t v) { ti->snd_cwnd = v; }
  static void OnRwnd(iperf3::TcpInfo* ti, uint32_t, uint32_t v) { ti->snd_wnd = v; }
  static void OnRtt(iperf3::TcpInfo* ti, ns3::Time, ns3::Time v) {
    long m = static_cast<long>(v.GetMicroSeconds());
    if (m <= 0) m = 1;
    if (!ti->have_rtt) {
      ti->rtt = m;
      ti->rttvar = m / 2;
      ti->have_rtt = true;
      return;
    }
    long err = m - ti->rtt;
    ti->rttvar += ((err < 0 ? -err : err) - ti->rttvar) / 4;
    ti->rtt += err / 8;
  }
  static void OnTx(iperf3::TcpInfo* ti, ns3::Ptr<const ns3::Packet> p, const ns3::TcpHeader& h,
                   ns3::Ptr<const ns3::TcpSocketBase>) {
    uint32_t len = p->GetSize();
    if (!len) return;
    uint32_t seq = h.GetSequenceNumber().GetValue();
    if (ti->any_sent && static_cast<int32_t>(seq - ti->high_seq) < 0) ti->total_retrans++;
    if (!ti->any_sent || static_cast<int32_t>(seq + len - ti->high_seq) > 0) ti->high_seq = seq + len;
    ti->any_sent = true;
  }

  // ---- the test (iperf_init_test, the timers)
  void InitTest() {
    int64_t now = NowUs();
    for (auto& sp : t.streams) {
      sp->result.start_time_us = sp->result.start_time_fixed_us = now;
      sp->green_light = true;
    }
    cpu_busy_start = static_cast<uint64_t>(AppCpu()->busy_ps);
    cpu_wall_start = now;
    if (t.json) {
      t.json_start["test_start"] = Json{{"protocol", t.udp ? "UDP" : "TCP"}, {"num_streams", t.num_streams},
                                        {"blksize", t.blksize}, {"omit", t.omit}, {"duration", t.duration},
                                        {"bytes", t.bytes}, {"blocks", t.blocks}, {"reverse", t.reverse ? 1 : 0},
                                        {"tos", t.tos}, {"target_bitrate", t.rate}};
    } else if (t.verbose) {
      // iperf_locale.c's test_start_bytes / test_start_blocks / test_start_time
      std::string end = t.bytes    ? std::to_string(t.bytes) + " bytes to send"
                        : t.blocks ? std::to_string(t.blocks) + " blocks to send"
                                   : std::to_string(t.duration) + " second test";
      char b[200];
      snprintf(b, sizeof b, "Starting Test: protocol: %s, %d streams, %d byte blocks, omitting %d seconds, %s, tos %d\n",
               t.udp ? "UDP" : "TCP", t.num_streams, t.blksize, t.omit, end.c_str(), t.tos);
      t.out += b;
      Flush();
    }
    if (t.role == 'c' && t.duration)
      duration_event = ns3::Simulator::Schedule(ns3::Seconds(t.duration + t.omit), &Iperf3::DurationUp, this);
    if (t.stats_interval > 0)
      stats_event = ns3::Simulator::Schedule(ns3::Seconds(t.stats_interval), &Iperf3::StatsTick, this);
    if (t.rate && t.sender())
      pacing_event = ns3::Simulator::Schedule(ns3::MicroSeconds(t.pacing_timer), &Iperf3::PacingTick, this);
  }
  void DurationUp() {
    t.done = true;
    CheckEnd();
  }
  void StatsTick() {
    if (done_ || t.done) return;
    iperf3::StatsCallback(&t, NowUs());
    iperf3::PrintIntermediate(&t);
    Flush();
    stats_event = ns3::Simulator::Schedule(ns3::Seconds(t.stats_interval), &Iperf3::StatsTick, this);
  }
  // iperf_check_throttle
  void CheckThrottle(Stream* sp, int64_t now) {
    if (t.done || t.rate == 0) return;
    double seconds = static_cast<double>(now - sp->result.start_time_fixed_us) / 1e6;
    double bps = seconds > 0 ? static_cast<double>(sp->result.bytes_sent * 8) / seconds : 1e300;
    sp->green_light = bps < static_cast<double>(t.rate);
  }
  void PacingTick() {
    if (done_ || t.done) return;
    for (auto& sp : t.streams)
      if (sp->sender) CheckThrottle(sp.get(), NowUs());
    if (!send_event.IsRunning()) SendLoop();
    pacing_event = ns3::Simulator::Schedule(ns3::MicroSeconds(t.pacing_timer), &Iperf3::PacingTick, this);
  }

  // ---- sending (iperf_send, iperf_udp_send, iperf_tcp_send)
  int UdpSend(Stream* sp) {
    if (sp->sock->GetTxAvailable() == 0) return -1;  // the last sendmsg still waits for the CPU
    int64_t now = NowUs();
    ++sp->packet_count;
    std::string b;
    PutBe32(&b, static_cast<uint32_t>(now / 1000000));
    PutBe32(&b, static_cast<uint32_t>(now % 1000000));
    PutBe32(&b, static_cast<uint32_t>(sp->packet_count));
    ns3::Ptr<ns3::Packet> pkt = Bytes(b);
    pkt->AddPaddingAtEnd(static_cast<uint32_t>(t.blksize) - static_cast<uint32_t>(b.size()));  // zeros
    int r = t.role == 's' ? sp->sock->SendTo(pkt, 0, ns3::InetSocketAddress(ns3::Ipv4Address(sp->remote_addr),
                                                                             static_cast<uint16_t>(sp->remote_port)))
                          : sp->sock->Send(pkt);
    if (r < 0) return -1;
    sp->result.bytes_sent += static_cast<uint64_t>(t.blksize);
    sp->result.bytes_sent_this_interval += static_cast<uint64_t>(t.blksize);
    return t.blksize;
  }
  int TcpSend(Stream* sp) {
    if (!sp->pending_size) sp->pending_size = t.blksize;
    uint32_t avail = sp->sock->GetTxAvailable();
    if (avail == 0) return -1;  // EAGAIN: NET_SOFTERROR
    uint32_t n = std::min<uint32_t>(avail, static_cast<uint32_t>(sp->pending_size));
    int r = sp->sock->Send(ns3::Create<ns3::Packet>(n));
    if (r <= 0) return -1;
    sp->pending_size -= r;
    sp->result.bytes_sent += static_cast<uint64_t>(r);
    sp->result.bytes_sent_this_interval += static_cast<uint64_t>(r);
    return r;
  }
  void SendLoop() {
    send_event.Cancel();
    if (done_ || t.done || !running) return;
    // the process writes when it has its CPU: after the last write's softirq (local_bh_enable runs
    // it inside the syscall) and after what was waiting for the CPU before it
    Cpu* cpu = AppCpu();
    if (SendWhenCpuFree(cpu)) return;
    // a turn of iperf_run_client's (iperf_run_server's) loop: select(), then iperf_send's writes,
    // ten when unpaced (multisend), one when paced. A UDP write is a system call of its own (its
    // softirq, its send time) one after another; TCP's go at once
    if (turn_left_ == 0) {
      turn_left_ = t.rate == 0 ? 10 : 1;
      Select();
      if (SendWhenCpuFree(cpu)) return;
    }
    int multisend = t.udp ? 1 : turn_left_;
    turn_left_ -= multisend;
    const bool throttle_each = t.rate != 0;
    bool blocked = false;
    for (; multisend > 0; --multisend) {
      bool active = false;
      for (auto& s : t.streams) {
        Stream* sp = s.get();
        if (!sp->green_light || !sp->sender) continue;
        if (multisend > 1 && t.bytes && t.bytes_sent >= t.bytes) break;
        if (multisend > 1 && t.blocks && t.blocks_sent >= t.blocks) break;
        int r = t.udp ? UdpSend(sp) : TcpSend(sp);
        if (r < 0) {
          blocked = true;
          break;
        }
        active = true;
        t.bytes_sent += static_cast<uint64_t>(r);
        if (!sp->pending_size) ++t.blocks_sent;
        if (throttle_each) CheckThrottle(sp, NowUs());
      }
      if (!active) {
        turn_left_ = 0;  // iperf_send stops: nothing (more) to write this turn
        break;
      }
    }
    if (blocked) turn_left_ = 0;
    CheckEnd();
    if (done_ || t.done) return;
    bool any_green = false;
    for (auto& sp : t.streams) any_green = any_green || (sp->sender && sp->green_light);
    if (!any_green) {  // the pacing timer turns the light green again, in a new turn
      turn_left_ = 0;
      return;
    }
    if (blocked) {
      bool any_space = false;
      for (auto& sp : t.streams) any_space = any_space || (sp->sender && sp->sock->GetTxAvailable() > 0);
      if (!any_space) return;  // the socket's send callback wakes the loop
    }
    // the next write when the process's CPU has done this one's work
    int64_t next = std::max<int64_t>(cpu->busy_until_ps, NowPs(net->host) + kMinWritePs);
    send_event = ns3::Simulator::Schedule(Until(next), &Iperf3::SendLoop, this);
  }
  // the main loop's select() system call, on the process's CPU (inline in work already there)
  void Select() {
    Host* h = net->host;
    CpuRun(h, AppCpu(), [h] { KFunc(KF_do_select, h, nullptr); });
  }
  // while the process's CPU is taken (and this is not that CPU's work), SendLoop again when it is
  // free; true when it has to wait
  bool SendWhenCpuFree(Cpu* cpu) {
    if (net->host->cur == cpu || CpuFree(cpu)) return false;
    send_event = ns3::Simulator::Schedule(Until(std::max<int64_t>(cpu->busy_until_ps, NowPs(net->host))),
                                          &Iperf3::SendLoop, this);
    return true;
  }
  void Writable(ns3::Ptr<ns3::Socket>, uint32_t) {
    if (!done_ && running && !t.done && !send_event.IsRunning()) SendLoop();
  }

  // ---- receiving (iperf_tcp_recv, iperf_udp_recv)
  void CountRecv(Stream* sp, uint64_t r) {
    t.bytes_received += r;
    ++t.blocks_received;
    if (running) {
      sp->result.bytes_received += r;
      sp->result.bytes_received_this_interval += r;
    }
  }
  void UdpRecv(Stream* sp, ns3::Ptr<ns3::Packet> p) {
    if (!running) return;
    bool first = sp->result.bytes_received == 0;
    CountRecv(sp, p->GetSize());
    uint8_t h[12];
    if (p->CopyData(h, sizeof h) < sizeof h) return;
    uint32_t sec = GetBe32(h), usec = GetBe32(h + 4);
    int64_t pcount = GetBe32(h + 8);
    if (pcount >= sp->packet_count + 1) {
      if (pcount > sp->packet_count + 1) sp->cnt_error += static_cast<int>((pcount - 1) - sp->packet_count);
      sp->packet_count = static_cast<int>(pcount);
    } else {
      sp->outoforder_packets++;
      if (sp->cnt_error > 0) sp->cnt_error--;
    }
    double transit = static_cast<double>(NowUs() - (static_cast<int64_t>(sec) * 1000000 + usec)) / 1e6;
    if (first) sp->prev_transit = transit;
    double dd = transit - sp->prev_transit;
    if (dd < 0) dd = -dd;
    sp->prev_transit = transit;
    sp->jitter += (dd - sp->jitter) / 16.0;
  }
  void StreamReadable(ns3::Ptr<ns3::Socket> s) {
    if (done_) return;
    Stream* sp = nullptr;
    for (auto& x : t.streams)
      if (x->sock == s) sp = x.get();
    ns3::Ptr<ns3::Packet> p;
    if (!sp) {
      while ((p = s->Recv())) {
      }
      return;
    }
    // iperf_recv reads each readable stream once per select(): a select for every read
    if (t.udp) {
      while ((p = s->Recv())) {
        UdpRecv(sp, p);
        Select();
      }
    } else {
      while ((p = s->Recv(static_cast<uint32_t>(t.blksize), 0))) {
        CountRecv(sp, p->GetSize());
        Select();
      }
    }
    CheckEnd();
  }

  // the client's end conditions (iperf_run_client, in TEST_RUNNING only): -t, -n, -k, met by the
  // sender or receiver
  void CheckEnd() {
    if (t.role != 'c' || !running || done_ || state != iperf3::TEST_RUNNING) return;
    bool end = t.done || (t.bytes && (t.bytes_sent >= t.bytes || t.bytes_received >= t.bytes)) ||
               (t.blocks && (t.blocks_sent >= t.blocks || t.blocks_received >= t.blocks));
    if (!end) return;
    t.done = true;
    send_event.Cancel();
    pacing_event.Cancel();
    stats_event.Cancel();
    duration_event.Cancel();
    CpuUtil(t.cpu_util);
    iperf3::StatsCallback(&t, NowUs());
    SendState(iperf3::TEST_END);
  }

  // ---- the client
  void ClientStart() {
    if (t.json) {
      iperf3::JsonStart(&t);
      t.json_start["version"] = kVersion;
      t.json_start["system_info"] = SystemInfo();
    } else if (t.verbose) {
      t.out += std::string(kVersion) + "\n" + SystemInfo() + "\n";
      Flush();
    }
    for (int i = 0; i < 36; i++) t.cookie += "abcdefghijklmnopqrstuvwxyz234567"[net->host->PrandomU32() % 32];
    ctrl = ns3::Socket::CreateSocket(net->node, ns3::TcpSocketFactory::GetTypeId());
    ctrl->Bind();
    ctrl->SetConnectCallback(ns3::MakeCallback(&Iperf3::CtrlConnected, this),
                             ns3::MakeCallback(&Iperf3::CtrlConnectFailed, this));
    ctrl->SetCloseCallbacks(ns3::MakeCallback(&Iperf3::CtrlClosed, this), ns3::MakeCallback(&Iperf3::CtrlClosed, this));
    ctrl->SetRecvCallback(ns3::MakeCallback(&Iperf3::CtrlReadable, this));
    ctrl->Connect(ns3::InetSocketAddress(ns3::Ipv4Address(daddr), static_cast<uint16_t>(t.server_port)));
    // the kernel gives up on a SYN after tcp_syn_retries (6): 127 s
    connect_event = ns3::Simulator::Schedule(ns3::Seconds(127), &Iperf3::ConnectTimeout, this);
  }
  uint32_t daddr = 0;
  std::string SystemInfo() const { return "Linux linuxnet 5.3.0 #1 SMP x86_64"; }
  void ConnectTimeout() { ErrExit("error - unable to connect to server: Connection timed out"); }
  // ns-3 reports a failed connect when its SYN retries are used up: nothing answered
  void CtrlConnectFailed(ns3::Ptr<ns3::Socket>) {
    if (!done_) ConnectTimeout();
  }
  void CtrlConnected(ns3::Ptr<ns3::Socket>) {
    if (done_) return;
    connect_event.Cancel();
    ctrl->Send(CookiePacket());
    t.ctrl_sck_mss = CtrlMss();
    if (t.udp) {
      if (t.blksize == 0) t.blksize = t.ctrl_sck_mss;
      if (t.blksize > t.ctrl_sck_mss)
        Emit("warning: UDP block size " + std::to_string(t.blksize) + " exceeds TCP MSS " +
                 std::to_string(t.ctrl_sck_mss) + ", may result in fragmentation / drops\n",
             true);
    }
  }
  // iperf_on_connect for the client
  void ClientOnConnect() {
    if (t.json) {
      std::time_t now = static_cast<std::time_t>(ns3::Simulator::Now().GetSeconds());
      std::tm tm{};
      gmtime_r(&now, &tm);
      char b[100];
      std::strftime(b, sizeof b, "%a, %d %b %Y %H:%M:%S GMT", &tm);
      t.json_start["timestamp"] = Json{{"time", b}, {"timesecs", static_cast<double>(now)}};
      t.json_start["connecting_to"] = Json{{"host", t.server_hostname}, {"port", t.server_port}};
      t.json_start["cookie"] = t.cookie;
      if (!t.udp) t.json_start["tcp_mss_default"] = t.ctrl_sck_mss;
      t.json_start["target_bitrate"] = t.rate;
    } else {
      t.out += "Connecting to host " + t.server_hostname + ", port " + std::to_string(t.server_port) + "\n";
      if (t.reverse) t.out += "Reverse mode, remote host " + t.server_hostname + " is sending\n";
      if (t.verbose) {
        t.out += "      Cookie: " + t.cookie + "\n";
        if (!t.udp) t.out += "      TCP MSS: " + std::to_string(t.ctrl_sck_mss) + " (default)\n";
        if (t.rate) t.out += "      Target Bitrate: " + std::to_string(t.rate) + "\n";
      }
      Flush();
    }
  }
  void ClientState(int8_t st) {
    state = st;
    switch (st) {
      case iperf3::PARAM_EXCHANGE:
        if (!t.udp) t.sender_has_retransmits = t.sender() ? 1 : 0;
        SendJson(Params());
        ClientOnConnect();
        break;
      case iperf3::CREATE_STREAMS:
        ClientCreateStream();
        break;
      case iperf3::TEST_START:
        InitTest();
        break;
      case iperf3::TEST_RUNNING:
        running = true;
        if (t.sender()) SendLoop();
        break;
      case iperf3::EXCHANGE_RESULTS:
        SendJson(Results());
        want_json = true;
        break;
      case iperf3::DISPLAY_RESULTS:
        ClientEnd();
        break;
      case iperf3::IPERF_DONE:
        break;
      case iperf3::SERVER_TERMINATE:
        ErrExit("error - the server has terminated");
        break;
      case iperf3::ACCESS_DENIED:
        ErrExit("error - the server is busy running a test. try again later");
        break;
      default:
        ErrExit("error - received an unknown control message");
    }
  }
  void ClientJson(const Json& j) { GetResults(j); }
  // iperf_create_streams: one at a time, each connected before the next (blocking connect)
  void ClientCreateStream() {
    if (static_cast<int>(t.streams.size()) >= t.num_streams) return;
    ns3::TypeId tid = t.udp ? ns3::UdpSocketFactory::GetTypeId() : ns3::TcpSocketFactory::GetTypeId();
    ns3::Ptr<ns3::Socket> s = ns3::Socket::CreateSocket(net->node, tid);
    SetBuffers(s);
    int port = t.bind_port ? t.bind_port + static_cast<int>(t.streams.size()) : 0;
    if ((port ? s->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), static_cast<uint16_t>(port))) : s->Bind()) != 0) {
      ErrExit("error - unable to connect stream: Address already in use");
      return;
    }
    ns3::InetSocketAddress to(ns3::Ipv4Address(daddr), static_cast<uint16_t>(t.server_port));
    if (t.udp) {
      s->SetRecvCallback(ns3::MakeCallback(&Iperf3::UdpReply, this));
      s->Connect(to);
      std::string m;
      m.append(reinterpret_cast<const char*>(&kUdpConnectMsg), 4);
      s->Send(Bytes(m));
      connecting = s;
      SockBufJson(BufActual(kUdpSndbuf), BufActual(kUdpRcvbuf));
      return;
    }
    s->SetConnectCallback(ns3::MakeCallback(&Iperf3::StreamConnected, this),
                          ns3::MakeCallback(&Iperf3::StreamConnectFailed, this));
    connecting = s;
    s->Connect(to);
  }
  ns3::Ptr<ns3::Socket> connecting;
  void StreamConnectFailed(ns3::Ptr<ns3::Socket>) {
    if (!done_) ErrExit("error - unable to connect stream: Connection refused");
  }
  void AddClientStream() {
    ns3::Ptr<ns3::Socket> s = connecting;
    connecting = nullptr;
    if (!t.udp) SockBufJson(BufActual(kTcpSndbuf), BufActual(kTcpRcvbuf));
    AdoptStream(s);
    ClientCreateStream();
    if (!connecting) Pump();
  }
  void StreamConnected(ns3::Ptr<ns3::Socket> s) {
    if (done_) return;
    s->Send(CookiePacket());
    AddClientStream();
  }
  void UdpReply(ns3::Ptr<ns3::Socket> s) {
    if (done_) return;
    ns3::Ptr<ns3::Packet> p = s->Recv();
    if (!p || s != connecting) return;
    AddClientStream();
  }
  void ClientEnd() {
    CloseStreams();
    iperf3::PrintIntermediate(&t);
    iperf3::PrintResults(&t);
    SendState(iperf3::IPERF_DONE);
    if (t.json) t.out += iperf3::JsonFinish(&t);
    else t.out += "\niperf Done.\n";
    Flush();
    Exit(0);
  }

  // ---- the server (iperf_run_server)
  bool ServerStart() {
    listener = ns3::Socket::CreateSocket(net->node, ns3::TcpSocketFactory::GetTypeId());
    if (listener->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), static_cast<uint16_t>(t.server_port))) != 0) {
      listener = nullptr;
      return false;
    }
    listener->Listen();
    listener->SetAcceptCallback(ns3::MakeNullCallback<bool, ns3::Ptr<ns3::Socket>, const ns3::Address&>(),
                                ns3::MakeCallback(&Iperf3::Accepted, this));
    ServerBanner();
    return true;
  }
  void ServerBanner() {
    test_number++;
    if (t.json) return;
    t.out += "-----------------------------------------------------------\nServer listening on " +
             std::to_string(t.server_port) + " (test #" + std::to_string(test_number) +
             ")\n-----------------------------------------------------------\n";
    Flush();
  }
  void Accepted(ns3::Ptr<ns3::Socket> s, const ns3::Address& from) {
    if (done_) return;
    if (!ctrl) {
      ctrl = s;
      ns3::InetSocketAddress a = ns3::InetSocketAddress::ConvertFrom(from);
      peer_addr = a.GetIpv4().Get();
      peer_port = a.GetPort();
      ctrl->SetRecvCallback(ns3::MakeCallback(&Iperf3::CtrlReadable, this));
      ctrl->SetCloseCallbacks(ns3::MakeCallback(&Iperf3::CtrlClosed, this), ns3::MakeCallback(&Iperf3::CtrlClosed, this));
      CtrlReadable(s);
      return;
    }
    // a data stream (its cookie first), or another client while a test runs
    pending.push_back({s, ""});
    s->SetRecvCallback(ns3::MakeCallback(&Iperf3::PendingReadable, this));
    PendingReadable(s);
  }
  uint32_t peer_addr = 0;
  int peer_port = 0;
  void PendingReadable(ns3::Ptr<ns3::Socket> s) {
    for (size_t i = 0; i < pending.size(); i++) {
      if (pending[i].first != s) continue;
      ns3::Ptr<ns3::Packet> p;
      while (pending[i].second.size() < static_cast<size_t>(kCookieSize) && (p = s->Recv(static_cast<uint32_t>(kCookieSize - pending[i].second.size()), 0)))
        pending[i].second += Data(p);
      if (pending[i].second.size() < static_cast<size_t>(kCookieSize)) return;
      std::string cookie = pending[i].second.substr(0, kCookieSize - 1);
      pending.erase(pending.begin() + static_cast<long>(i));
      if (state == iperf3::CREATE_STREAMS && !t.udp && cookie == t.cookie &&
          static_cast<int>(t.streams.size()) < t.num_streams) {
        AdoptStream(s);
        if (static_cast<int>(t.streams.size()) == t.num_streams) ServerStartTest();
        StreamReadable(s);
      } else {
        // the server is busy: ACCESS_DENIED, and the connection closes
        s->Send(Bytes(std::string(1, static_cast<char>(iperf3::ACCESS_DENIED))));
        s->Close();
      }
      return;
    }
  }
  void ServerGotCookie() {
    SendState(iperf3::PARAM_EXCHANGE);
    want_json = true;
  }
  void ServerJson(const Json& j) {
    if (state == iperf3::PARAM_EXCHANGE) {
      GetParams(j.is_object() ? j : Json::object());
      // iperf_accept: the client's -A n,m puts this server on CPU m for the test
      // (iperf_clearaffinity after it); a CPU the machine lacks is not modelled and is ignored
      if (t.server_affinity >= 0 && t.server_affinity < net->host->ncpus()) {
        cpu_before_test_ = AppCpu();
        net->ns3_ipv4->SetAppCpu(net->host->cpus[static_cast<size_t>(t.server_affinity)].get());
      }
      if (t.blksize == 0) t.blksize = t.udp ? CtrlMss() : kDefaultTcpBlksize;
      ServerOnConnect();
      if (t.udp) {
        udp_listener = ns3::Socket::CreateSocket(net->node, ns3::UdpSocketFactory::GetTypeId());
        SetBuffers(udp_listener);
        if (udp_listener->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), static_cast<uint16_t>(t.server_port))) != 0) {
          IperfErr("error - unable to start stream listener: Address already in use");
          ServerTestEnd();
          return;
        }
        udp_listener->SetRecvCallback(ns3::MakeCallback(&Iperf3::UdpServerReadable, this));
      }
      SendState(iperf3::CREATE_STREAMS);
      return;
    }
    // EXCHANGE_RESULTS: the client's results, then ours, then DISPLAY_RESULTS
    GetResults(j);
    SendJson(Results());
    SendState(iperf3::DISPLAY_RESULTS);
  }
  void ServerOnConnect() {
    if (t.json) {
      if (t.json_start.is_null()) iperf3::JsonStart(&t);
      t.json_start["version"] = kVersion;
      t.json_start["system_info"] = SystemInfo();
      t.json_start["accepted_connection"] = Json{{"host", IpStr(peer_addr)}, {"port", peer_port}};
      t.json_start["cookie"] = t.cookie;
      if (!t.udp) t.json_start["tcp_mss_default"] = CtrlMss();
      t.json_start["target_bitrate"] = t.rate;
    } else {
      t.out += "Accepted connection from " + IpStr(peer_addr) + ", port " + std::to_string(peer_port) + "\n";
      Flush();
    }
  }
  void UdpServerReadable(ns3::Ptr<ns3::Socket> s) {
    if (done_) return;
    ns3::Address from;
    ns3::Ptr<ns3::Packet> p;
    while ((p = s->RecvFrom(from))) {
      ns3::InetSocketAddress a = ns3::InetSocketAddress::ConvertFrom(from);
      Stream* sp = nullptr;
      for (auto& x : t.streams)
        if (x->remote_addr == a.GetIpv4().Get() && x->remote_port == a.GetPort()) sp = x.get();
      if (sp) {
        if (!sp->sender) UdpRecv(sp, p);
        Select();  // iperf_recv: one read per select()
        continue;
      }
      if (state != iperf3::CREATE_STREAMS || p->GetSize() != 4 || static_cast<int>(t.streams.size()) >= t.num_streams) continue;
      // iperf_udp_accept: the connect message's sender becomes a stream; the reply tells it so
      std::string m;
      m.append(reinterpret_cast<const char*>(&kUdpConnectReply), 4);
      s->SendTo(Bytes(m), 0, from);
      auto ns = NewStream(s, t.sender());
      ns->remote_addr = a.GetIpv4().Get();
      ns->remote_port = a.GetPort();
      ns->local_port = t.server_port;
      ns->local_addr = LocalAddrFor(ns->remote_addr);
      SockBufJson(BufActual(kUdpSndbuf), BufActual(kUdpRcvbuf));
      AddStream(std::move(ns));
      if (static_cast<int>(t.streams.size()) == t.num_streams) ServerStartTest();
    }
  }
  // the address the control connection was accepted on: the one the client reached
  uint32_t LocalAddrFor(uint32_t) {
    ns3::Address a;
    if (ctrl && ctrl->GetSockName(a) == 0) return ns3::InetSocketAddress::ConvertFrom(a).GetIpv4().Get();
    return 0;
  }
  void ServerStartTest() {
    SendState(iperf3::TEST_START);
    InitTest();
    SendState(iperf3::TEST_RUNNING);
    running = true;
    if (t.sender()) SendLoop();
  }
  void ServerState(int8_t st) {
    switch (st) {
      case iperf3::TEST_START:
        break;
      case iperf3::TEST_END:
        state = st;
        t.done = true;
        running = false;
        StopTimers();
        CpuUtil(t.cpu_util);
        iperf3::StatsCallback(&t, NowUs());
        CloseStreams();
        iperf3::PrintIntermediate(&t);
        iperf3::PrintResults(&t);
        Flush();
        SendState(iperf3::EXCHANGE_RESULTS);
        want_json = true;
        break;
      case iperf3::IPERF_DONE:
        state = st;
        ServerTestEnd();
        break;
      case iperf3::CLIENT_TERMINATE:
        IperfErr("the client has terminated");
        ServerTestEnd();
        break;
      default:
        IperfErr("error - received an unknown control message");
        ServerTestEnd();
    }
  }
  // one test is over: -1 exits, otherwise iperf_reset_test and listen again
  void ServerTestEnd() {
    if (cpu_before_test_ && net->ns3_ipv4) net->ns3_ipv4->SetAppCpu(cpu_before_test_);
    cpu_before_test_ = nullptr;
    StopTimers();
    CloseStreams();
    CloseSock(&udp_listener);
    if (t.json && !t.json_start.is_null()) {
      t.out += iperf3::JsonFinish(&t);
      Flush();
    }
    CloseSock(&ctrl);
    if (one_off) {
      Exit(0);
      return;
    }
    Test fresh;
    fresh.role = 's';
    fresh.server_port = t.server_port;
    fresh.json = t.json;
    fresh.verbose = t.verbose;
    fresh.unit_format = t.unit_format;
    fresh.stats_interval = t.stats_interval;
    t = std::move(fresh);
    ctrl_in.clear();
    want_json = false;
    state = 0;
    running = false;
    ServerBanner();
  }
};

// getopt_long's table (iperf_parse_arguments); `val` is the short option or a code above 255
struct LongOpt {
  const char* name;
  int has_arg;  // 0 no, 1 required, 2 optional
  int val;
};
enum {
  OPT_SCTP = 1, OPT_LOGFILE, OPT_GET_SERVER_OUTPUT, OPT_UDP_COUNTERS_64BIT, OPT_CLIENT_PORT, OPT_NUMSTREAMS,
  OPT_FORCEFLUSH, OPT_NO_FQ_SOCKET_PACING, OPT_FQ_RATE, OPT_DSCP, OPT_PACING_TIMER, OPT_CONNECT_TIMEOUT,
  OPT_REPEATING_PAYLOAD, OPT_EXTRA_DATA, OPT_BIDIRECTIONAL, OPT_SERVER_BITRATE_LIMIT, OPT_TIMESTAMPS,
  OPT_SERVER_RSA_PRIVATE_KEY, OPT_SERVER_AUTHORIZED_USERS, OPT_CLIENT_USERNAME, OPT_CLIENT_RSA_PUBLIC_KEY,
  OPT_SERVER_SKEW_THRESHOLD, OPT_BIND_DEV, OPT_IDLE_TIMEOUT, OPT_DONT_FRAGMENT, OPT_RCV_TIMEOUT, OPT_SND_TIMEOUT,
};
const LongOpt kLongOpts[] = {
    {"port", 1, 'p'}, {"format", 1, 'f'}, {"interval", 1, 'i'}, {"daemon", 0, 'D'}, {"one-off", 0, '1'},
    {"verbose", 0, 'V'}, {"json", 0, 'J'}, {"version", 0, 'v'}, {"server", 0, 's'}, {"client", 1, 'c'},
    {"udp", 0, 'u'}, {"bitrate", 1, 'b'}, {"bandwidth", 1, 'b'},
    {"server-bitrate-limit", 1, OPT_SERVER_BITRATE_LIMIT}, {"time", 1, 't'}, {"bytes", 1, 'n'},
    {"blockcount", 1, 'k'}, {"length", 1, 'l'}, {"parallel", 1, 'P'}, {"reverse", 0, 'R'},
    {"bidir", 0, OPT_BIDIRECTIONAL}, {"window", 1, 'w'}, {"bind", 1, 'B'}, {"bind-dev", 1, OPT_BIND_DEV},
    {"cport", 1, OPT_CLIENT_PORT}, {"set-mss", 1, 'M'}, {"no-delay", 0, 'N'}, {"version4", 0, '4'},
    {"version6", 0, '6'}, {"tos", 1, 'S'}, {"dscp", 1, OPT_DSCP}, {"extra-data", 1, OPT_EXTRA_DATA},
    {"flowlabel", 1, 'L'}, {"zerocopy", 0, 'Z'}, {"omit", 1, 'O'}, {"file", 1, 'F'},
    {"repeating-payload", 0, OPT_REPEATING_PAYLOAD}, {"timestamps", 2, OPT_TIMESTAMPS}, {"affinity", 1, 'A'},
    {"title", 1, 'T'}, {"congestion", 1, 'C'}, {"linux-congestion", 1, 'C'}, {"sctp", 0, OPT_SCTP},
    {"nstreams", 1, OPT_NUMSTREAMS}, {"xbind", 1, 'X'}, {"pidfile", 1, 'I'}, {"logfile", 1, OPT_LOGFILE},
    {"forceflush", 0, OPT_FORCEFLUSH}, {"get-server-output", 0, OPT_GET_SERVER_OUTPUT},
    {"udp-counters-64bit", 0, OPT_UDP_COUNTERS_64BIT}, {"no-fq-socket-pacing", 0, OPT_NO_FQ_SOCKET_PACING},
    {"dont-fragment", 0, OPT_DONT_FRAGMENT}, {"username", 1, OPT_CLIENT_USERNAME},
    {"rsa-public-key-path", 1, OPT_CLIENT_RSA_PUBLIC_KEY}, {"rsa-private-key-path", 1, OPT_SERVER_RSA_PRIVATE_KEY},
    {"authorized-users-path", 1, OPT_SERVER_AUTHORIZED_USERS}, {"time-skew-threshold", 1, OPT_SERVER_SKEW_THRESHOLD},
    {"fq-rate", 1, OPT_FQ_RATE}, {"pacing-timer", 1, OPT_PACING_TIMER}, {"connect-timeout", 1, OPT_CONNECT_TIMEOUT},
    {"idle-timeout", 1, OPT_IDLE_TIMEOUT}, {"rcv-timeout", 1, OPT_RCV_TIMEOUT}, {"snd-timeout", 1, OPT_SND_TIMEOUT},
    {"debug", 2, 'd'}, {"help", 0, 'h'},
};
const char kShortOpts[] = "p:f:i:D1VJvsc:ub:t:n:k:l:P:Rw:B:M:N46S:L:ZO:F:A:T:C:dI:hX:";

// glibc getopt_long over argv (it permutes: operands may come anywhere; "--" ends the options).
// Returns the options in order; false with the diagnostic in *err on a bad one.
bool GetoptLong(const std::vector<std::string>& argv, std::vector<std::pair<int, std::string>>* opts, std::string* err) {
  for (size_t i = 1; i < argv.size(); i++) {
    const std::string& a = argv[i];
    if (a == "--") break;
    if (a.size() < 2 || a[0] != '-') continue;
    if (a[1] == '-') {
      std::string name = a.substr(2), val;
      size_t eq = name.find('=');
      bool has_val = eq != std::string::npos;
      if (has_val) {
        val = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      const LongOpt* hit = nullptr;
      std::vector<const LongOpt*> prefix;
      for (const LongOpt& o : kLongOpts) {
        if (name == o.name) {
          hit = &o;
          break;
        }
        if (!name.empty() && std::string(o.name).compare(0, name.size(), name) == 0) prefix.push_back(&o);
      }
      if (!hit && !prefix.empty()) {
        bool same = true;
        for (const LongOpt* o : prefix) same = same && o->has_arg == prefix[0]->has_arg && o->val == prefix[0]->val;
        if (!same) {
          *err = "iperf3: option '" + a.substr(0, has_val ? eq + 2 : a.size()) + "' is ambiguous; possibilities:";
          for (const LongOpt* o : prefix) *err += std::string(" '--") + o->name + "'";
          *err += "\n";
          return false;
        }
        hit = prefix[0];
      }
      if (!hit) {
        *err = "iperf3: unrecognized option '" + a + "'\n";
        return false;
      }
      if (hit->has_arg == 0 && has_val) {
        *err = std::string("iperf3: option '--") + hit->name + "' doesn't allow an argument\n";
        return false;
      }
      if (hit->has_arg == 1 && !has_val) {
        if (i + 1 >= argv.size()) {
          *err = std::string("iperf3: option '--") + hit->name + "' requires an argument\n";
          return false;
        }
        val = argv[++i];
      }
      opts->push_back({hit->val, val});
      continue;
    }
    for (size_t k = 1; k < a.size(); k++) {
      char f = a[k];
      const char* p = f == ':' || f == '\0' ? nullptr : std::strchr(kShortOpts, f);
      if (!p) {
        *err = std::string("iperf3: invalid option -- '") + f + "'\n";
        return false;
      }
      if (p[1] != ':') {
        opts->push_back({f, ""});
        continue;
      }
      std::string val;
      if (k + 1 < a.size()) {
        val = a.substr(k + 1);
      } else if (i + 1 < argv.size()) {
        val = argv[++i];
      } else {
        *err = std::string("iperf3: option requires an argument -- '") + f + "'\n";
        return false;
      }
      opts->push_back({f, val});
      break;
    }
  }
  return true;
}

int CmdIperf3(CmdCtx& ctx, const std::vector<std::string>& argv) {
  auto job = std::make_unique<Iperf3>();
  Test& t = job->t;
  std::vector<std::pair<int, std::string>> opts;
  std::string err;
  if (!GetoptLong(argv, &opts, &err)) {
    ctx.Err(err + kUsage);
    return 1;
  }
  // iperf_parse_arguments; an error is "parameter error - ...", a blank line on stderr and the
  // usage on stdout
  auto param_error = [&](const std::string& m) {
    ctx.Err("iperf3: parameter error - " + m + "\n\n");
    ctx.Out(kUsage);
    return 1;
  };
  auto not_modelled = [&](const std::string& o) {
    ctx.Err("linuxnet: iperf3 " + o + " is not modelled\n");
    return 1;
  };
  bool server_flag = false, client_flag = false, rate_flag = false, duration_flag = false;
  int blksize = 0;
  int affinity = -1;
  for (auto& [f, arg] : opts) {
    switch (f) {
      case 'p': {
        int port = std::atoi(arg.c_str());
        if (port < 1 || port > 65535) return param_error("port number must be between 1 and 65535 inclusive");
        t.server_port = port;
        break;
      }
      case 'f':
        if (arg.empty() || !arg[0] || !std::strchr("kKmMgGtT", arg[0]))
          return param_error("bad format specifier (valid formats are in the set [kmgtKMGT])");
        t.unit_format = arg[0];
        break;
      case 'i':
        t.stats_interval = std::atof(arg.c_str());
        if ((t.stats_interval < 0.1 || t.stats_interval > 60.0) && t.stats_interval != 0)
          return param_error("invalid report interval (min = 0.1, max = 60 seconds)");
        break;
      case 'D': job->daemon = true; server_flag = true; break;
      case '1': job->one_off = true; server_flag = true; break;
      case 'V': t.verbose = true; break;
      case 'J': t.json = true; break;
      case 'v':
        ctx.Out(std::string(kVersion) + " (cJSON 1.7.15)\n" + job->SystemInfo() +
                "\nOptional features available: CPU affinity setting, IPv6 flow label, SCTP, TCP congestion "
                "algorithm setting, sendfile / zerocopy, socket pacing, authentication, bind to device, support "
                "IPv4 don't fragment\n");
        return 0;
      case 's':
        if (t.role == 'c') return param_error("cannot be both server and client");
        t.role = 's';
        break;
      case 'c':
        if (t.role == 's') return param_error("cannot be both server and client");
        t.role = 'c';
        t.server_hostname = arg;
        break;
      case 'u': t.udp = true; client_flag = true; break;
      case 'b': {
        std::string r = arg;
        size_t slash = r.find('/');
        if (slash != std::string::npos) {
          int burst = std::atoi(r.c_str() + slash + 1);
          if (burst <= 0 || burst > 1000) return param_error("invalid burst count (maximum = 1000)");
          if (burst > 1) return not_modelled("-b RATE/BURST");
          r = r.substr(0, slash);
        }
        t.rate = static_cast<uint64_t>(iperf3::UnitAtofRate(r));
        rate_flag = client_flag = true;
        break;
      }
      case 't':
        t.duration = std::atoi(arg.c_str());
        if (t.duration > 86400) return param_error("test duration too long (maximum = 86400 seconds)");
        duration_flag = client_flag = true;
        break;
      case 'n': t.bytes = iperf3::UnitAtoi(arg); client_flag = true; break;
      case 'k': t.blocks = iperf3::UnitAtoi(arg); client_flag = true; break;
      case 'l': blksize = static_cast<int>(iperf3::UnitAtoi(arg)); client_flag = true; break;
      case 'P':
        t.num_streams = std::atoi(arg.c_str());
        if (t.num_streams > 128) return param_error("number of parallel streams too large (maximum = 128)");
        client_flag = true;
        break;
      case 'R': t.reverse = true; client_flag = true; break;
      case 'w': {
        double w = iperf3::UnitAtof(arg);
        if (w > 512.0 * 1024 * 1024) return param_error("socket buffer size too large (maximum = 536870912 bytes)");
        t.socket_bufsize = static_cast<int>(w);
        client_flag = true;
        break;
      }
      case OPT_CLIENT_PORT: {
        int port = std::atoi(arg.c_str());
        if (port < 1 || port > 65535) return param_error("port number must be between 1 and 65535 inclusive");
        t.bind_port = port;
        break;
      }
      case 'M':
        if (std::atoi(arg.c_str()) > 9 * 1024) return param_error("TCP MSS too large (maximum = 9216 bytes)");
        return not_modelled("-M");
      case 'S': {
        char* end;
        long tos = std::strtol(arg.c_str(), &end, 0);
        if (end == arg.c_str() || tos < 0 || tos > 255) return param_error("bad TOS value (must be between 0 and 255 inclusive)");
        t.tos = static_cast<int>(tos);
        client_flag = true;
        break;
      }
      case OPT_PACING_TIMER:
        t.pacing_timer = static_cast<int>(iperf3::UnitAtoi(arg));
        if (t.pacing_timer <= 0) return param_error("invalid timer value (must be greater than zero)");
        client_flag = true;
        break;
      // accepted and without effect on the model
      case 'N': case 'Z': case 'C': client_flag = true; break;
      case 'A': {  // -A n[,m]: this process on CPU n (m: the server's for this test)
        char* end = nullptr;
        long n = std::strtol(arg.c_str(), &end, 0);
        if (end == arg.c_str() || n < 0 || n > 1024) return param_error("unable to set CPU affinity: ");  // errno 0: strerror is left out
        affinity = static_cast<int>(n);
        if (size_t comma = arg.find(','); comma != std::string::npos) {  // the server's CPU for this test
          int m = std::atoi(arg.c_str() + comma + 1);
          if (m < 0 || m > 1024) return param_error("unable to set CPU affinity: ");
          t.server_affinity = m;
          client_flag = true;
        }
        break;
      }
      case '4': case OPT_FORCEFLUSH: case OPT_CONNECT_TIMEOUT: case OPT_RCV_TIMEOUT: case OPT_SND_TIMEOUT:
      case OPT_REPEATING_PAYLOAD: case OPT_NO_FQ_SOCKET_PACING: break;
      case 'h':
        ctx.Out(kUsage);
        return 0;
      default: {
        std::string name;
        for (const LongOpt& o : kLongOpts)
          if (o.val == f) name = std::string("--") + o.name;
        if (name.empty() || f < 256) name = std::string("-") + static_cast<char>(f);
        return not_modelled(name);
      }
    }
  }
  if (t.role == 'c' && server_flag) return param_error("some option you are trying to set is server only");
  if (t.role == 's' && client_flag) return param_error("some option you are trying to set is client only");
  if (blksize == 0) blksize = t.udp ? 0 : kDefaultTcpBlksize;
  if ((!t.udp && blksize <= 0) || blksize > 1024 * 1024) return param_error("block size too large (maximum = 1048576 bytes)");
  if (t.udp && blksize > 0 && (blksize < 16 || blksize > 65507))
    return param_error("block size invalid (minimum = 16 bytes, maximum = 65507 bytes)");
  t.blksize = blksize;
  if (!rate_flag) t.rate = t.udp ? 1024 * 1024 : 0;
  if ((t.bytes || t.blocks) && !duration_flag) t.duration = 0;
  if ((duration_flag && t.bytes) || (duration_flag && t.blocks) || (t.bytes && t.blocks))
    return param_error("only one test end condition (-t, -n, -k) may be specified");
  if (t.role != 'c' && t.role != 's') return param_error("must either be a client (-c) or server (-s)");
  if (t.json && t.unit_format != 'a') ctx.Err("warning: Report format (-f) flag ignored with JSON output (-J)\n");
  if (t.json && t.verbose) ctx.Err("warning: Verbose output (-v) may interfere with JSON output (-J)\n");

  // iperf_setaffinity (-A), or the CPUs taskset allows: the process's CPU
  Host* host = ctx.net->host;
  if (affinity >= host->ncpus()) {  // iperf_run_server returns -2: "exiting" too
    ctx.Err(std::string("iperf3: error - unable to set CPU affinity: Invalid argument\n") +
            (t.role == 's' ? "iperf3: exiting\n" : ""));
    return 1;
  }
  if (affinity >= 0) ctx.net->ns3_ipv4->SetAppCpu(host->cpus[static_cast<size_t>(affinity)].get());
  else if (!ctx.cpus_allowed.empty()) ctx.net->ns3_ipv4->SetAppCpu(host->NextProcessCpu(ctx.cpus_allowed));
  Iperf3* p = job.get();
  p->net = ctx.net;
  p->io.Attach(ctx, ctx.background || p->daemon);
  p->kill_after = ctx.kill_after;
  LinuxIpv4::InstallL4(ctx.net);
  if (t.role == 'c') {
    if (!IpParse(t.server_hostname, &p->daddr)) {
      // getaddrinfo: the namespaces have no resolver to reach
      ctx.Err("iperf3: error - unable to connect to server: Resource temporarily unavailable\n");
      return 1;
    }
  } else if (!p->ServerStart()) {
    ctx.Err("iperf3: error - unable to start listener for connections: Address already in use\niperf3: exiting\n");
    return 1;
  }
  ctx.user->AddJob(std::move(job));
  if (p->kill_after > 0) p->kill_event = ns3::Simulator::Schedule(ns3::Seconds(p->kill_after), &Iperf3::Kill, p);
  if (t.role == 'c') p->ClientStart();
  if (p->io.background) return 0;
  RunForeground(p, 86400 + 3600);  // the longest -t and an hour
  p->Flush();
  p->io.Detach();
  return p->rc;
}

struct Registrar {
  Registrar() { RegisterCommand("iperf3", &CmdIperf3); }
} registrar;

}  // namespace
}  // namespace linuxnet
