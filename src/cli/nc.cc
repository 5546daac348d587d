// nc(1), OpenBSD netcat as Debian bookworm ships it (netcat-openbsd 1.219), on ns-3's TCP and UDP
// sockets over the Linux model. Client: nc [-u] [-z] [-v] [-n] [-N] [-w secs] [-q secs]
// [-p srcport] [-s srcaddr] HOST PORT, sending its stdin (a here-document, or nothing); listener:
// nc -l [-u] [-v] [-p] PORT. readwrite()'s poll loop becomes callbacks in virtual time: stdin is
// read at once (one write, as one read() of a here-document is), its end starts the -q timer,
// -w is the connect timeout and the idle timeout, and a listener exits when the peer closes.
// With `&` the tool returns at once and keeps running as a job; `timeout` kills it (status 124).
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "cli/cmd.h"
#include "net/ipv4/inet_connection_sock.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/linux-ipv4.h"
#include "ns3/callback.h"
#include "ns3/inet-socket-address.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/udp-socket-factory.h"
#include "net/core/net_namespace.h"

namespace linuxnet {
namespace {

const char* kUsage =
    "usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n"
    "\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n"
    "\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n"
    "\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n"
    "\t  [destination] [port]\n";

// getservbyport() for the ports a scenario is likely to use (Debian's /etc/services)
const char* ServName(int port, bool udp) {
  switch (port) {
    case 7: return "echo";
    case 9: return "discard";
    case 21: return udp ? nullptr : "ftp";
    case 22: return "ssh";
    case 23: return udp ? nullptr : "telnet";
    case 25: return udp ? nullptr : "smtp";
    case 53: return "domain";
    case 67: return udp ? "bootps" : nullptr;
    case 68: return udp ? "bootpc" : nullptr;
    case 69: return udp ? "tftp" : nullptr;
    case 80: return udp ? nullptr : "http";
    case 123: return udp ? "ntp" : nullptr;
    case 443: return "https";
    case 5353: return udp ? "mdns" : nullptr;
    case 8080: return udp ? nullptr : "http-alt";
    default: return nullptr;
  }
}

class Nc : public Job {
 public:
  // options
  bool listen = false, udp = false, zero = false, verbose = false, shut_on_eof = false;
  double wait = -1, quit = -1;
  int sport = 0;
  uint32_t saddr = 0, daddr = 0;
  int dport = 0;
  std::string host, port_str;
  // process
  NetNs* net = nullptr;
  ProcessOutput io;
  std::string stdin_data;
  ns3::Ptr<ns3::Socket> lsock, sock;
  bool connected = false, stdin_eof = false, netin_eof = false, done = false;
  int so_error = 0;  // a connected UDP socket's pending ICMP error
  int rc = 0;
  ns3::EventId idle_timer, quit_timer, kill_timer, connect_timer, probe_event, eof_event;
  int probes = 0;

  bool Done() const override { return done; }
  void Kill() override {
    if (done) return;
    Exit(124);
  }

  void Emit(const std::string& s, bool err) { io.Write(s, err); }
  void Warn(const std::string& s) { Emit("nc: " + s + "\n", true); }

