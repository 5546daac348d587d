// ping(8) from iputils 20221126, over a raw ICMP socket (net/ipv4/raw.c) in virtual time.
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "cli/cmd.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/l4.h"
#include "ns3/simulator.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

namespace {

const char* kUsage =
    "\nUsage\n  ping [options] <destination>\n\nOptions:\n"
    "  <destination>      dns name or ip address\n"
    "  -a                 use audible ping\n"
    "  -A                 use adaptive ping\n"
    "  -B                 sticky source address\n"
    "  -c <count>         stop after <count> replies\n"
    "  -C                 call connect() syscall on socket creation\n"
    "  -D                 print timestamps\n"
    "  -d                 use SO_DEBUG socket option\n"
    "  -e <identifier>    define identifier for ping session, default is random for\n"
    "                     SOCK_RAW and kernel defined for SOCK_DGRAM\n"
    "                     Imply using SOCK_RAW (for IPv4 only for identifier 0)\n"
    "  -f                 flood ping\n"
    "  -h                 print help and exit\n"
    "  -I <interface>     either interface name or address\n"
    "  -i <interval>      seconds between sending each packet\n"
    "  -L                 suppress loopback of multicast packets\n"
    "  -l <preload>       send <preload> number of packages while waiting replies\n"
    "  -m <mark>          tag the packets going out\n"
    "  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>\n"
    "  -n                 no dns name resolution\n"
    "  -O                 report outstanding replies\n"
    "  -p <pattern>       contents of padding byte\n"
    "  -q                 quiet output\n"
    "  -Q <tclass>        use quality of service <tclass> bits\n"
    "  -s <size>          use <size> as number of data bytes to be sent\n"
    "  -S <size>          use <size> as SO_SNDBUF socket option value\n"
    "  -t <ttl>           define time to live\n"
    "  -U                 print user-to-user latency\n"
    "  -v                 verbose output\n"
    "  -V                 print version and exit\n"
    "  -w <deadline>      reply wait <deadline> in seconds\n"
    "  -W <timeout>       time to wait for response\n"
    "\nIPv4 options:\n"
    "  -4                 use IPv4\n"
    "  -b                 allow pinging broadcast\n"
    "  -R                 record route\n"
    "  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>\n"
    "\nIPv6 options:\n"
    "  -6                 use IPv6\n"
    "  -F <flowlabel>     define flow label, default is random\n"
    "  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument\n"
    "\nFor more details see ping(8).\n";

struct Ping {
  CmdCtx* ctx = nullptr;
  NetNs* net = nullptr;
  uint32_t dst = 0, src = 0;
  int oif = 0;
  long count = 0;        // 0: until interrupted (the model then stops at the deadline)
  uint16_t eperm_seq = 0;  // the probe whose sendmsg failed with EPERM (see Send)
  double interval = 1.0;
  double linger = 10.0;  // -W
  double deadline = 0;   // -w
  int ttl = 0;
  int datalen = 56;
  enum { PMTUDISC_DONT, PMTUDISC_WANT, PMTUDISC_DO } pmtudisc = PMTUDISC_WANT;  // -M
  bool quiet = false;
  uint16_t ident = 0;
  long ntransmitted = 0, nreceived = 0, nerrors = 0, nrepeats = 0;
  double tmin = 1e18, tmax = 0, tsum = 0, tsum2 = 0;
  // per 16-bit sequence number (the ICMP field; it wraps as iputils' does): when the probe's
  // sendmsg began (the timestamp ping writes in it), and whether its reply came (rcvd_tbl)
  std::vector<int64_t> sent_ps = std::vector<int64_t>(65536);
  Cpu* cpu = nullptr;            // the CPU ping's process runs on
  std::shared_ptr<bool> alive = std::make_shared<bool>(true);  // work queued on the CPU checks it
  ~Ping() { *alive = false; }
  std::vector<bool> got = std::vector<bool>(65536);
  long acked = 0;        // the newest probe answered (in_flight is ntransmitted - acked)
  long long ewma = 0;    // rts->rtt: 8 x the moving average of the RTT in us (1/8 weight)
  ns3::Time start;
  ns3::EventId next_send, exit_timer;
  bool done = false;
  int raw_id = 0;

  void Send() {
    if (count && ntransmitted >= count) return;
    IcmpHdr h;
    h.type = ICMP_ECHO;
    h.id = ident;
    uint16_t seq16 = static_cast<uint16_t>(ntransmitted + 1);
    h.sequence = seq16;
    ns3::Ptr<ns3::Packet> p = ns3::Create<ns3::Packet>(static_cast<uint32_t>(datalen));
    p->AddHeader(h);
    Flowi4 fl4;
    fl4.daddr = dst;
    fl4.saddr = src;
    fl4.oif = oif;
    fl4.proto = IPPROTO_ICMP_;
    ntransmitted++;
    sent_ps[seq16] = NowPs(net->host);
    got[seq16] = false;  // rcvd_clear
    // sendmsg, in ping's process on its CPU (behind the work it is busy with, if any)
    CpuRun(net->host, cpu, [this, live = alive, fl4, p, seq16]() {
      if (*live) SendMsg(fl4, p, seq16);
    });
    if (!count || ntransmitted < count) {
      // pinger(): with -i 0 the next probe goes when this one is answered (Receive), or after
      // MININTERVAL (10 ms) when no reply comes
      next_send = ns3::Simulator::Schedule(interval > 0 ? ns3::Seconds(interval) : ns3::MilliSeconds(10), &Ping::Send, this);
    } else {
      ScheduleExit();
    }
  }

  void SendMsg(Flowi4 fl4, ns3::Ptr<ns3::Packet> p, uint16_t seq) {
    sent_ps[seq] = NowPs(net->host);
    KFunc(KF_raw_sendmsg, net->host, nullptr);  // the system call into raw_sendmsg
    Rtable rt;
    int rerr = IpRouteOutputKey(net, &fl4, &rt);
    // __ip_make_skb / __ip_append_data: DF when the packet fits the path MTU (want) or always
    // (do); with `do`, a packet larger than the path MTU fails with EMSGSIZE, which ping reads
    // back from the error queue as a local error
    uint32_t mtu = rerr == 0 ? rt.dev->mtu : 0;
    if (rerr == 0 && rt.pmtu && rt.pmtu < mtu) mtu = rt.pmtu;
    uint32_t len = static_cast<uint32_t>(datalen) + 28;
    fl4.df = pmtudisc == PMTUDISC_DO || (pmtudisc == PMTUDISC_WANT && len <= mtu);
    if (rerr == 0 && pmtudisc == PMTUDISC_DO && len > mtu && !(rt.dev->flags & IFF_LOOPBACK)) {
      nerrors++;
      if (!quiet) ctx->Out("ping: local error: message too long, mtu=" + std::to_string(mtu) + "\n");
    } else if (rerr == 0) {
      int err = IpBuildAndSend(net, AllocSkb(net->host, p), fl4, rt, static_cast<uint8_t>(ttl ? ttl : net->ipv4->sysctl_ip_default_ttl), 0);
      // sendmsg failed (a netfilter DROP/REJECT on the way out: EPERM). pinger() then reads the
      // error queue: an ICMP error already there (a REJECT's, delivered over lo before sendmsg
      // returns) is printed as "From ..." followed by "ping: sendmsg: ..."; with an empty queue
      // the failure is silent. The model delivers that error a moment later, so remember it.
      if (err == -EPERM) eperm_seq = seq;
    } else {
      ctx->Err("ping: sendmsg: Network is unreachable\n");
    }
  }

  // schedule_exit: after the last probe, wait for replies
  void ScheduleExit() {
    double wait = nreceived ? std::max(2 * tmax / 1000.0, interval) : linger;
    exit_timer.Cancel();
    exit_timer = ns3::Simulator::Schedule(ns3::Seconds(wait), &Ping::Finish, this);
  }

  void Finish() {
    if (done) return;
    done = true;
    next_send.Cancel();
    exit_timer.Cancel();
    ns3::Simulator::Stop();
  }