  // close(2) on every socket (the kernel sends FIN, or RST with unread data), then exit(rc)
  void Exit(int status) {
    if (done) return;
    done = true;
    rc = status;
    idle_timer.Cancel();
    quit_timer.Cancel();
    kill_timer.Cancel();
    connect_timer.Cancel();
    probe_event.Cancel();
    eof_event.Cancel();
    for (ns3::Ptr<ns3::Socket>* s : {&sock, &lsock}) {
      if (!*s) continue;
      (*s)->SetRecvCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
      (*s)->SetCloseCallbacks(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>(),
                              ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
      (*s)->SetConnectCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>(),
                               ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
      (*s)->Close();
      *s = nullptr;
    }
    if (!io.background) ns3::Simulator::Stop();
  }

  std::string Proto() const { return udp ? "udp" : "tcp"; }

  void Start() {
    LinuxIpv4::InstallL4(net);
    if (kill_after_ > 0) kill_timer = ns3::Simulator::Schedule(ns3::Seconds(kill_after_), &Nc::Kill, this);
    ns3::TypeId tid = udp ? ns3::UdpSocketFactory::GetTypeId() : ns3::TcpSocketFactory::GetTypeId();
    if (listen) {
      lsock = ns3::Socket::CreateSocket(net->node, tid);
      // nc -l sets SO_REUSEADDR (and SO_REUSEPORT)
      if ((!udp && InetCskBindConflict(net, saddr, static_cast<uint16_t>(dport), true)) ||
          lsock->Bind(ns3::InetSocketAddress(ns3::Ipv4Address(saddr), static_cast<uint16_t>(dport))) != 0) {
        Warn("Address already in use");
        Exit(1);
        return;
      }
      if (verbose) Emit("Listening on " + IpStr(saddr) + " " + std::to_string(dport) + "\n", true);
      if (udp) {
        lsock->SetRecvCallback(ns3::MakeCallback(&Nc::UdpFirst, this));
      } else {
        lsock->Listen();
        lsock->SetAcceptCallback(ns3::MakeNullCallback<bool, ns3::Ptr<ns3::Socket>, const ns3::Address&>(),
                                 ns3::MakeCallback(&Nc::Accepted, this));
      }
      if (!udp) InetCskTrack(net, lsock, true, true);
      return;
    }
    sock = ns3::Socket::CreateSocket(net->node, tid);
    // the client sets no SO_REUSEADDR: a port another socket holds (TIME_WAIT too) is refused
    int r = !udp && sport && InetCskBindConflict(net, saddr, static_cast<uint16_t>(sport), false) ? -1
            : (sport || saddr) ? sock->Bind(ns3::InetSocketAddress(ns3::Ipv4Address(saddr), static_cast<uint16_t>(sport)))
                               : sock->Bind();
    if (r != 0) {
      Warn("bind failed: Address already in use");
      Exit(1);
      return;
    }
    if (udp) {
      sock->SetAttributeFailSafe("IcmpCallback", ns3::CallbackValue(ns3::MakeCallback(&Nc::Icmp, this)));
      sock->SetRecvCallback(ns3::MakeCallback(&Nc::Readable, this));
      if (sock->Connect(ns3::InetSocketAddress(ns3::Ipv4Address(daddr), static_cast<uint16_t>(dport))) != 0) {
        if (verbose) Warn("connect to " + host + " port " + port_str + " (udp) failed: Network is unreachable");
        Exit(1);
        return;
      }
      connected = true;
      if (verbose || zero) {
        probe_event = ns3::Simulator::ScheduleNow(&Nc::UdpProbe, this);  // udptest()
      } else {
        ReadWrite();
      }
      return;
    }
    InetCskTrack(net, sock, false, false);
    sock->SetConnectCallback(ns3::MakeCallback(&Nc::Connected, this), ns3::MakeCallback(&Nc::ConnectFailed, this));
    sock->SetCloseCallbacks(ns3::MakeCallback(&Nc::Closed, this), ns3::MakeCallback(&Nc::Closed, this));
    sock->SetRecvCallback(ns3::MakeCallback(&Nc::Readable, this));
    sock->Connect(ns3::InetSocketAddress(ns3::Ipv4Address(daddr), static_cast<uint16_t>(dport)));
    // timeout_connect(): -w bounds the connect; without it the kernel gives up after its SYN
    // retries (tcp_syn_retries 6: 127 s)
    connect_timer = ns3::Simulator::Schedule(ns3::Seconds(wait > 0 ? wait : 127), &Nc::ConnectTimeout, this);
  }

  void ConnectTimeout() {
    if (verbose) {
      if (wait > 0) Warn("connect to " + host + " port " + port_str + " (" + Proto() + ") timed out: Operation now in progress");
      else Warn("connect to " + host + " port " + port_str + " (" + Proto() + ") failed: Connection timed out");
    }
    Exit(1);
  }

  void Succeeded() {
    const char* sv = ServName(dport, udp);
    Emit("Connection to " + host + " " + port_str + " port [" + Proto() + "/" + (sv ? sv : "*") + "] succeeded!\n",
         true);
  }

  void Connected(ns3::Ptr<ns3::Socket>) {
    if (done) return;
    connect_timer.Cancel();
    connected = true;
    if (verbose || zero) Succeeded();
    if (zero) {
      Exit(0);
      return;
    }
    ReadWrite();
  }
  void ConnectFailed(ns3::Ptr<ns3::Socket>) {
    if (done) return;
    if (verbose) Warn("connect to " + host + " port " + port_str + " (" + Proto() + ") failed: Connection refused");
    Exit(1);
  }
  // a RST or a FIN from the peer
  void Closed(ns3::Ptr<ns3::Socket> s) {
    if (done) return;
    if (!connected) {
      ConnectFailed(s);
      return;
    }
    NetEof();
  }

  // udptest(): four one-byte writes; a write that finds the port refused fails the probe
  void UdpProbe() {
    if (done) return;
    if (so_error) {
      so_error = 0;
      Exit(1);
      return;
    }
    if (probes++ < 4) {
      sock->Send(ns3::Create<ns3::Packet>(reinterpret_cast<const uint8_t*>("X"), 1));
      probe_event = ns3::Simulator::Schedule(ns3::MicroSeconds(20), &Nc::UdpProbe, this);
      return;
    }
    Succeeded();
    if (zero) {
      Exit(0);
      return;
    }
    ReadWrite();
  }

  void Icmp(ns3::Ipv4Address, uint8_t, uint8_t type, uint8_t code, uint32_t) {
    if (done || !connected) return;
    if (type == ICMP_DEST_UNREACH) {
      so_error = code == ICMP_PORT_UNREACH ? ECONNREFUSED : EHOSTUNREACH;
      // poll() reports the error on the network side: the read fails and net input is gone
      if (!probe_event.IsRunning()) eof_event = ns3::Simulator::ScheduleNow(&Nc::NetEof, this);
    }
  }

  // readwrite(): stdin goes out in one write, then its end
  void ReadWrite() {
    if (!stdin_data.empty()) sock->Send(ns3::Create<ns3::Packet>(reinterpret_cast<const uint8_t*>(stdin_data.data()),
                                                                 static_cast<uint32_t>(stdin_data.size())));
    stdin_eof = true;
    if (shut_on_eof && !udp) sock->ShutdownSend();
    if (quit == 0) {
      Exit(0);
      return;
    }
    if (quit > 0) quit_timer = ns3::Simulator::Schedule(ns3::Seconds(quit), &Nc::Exit, this, 0);
    ArmIdle();
  }

  void ArmIdle() {
    idle_timer.Cancel();
    if (wait > 0) idle_timer = ns3::Simulator::Schedule(ns3::Seconds(wait), &Nc::Exit, this, 0);
  }

  void Readable(ns3::Ptr<ns3::Socket> s) {
    if (done) return;
    ns3::Ptr<ns3::Packet> p;
    while ((p = s->Recv())) {
      if (p->GetSize() == 0) continue;
      std::string data(p->GetSize(), '\0');
      p->CopyData(reinterpret_cast<uint8_t*>(&data[0]), p->GetSize());
      Emit(data, false);
    }
    ArmIdle();
  }

  // the network input is gone (EOF or an error): with stdin gone too, or as a listener, done
  void NetEof() {
    if (done || netin_eof) return;
    netin_eof = true;
    if (listen || stdin_eof) {
      if (quit > 0 && quit_timer.IsRunning()) return;
      Exit(0);
    }
  }

  // TCP listener: accept one connection and keep to it
  void Accepted(ns3::Ptr<ns3::Socket> s, const ns3::Address& from) {
    if (done || sock) return;
    sock = s;
    InetCskTrack(net, sock, true, false);  // an accepted socket inherits the listener's sk_reuse
    connected = true;
    ns3::InetSocketAddress a = ns3::InetSocketAddress::ConvertFrom(from);
    if (verbose) Emit("Connection received on " + IpStr(a.GetIpv4().Get()) + " " + std::to_string(a.GetPort()) + "\n", true);
    sock->SetCloseCallbacks(ns3::MakeCallback(&Nc::Closed, this), ns3::MakeCallback(&Nc::Closed, this));
    sock->SetRecvCallback(ns3::MakeCallback(&Nc::Readable, this));
    ReadWrite();
    Readable(sock);
  }

  // UDP listener: the first datagram's sender becomes the peer (connect), then readwrite
  void UdpFirst(ns3::Ptr<ns3::Socket> s) {
    if (done) return;
    ns3::Address from;
    ns3::Ptr<ns3::Packet> p = s->RecvFrom(from);
    if (!p) return;
    ns3::InetSocketAddress a = ns3::InetSocketAddress::ConvertFrom(from);
    if (verbose) Emit("Connection received on " + IpStr(a.GetIpv4().Get()) + " " + std::to_string(a.GetPort()) + "\n", true);
    sock = lsock;
    lsock = nullptr;
    sock->Connect(from);
    connected = true;
    sock->SetRecvCallback(ns3::MakeCallback(&Nc::Readable, this));
    if (p->GetSize()) {
      std::string data(p->GetSize(), '\0');
      p->CopyData(reinterpret_cast<uint8_t*>(&data[0]), p->GetSize());
      Emit(data, false);
    }
    ReadWrite();
  }

  double kill_after_ = 0;
};

bool ParseSecs(const std::string& s, double* v) {
  char* end;
  *v = std::strtod(s.c_str(), &end);
  return !s.empty() && !*end;
}

int CmdNc(CmdCtx& ctx, const std::vector<std::string>& argv) {
  auto nc = std::make_unique<Nc>();
  std::vector<std::string> pos;
  for (size_t i = 1; i < argv.size(); i++) {
    const std::string& a = argv[i];
    if (a.size() < 2 || a[0] != '-') {
      pos.push_back(a);
      continue;
    }
    for (size_t k = 1; k < a.size(); k++) {
      char f = a[k];
      auto optarg = [&](std::string* out) {
        if (k + 1 < a.size()) {
          *out = a.substr(k + 1);
        } else if (i + 1 < argv.size()) {
          *out = argv[++i];
        } else {
          return false;
        }
        k = a.size();
        return true;
      };
      std::string v;
      switch (f) {
        case 'l': nc->listen = true; break;
        case 'u': nc->udp = true; break;
        case 'z': nc->zero = true; break;
        case 'v': nc->verbose = true; break;
        case 'n': case '4': case 'd': case 'k': case 'D': case 'r': break;
        case 'N': nc->shut_on_eof = true; break;
        case 'w':
        case 'q':
        case 'p':
        case 's':
          if (!optarg(&v)) {
            ctx.Err(std::string("nc: option requires an argument -- '") + f + "'\n" + kUsage);
            return 1;
          }
          if (f == 'w') {
            double w;
            if (!ParseSecs(v, &w) || w < 0) {
              ctx.Err("nc: timeout " + v + ": invalid\n");
              return 1;
            }
            nc->wait = w;
          } else if (f == 'q') {
            nc->quit = std::atof(v.c_str());
          } else if (f == 'p') {
            char* end;
            long p = std::strtol(v.c_str(), &end, 10);
            if (*end || p < 1 || p > 65535) {
              ctx.Err("nc: port number invalid: " + v + "\n");
              return 1;
            }
            nc->sport = static_cast<int>(p);
          } else if (!IpParse(v, &nc->saddr)) {
            ctx.Err("nc: getaddrinfo for host \"" + v + "\" port (null): Name or service not known\n");
            return 1;
          }
          break;
        default:
          ctx.Err(std::string("nc: invalid option -- '") + f + "'\n" + kUsage);
          return 1;
      }
    }
  }
  if (nc->listen) {
    // nc -l PORT, or nc -l -p PORT
    if (pos.size() == 1) nc->port_str = pos[0];
    else if (pos.empty() && nc->sport) nc->port_str = std::to_string(nc->sport);
    else if (pos.size() == 2) {
      nc->port_str = pos[1];
      if (!IpParse(pos[0], &nc->saddr)) {
        ctx.Err("nc: getaddrinfo for host \"" + pos[0] + "\" port " + pos[1] + ": Name or service not known\n");
        return 1;
      }
    } else {
      ctx.Err("nc: missing port number\n");
      return 1;
    }
  } else {
    if (pos.empty()) {
      ctx.Err(kUsage);
      return 1;
    }
    if (pos.size() < 2) {
      ctx.Err("nc: missing port number\n");
      return 1;
    }
    nc->host = pos[0];
    nc->port_str = pos[1];
    if (!IpParse(nc->host, &nc->daddr)) {
      ctx.Err("nc: getaddrinfo for host \"" + nc->host + "\" port " + nc->port_str +
              ": Temporary failure in name resolution\n");
      return 1;
    }
  }
  char* end;
  long port = std::strtol(nc->port_str.c_str(), &end, 10);
  if (*end || port < 1 || port > 65535) {
    ctx.Err("nc: port number invalid: " + nc->port_str + "\n");
    return 1;
  }
  nc->dport = static_cast<int>(port);
  nc->net = ctx.net;
  nc->stdin_data = ctx.in;
  nc->io.Attach(ctx, ctx.background);
  nc->kill_after_ = ctx.kill_after;
  Nc* p = nc.get();
  ctx.user->AddJob(std::move(nc));
  p->Start();
  if (p->io.background) return 0;
  RunForeground(p, 3600);  // an hour at most
  p->io.Detach();
  return p->rc;
}

struct Registrar {
  Registrar() { RegisterCommand("nc", &CmdNc); }
} registrar;

}  // namespace
}  // namespace linuxnet