  void CheckDone() {
    if (count && nreceived + nerrors >= count) Finish();
    if (deadline && nerrors) Finish();
  }

  static const char* ErrText(uint8_t type, uint8_t code, char* buf, size_t n, uint32_t info) {
    if (type == ICMP_TIME_EXCEEDED) return code == 0 ? "Time to live exceeded" : "Frag reassembly time exceeded";
    if (type == ICMP_DEST_UNREACH) {
      switch (code) {
        case 0: return "Destination Net Unreachable";
        case 1: return "Destination Host Unreachable";
        case 2: return "Destination Protocol Unreachable";
        case 3: return "Destination Port Unreachable";
        case 4:
          std::snprintf(buf, n, "Frag needed and DF set (mtu = %u)", info & 0xffff);
          return buf;
        case 5: return "Source Route Failed";
        case 6: return "Destination Net Unknown";
        case 7: return "Destination Host Unknown";
        case 8: return "Source Host Isolated";
        case 9: return "Destination Net Prohibited";
        case 10: return "Destination Host Prohibited";
        case 11: return "Destination Net Unreachable for Type of Service";
        case 12: return "Destination Host Unreachable for Type of Service";
        case 13: return "Packet filtered";
        case 14: return "Precedence Violation";
        case 15: return "Precedence Cutoff";
        default:
          std::snprintf(buf, n, "Dest Unreachable, Bad Code: %d", code);
          return buf;
      }
    }
    if (type == ICMP_REDIRECT) return "Redirect Host";
    if (type == ICMP_PARAMETERPROB) return "Parameter problem";
    std::snprintf(buf, n, "Bad ICMP type: %d", type);
    return buf;
  }

  // ping4_parse_reply
  void Receive(const SkBuff& skb) {
    if (done) return;
    uint32_t len = skb.data->GetSize();
    if (len < 8) return;
    uint8_t buf[36] = {};
    skb.data->CopyData(buf, std::min<uint32_t>(len, 36));
    uint8_t type = buf[0], code = buf[1];
    uint16_t id = static_cast<uint16_t>((buf[4] << 8) | buf[5]);
    uint16_t seq = static_cast<uint16_t>((buf[6] << 8) | buf[7]);
    if (type == ICMP_ECHOREPLY) {
      if (id != ident || skb.iph.saddr != dst) return;
      if (ntransmitted < 65536 && (seq == 0 || seq > ntransmitted)) return;  // never sent
      // the reply's receive timestamp (SO_TIMESTAMP) minus the probe's
      double rtt = static_cast<double>(skb.tstamp_ps - sent_ps[seq]) / 1e9;
      bool dup = got[seq];
      if (dup) {
        nrepeats++;
      } else {
        got[seq] = true;
        nreceived++;
        acked = std::max(acked, ntransmitted - ((ntransmitted - seq) & 0xffff));
        long long us = static_cast<long long>(rtt * 1000);
        ewma = ewma ? ewma + us - ewma / 8 : us * 8;
        tsum += rtt;
        tsum2 += rtt * rtt;
        tmin = std::min(tmin, rtt);
        tmax = std::max(tmax, rtt);
      }
      if (!quiet) {
        char line[160];
        std::snprintf(line, sizeof line, "%u bytes from %s: icmp_seq=%u ttl=%d time=%s ms%s\n", len,
                      IpStr(skb.iph.saddr).c_str(), seq, skb.iph.ttl, FmtTime(rtt).c_str(), dup ? " (DUP!)" : "");
        ctx->Out(line);
      }
      CheckDone();
      // -i 0: nothing in flight any more, so the next probe goes now
      if (!done && interval == 0 && !dup && acked >= ntransmitted && (!count || ntransmitted < count)) {
        next_send.Cancel();
        next_send = ns3::Simulator::ScheduleNow(&Ping::Send, this);
      }
      return;
    }
    if (type == ICMP_DEST_UNREACH || type == ICMP_TIME_EXCEEDED || type == ICMP_PARAMETERPROB ||
        type == ICMP_REDIRECT || type == 4) {
      if (len < 8 + 20 + 8) return;
      Iphdr inner;
      if (!inner.Read(buf + 8, 20) || inner.protocol != IPPROTO_ICMP_ || inner.daddr != dst) return;
      uint16_t iid = static_cast<uint16_t>((buf[32] << 8) | buf[33]);
      uint16_t iseq = static_cast<uint16_t>((buf[34] << 8) | buf[35]);
      if (buf[28] != ICMP_ECHO || iid != ident) return;
      nerrors++;
      if (!quiet) {
        char tbuf[64];
        uint32_t info = (uint32_t(id) << 16) | seq;
        ctx->Out("From " + IpStr(skb.iph.saddr) + " icmp_seq=" + std::to_string(iseq) + " " +
                 ErrText(type, code, tbuf, sizeof tbuf, info) + "\n");
        // stderr, but ping line-buffers its stdout, so in `2>&1` the line comes right here
        if (eperm_seq && iseq == eperm_seq) ctx->Out("ping: sendmsg: Operation not permitted\n");
      }
      if (iseq == eperm_seq) eperm_seq = 0;
      CheckDone();
    }
  }

  static std::string FmtTime(double ms) {
    char b[32];
    if (ms >= 100) std::snprintf(b, sizeof b, "%.0f", ms);
    else if (ms >= 10) std::snprintf(b, sizeof b, "%.1f", ms);
    else if (ms >= 1) std::snprintf(b, sizeof b, "%.2f", ms);
    else std::snprintf(b, sizeof b, "%.3f", ms);
    return b;
  }
};


bool ParseNum(const std::string& s, double* out) {
  char* end;
  *out = std::strtod(s.c_str(), &end);
  return !s.empty() && !*end;
}

// iputils' strtol_or_err: a whole decimal number within [min, max], else the message and exit 1
bool StrtolOrErr(CmdCtx& ctx, const std::string& s, long long min, long long max, long long* out) {
  errno = 0;
  char* end;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (errno == ERANGE) {
    ctx.Err("ping: invalid argument: '" + s + "': Numerical result out of range\n");
    return false;
  }
  if (end == s.c_str() || *end) {
    ctx.Err("ping: invalid argument: '" + s + "'\n");
    return false;
  }
  if (v < min || v > max) {
    ctx.Err("ping: invalid argument: '" + s + "': out of range: " + std::to_string(min) + " <= value <= " +
            std::to_string(max) + "\n");
    return false;
  }
  *out = v;
  return true;
}

// iputils' ping_strtod: a number, where trailing garbage only warns (the value read so far is
// used) and an overflow, NaN or infinity is fatal (exit 2)
bool PingStrtod(CmdCtx& ctx, const std::string& s, const char* what, double* out) {
  errno = 0;
  char* end;
  double v = std::strtod(s.c_str(), &end);
  if (errno == ERANGE || std::isnan(v) || std::isinf(v)) {
    ctx.Err(std::string("ping: ") + what + ": " + s + ": Numerical result out of range\n");
    return false;
  }
  if (end == s.c_str() || *end)
    ctx.Err("ping: option argument contains garbage: " + s + "\nping: this will become fatal error in the future\n");
  *out = v;
  return true;
}

int CmdPing(CmdCtx& ctx, const std::vector<std::string>& argv) {
  Ping p;
  p.ctx = &ctx;
  p.net = ctx.net;
  std::string target, iface;
  int ident = -1;  // -e: the ICMP identifier (random otherwise)
  auto pmtudisc = Ping::PMTUDISC_WANT;
  const std::string with_arg = "ceiImlMpQsStwWTFN";
  for (size_t i = 1; i < argv.size(); i++) {
    const std::string& a = argv[i];
    if (a.size() < 2 || a[0] != '-') {
      target = a;
      continue;
    }
    for (size_t j = 1; j < a.size(); j++) {
      char c = a[j];
      std::string val;
      if (with_arg.find(c) != std::string::npos) {
        if (j + 1 < a.size()) {
          val = a.substr(j + 1);
        } else if (i + 1 < argv.size()) {
          val = argv[++i];
        } else {
          ctx.Err(std::string("ping: option requires an argument -- '") + c + "'\n" + kUsage);
          return 2;
        }
        j = a.size();
      }
      double v;
      long long n;
      switch (c) {
        case 'c':
          if (!StrtolOrErr(ctx, val, 1, 9223372036854775807LL, &n)) return 1;
          p.count = static_cast<long>(n);
          break;
        case 'i':
          if (!PingStrtod(ctx, val, "bad timing interval", &v)) return 2;
          if (v < 0 || v > 2147483647 / 1000.0) {
            ctx.Err("ping: bad timing interval: " + val + "\n");
            return 2;
          }
          p.interval = v;
          break;
        case 'W':
          if (!PingStrtod(ctx, val, "bad linger time", &v)) return 2;
          if (v < 0 || v > 2147483647 / 1000.0) {
            ctx.Err("ping: bad linger time: " + val + "\n");
            return 2;
          }
          p.linger = v;
          break;
        case 'w':
          if (!StrtolOrErr(ctx, val, 0, 2147483647, &n)) return 1;
          p.deadline = static_cast<double>(n);
          break;
        case 't':
          if (!StrtolOrErr(ctx, val, 0, 255, &n)) return 1;
          if (n == 0) {  // setsockopt(IP_TTL, 0): EINVAL
            ctx.Err("ping: cannot set unicast time-to-live: Invalid argument\n");
            return 2;
          }
          p.ttl = static_cast<int>(n);
          break;
        case 's':
          if (!ParseNum(val, &v) || v < 0 || v > 65507) {
            ctx.Err("ping: invalid argument: '" + val + "': out of range: 0 <= value <= 65507\n");
            return 1;
          }
          p.datalen = static_cast<int>(v);
          break;
        case 'I': iface = val; break;
        case 'q': p.quiet = true; break;
        case 'e':
          if (!StrtolOrErr(ctx, val, 0, 65535, &n)) return 1;
          ident = static_cast<int>(n);
          break;
        // flags that change nothing the model shows: numeric output (-n: no names are resolved
        // anyway), IPv4 (-4), broadcast allowed (-b), no source change (-B), loopback multicast
        // off (-L), full-trip latency (-U), adaptive interval (-A); and -v, -D, -O, whose extra
        // output (debug lines, timestamps, outstanding replies) is not modelled
        case 'n': case '4': case 'b': case 'B': case 'L': case 'U': case 'A': case 'v': case 'D': case 'O':
          break;
        case 'M':
          if (val == "do") pmtudisc = Ping::PMTUDISC_DO;
          else if (val == "dont") pmtudisc = Ping::PMTUDISC_DONT;
          else if (val == "want") pmtudisc = Ping::PMTUDISC_WANT;
          else {
            ctx.Err("ping: invalid -M argument: " + val + "\n");
            return 2;
          }
          break;
        case 'm': case 'p': case 'Q': case 'S': case 'l': case 'T': case 'a': case 'd':
        case 'C':
          break;
        default:
          ctx.Err(std::string("ping: invalid option -- '") + c + "'\n" + kUsage);
          return 2;
      }
    }
  }
  if (target.empty()) {
    ctx.Err("ping: usage error: Destination address required\n");
    return 1;
  }
  if (!IpParse(target, &p.dst)) {
    ctx.Err("ping: " + target + ": Temporary failure in name resolution\n");
    return 2;
  }
  std::string from_dev;
  if (!iface.empty()) {
    uint32_t a;
    if (IpParse(iface, &a)) {
      p.src = a;
    } else {
      NetDev* d = ctx.net->DevGetByName(iface);
      if (!d) {
        ctx.Err("ping: SO_BINDTODEVICE " + iface + ": No such device\n");
        return 2;
      }
      p.oif = d->ifindex;
      from_dev = iface;
    }
  }
  // the UDP connect() probe iputils makes to learn the source address
  Flowi4 fl4;
  fl4.daddr = p.dst;
  fl4.saddr = p.src;
  fl4.oif = p.oif;
  Rtable rt;
  int err = IpRouteOutputKey(ctx.net, &fl4, &rt);
  if (err == -EINVAL && p.src) {
    ctx.Err("ping: bind: Cannot assign requested address\n");
    return 2;
  }
  if (err) {
    ctx.Err("ping: connect: " + std::string(err == -ENETUNREACH ? "Network is unreachable" : std::strerror(-err)) + "\n");
    return 2;
  }
  std::string hdr = "PING " + target + " (" + IpStr(p.dst) + ") ";
  if (!iface.empty()) hdr += "from " + IpStr(fl4.saddr) + " " + from_dev + ": ";
  hdr += std::to_string(p.datalen) + "(" + std::to_string(p.datalen + 28) + ") bytes of data.\n";
  ctx.Out(hdr);
  p.ident = ident >= 0 ? static_cast<uint16_t>(ident) : static_cast<uint16_t>(ctx.user->NextPid());
  p.pmtudisc = pmtudisc;
  RawSock rs;
  rs.protocol = IPPROTO_ICMP_;
  rs.bound_addr = p.src;
  rs.rcv = [&p](const SkBuff& skb) { p.Receive(skb); };
  p.raw_id = RawSockCreate(ctx.net, rs);
  p.cpu = ctx.net->host->NextProcessCpu(ctx.cpus_allowed);
  p.start = ns3::Simulator::Now();
  ns3::Simulator::ScheduleNow(&Ping::Send, &p);
  ns3::EventId dl;
  if (p.deadline > 0) dl = ns3::Simulator::Schedule(ns3::Seconds(p.deadline), &Ping::Finish, &p);
  else if (!p.count) dl = ns3::Simulator::Schedule(ns3::Seconds(p.linger > 0 ? 1e6 : 1e6), &Ping::Finish, &p);
  ns3::Simulator::Run();
  dl.Cancel();
  p.Finish();
  RawSockClose(ctx.net, p.raw_id);
  long elapsed = static_cast<long>((ns3::Simulator::Now() - p.start).GetMilliSeconds());
  ctx.Out("\n--- " + target + " ping statistics ---\n");
  std::string l = std::to_string(p.ntransmitted) + " packets transmitted, " + std::to_string(p.nreceived) + " received";
  if (p.nrepeats) l += ", +" + std::to_string(p.nrepeats) + " duplicates";
  if (p.nerrors) l += ", +" + std::to_string(p.nerrors) + " errors";
  if (p.ntransmitted) {
    char b[32];
    std::snprintf(b, sizeof b, "%g%%", (p.ntransmitted - p.nreceived) * 100.0 / p.ntransmitted);
    l += std::string(", ") + b + " packet loss";
  }
  l += ", time " + std::to_string(elapsed) + "ms\n";
  ctx.Out(l);
  if (p.nreceived) {
    double avg = p.tsum / p.nreceived;
    double mdev = std::sqrt(std::max(0.0, p.tsum2 / p.nreceived - avg * avg));
    char b[128];
    std::snprintf(b, sizeof b, "rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms", p.tmin, avg, p.tmax, mdev);
    ctx.Out(b);
    // with -i 0: the mean gap between probes and the RTT's moving average
    if (p.interval == 0 && p.ntransmitted > 1) {
      long long ipg = (ns3::Simulator::Now() - p.start).GetMicroSeconds() / (p.ntransmitted - 1);
      std::snprintf(b, sizeof b, ", ipg/ewma %lld.%03lld/%lld.%03lld ms", ipg / 1000, ipg % 1000, p.ewma / 8000,
                    (p.ewma / 8) % 1000);
      ctx.Out(b);
    }
    ctx.Out("\n");
  }
  if (!p.nreceived || (p.deadline && p.nreceived < p.count)) return 1;
  return 0;
}

struct Registrar {
  Registrar() { RegisterCommand("ping", &CmdPing); }
} registrar;

}  // namespace
}  // namespace linuxnet
