// LinuxUdpSocket: ns3::UdpSocket over udp.h's UdpSock (see udp_socket.h). What ns-3's own
// UdpSocketImpl does that this keeps: the IcmpCallback attribute and the Drop trace, its errno
// values, GetRxAvailable as the bytes queued, SendTo's size limit. What it does the kernel's way
// instead: bind conflicts and ephemeral ports (udp_lib_get_port), connect routes and takes the
// route's source (ip4_datagram_connect fails with no route), a datagram longer than the read is
// truncated and consumed (MSG_TRUNC), SO_RCVBUF in truesize, DF on datagrams that fit the MTU.
#include "net/ipv4/udp_socket.h"

#include <cerrno>
#include <climits>
#include <memory>

#include "net/core/net_namespace.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/linux-ipv4.h"
#include "net/ipv4/udp.h"
#include "ns3/callback.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv4-packet-info-tag.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/udp-socket.h"
#include "sim/cpu.h"
#include "sim/host.h"

namespace linuxnet {

namespace {

ns3::Socket::SocketErrno ErrnoOf(int err) {
  switch (-err) {
    case EMSGSIZE: return ns3::Socket::ERROR_MSGSIZE;
    case ENETUNREACH:
    case EHOSTUNREACH: return ns3::Socket::ERROR_NOROUTETOHOST;
    case EADDRINUSE: return ns3::Socket::ERROR_ADDRINUSE;
    case EADDRNOTAVAIL: return ns3::Socket::ERROR_ADDRNOTAVAIL;
    case EDESTADDRREQ: return ns3::Socket::ERROR_NOTCONN;
    case EAGAIN: return ns3::Socket::ERROR_AGAIN;
    case EBADF: return ns3::Socket::ERROR_BADF;
    case ENODEV: return ns3::Socket::ERROR_NODEV;
    case EACCES:
    case EPERM: return ns3::Socket::ERROR_OPNOTSUPP;  // UdpSocketImpl's answer to a broadcast refused
    default: return ns3::Socket::ERROR_INVAL;
  }
}

class LinuxUdpSocket : public ns3::UdpSocket {
 public:
  static ns3::TypeId GetTypeId() {
    static ns3::TypeId tid =
        ns3::TypeId("linuxnet::LinuxUdpSocket")
            .SetParent<ns3::UdpSocket>()
            .SetGroupName("Linuxnet")
            .AddTraceSource("Drop", "A datagram dropped for want of receive buffer (UdpRcvbufErrors)",
                            ns3::MakeTraceSourceAccessor(&LinuxUdpSocket::drop_trace_), "ns3::Packet::TracedCallback")
            .AddAttribute("IcmpCallback", "Called for every ICMP error quoting a datagram of this socket.",
                          ns3::CallbackValue(), ns3::MakeCallbackAccessor(&LinuxUdpSocket::icmp_cb_),
                          ns3::MakeCallbackChecker());
    return tid;
  }
  ns3::TypeId GetInstanceTypeId() const override { return GetTypeId(); }

  void Init(ns3::Ptr<ns3::Node> node, ns3::Ptr<LinuxIpv4> ip) {
    node_ = node;
    ip_ = ip;
    UdpInitSock(&sk_, ip->net);
    sk_.data_ready = [this] { DataReady(); };
    sk_.icmp_report = [this](uint32_t from, uint8_t ttl, uint8_t type, uint8_t code, uint32_t info) {
      if (!icmp_cb_.IsNull()) icmp_cb_(ns3::Ipv4Address(from), ttl, type, code, info);
    };
    sk_.drop_report = [this](ns3::Ptr<const ns3::Packet> p) { drop_trace_(p); };
    // sock_def_write_space: the writer wakes once half the send buffer is free; the skb is freed
    // deep in a driver's or the stack's work, so the wake-up is an event of its own
    sk_.wmem->write_space = [this] {
      if (write_space_pending_ || closed_) return;
      write_space_pending_ = true;
      ns3::Ptr<LinuxUdpSocket> self(this);
      ns3::Simulator::ScheduleNow([self] {
        self->write_space_pending_ = false;
        if (!self->closed_ && self->GetTxAvailable() > 0) self->NotifySend(kMaxPayload);
      });
    };
  }
  ~LinuxUdpSocket() override {
    sk_.wmem->write_space = nullptr;
    UdpClose(&sk_);
  }

  SocketErrno GetErrno() const override { return errno_; }
  SocketType GetSocketType() const override { return NS3_SOCK_DGRAM; }
  ns3::Ptr<ns3::Node> GetNode() const override { return node_; }

  int Bind(const ns3::Address& address) override {
    // an IPv6 socket (ns-3's applications open one beside the IPv4 one): the model has no IPv6,
    // so it binds and never receives
    if (ns3::Inet6SocketAddress::IsMatchingType(address)) return 0;
    if (!ns3::InetSocketAddress::IsMatchingType(address)) return Fail(ERROR_INVAL);
    ns3::InetSocketAddress a = ns3::InetSocketAddress::ConvertFrom(address);
    SetIpTos(a.GetTos());
    int err = UdpBind(&sk_, a.GetIpv4().Get(), a.GetPort());
    return err ? Fail(ErrnoOf(err)) : 0;
  }
  int Bind() override {
    int err = UdpBind(&sk_, 0, 0);
    return err ? Fail(ErrnoOf(err)) : 0;
  }
  int Bind6() override { return 0; }  // as Bind(Inet6SocketAddress)

  int Close() override {
    if (closed_) return Fail(ERROR_BADF);
    closed_ = true;
    shutdown_send_ = true;
    UdpClose(&sk_);
    return 0;
  }
  // inet_shutdown: the flags are taken even on an unconnected socket
  int ShutdownSend() override {
    shutdown_send_ = true;
    return 0;
  }
  int ShutdownRecv() override {
    sk_.rcv_shutdown = true;
    return 0;
  }

  int Connect(const ns3::Address& address) override {
    if (!ns3::InetSocketAddress::IsMatchingType(address)) {
      NotifyConnectionFailed();
      return Fail(ERROR_AFNOSUPPORT);
    }
    ns3::InetSocketAddress a = ns3::InetSocketAddress::ConvertFrom(address);
    SetIpTos(a.GetTos());
    SyncOptions();
    int err = UdpConnect(&sk_, a.GetIpv4().Get(), a.GetPort());
    if (err) {
      NotifyConnectionFailed();
      return Fail(ErrnoOf(err));
    }
    NotifyConnectionSucceeded();
    return 0;
  }
  int Listen() override { return Fail(ERROR_OPNOTSUPP); }

  // a process whose sendmsg waits for its CPU is in the syscall: nothing more to write until then;
  // nor while less than half the send buffer is free (datagram_poll's sock_writeable, what
  // select() tells the writer)
  uint32_t GetTxAvailable() const override {
    return pending_sends_ || 2 * sk_.wmem->alloc >= sk_.wmem->sndbuf ? 0 : kMaxPayload;
  }
  int Send(ns3::Ptr<ns3::Packet> p, uint32_t) override {
    if (!sk_.established) return Fail(ERROR_NOTCONN);
    return DoSend(p, 0, 0);
  }
  int SendTo(ns3::Ptr<ns3::Packet> p, uint32_t, const ns3::Address& address) override {
    if (!ns3::InetSocketAddress::IsMatchingType(address)) return Fail(ERROR_AFNOSUPPORT);
    ns3::InetSocketAddress a = ns3::InetSocketAddress::ConvertFrom(address);
    if (a.GetTos()) SetIpTos(a.GetTos());
    return DoSend(p, a.GetIpv4().Get(), a.GetPort());
  }

  uint32_t GetRxAvailable() const override { return sk_.rx_bytes; }
  ns3::Ptr<ns3::Packet> Recv(uint32_t maxSize, uint32_t flags) override {
    ns3::Address from;
    return RecvFrom(maxSize, flags, from);
  }
  ns3::Ptr<ns3::Packet> RecvFrom(uint32_t maxSize, uint32_t, ns3::Address& from) override {
    // a reader that has spent time reading reads the next datagram at the moment it gets to it:
    // when something else is due before then, it stops here and is woken again at that moment
    Host* host = sk_.net ? sk_.net->host : nullptr;
    if (host && host->cur != &host->idle && host->cursor_ps > ns3::Simulator::Now().GetPicoSeconds() &&
        !CpuAdvance(host)) {
      errno_ = ERROR_AGAIN;
      return nullptr;
    }
    UdpQueued q;
    if (!UdpRecvmsg(&sk_, &q)) {
      errno_ = ERROR_AGAIN;
      return nullptr;
    }
    read_ = true;
    ns3::Ptr<ns3::Packet> p = q.data;
    if (p->GetSize() > maxSize) p = p->CreateFragment(0, maxSize);  // MSG_TRUNC: the rest is gone
    from = ns3::InetSocketAddress(ns3::Ipv4Address(q.saddr), q.sport);
    if (IsRecvPktInfo()) {  // IP_PKTINFO
      ns3::Ipv4PacketInfoTag tag;
      tag.SetAddress(ns3::Ipv4Address(q.daddr));
      tag.SetTtl(q.ttl);
      tag.SetRecvIf(static_cast<uint32_t>(q.iif));
      p->AddPacketTag(tag);
    }
    if (IsIpRecvTos()) {
      ns3::SocketIpTosTag tag;
      tag.SetTos(q.tos);
      p->AddPacketTag(tag);
    }
    if (IsIpRecvTtl()) {
      ns3::SocketIpTtlTag tag;
      tag.SetTtl(q.ttl);
      p->AddPacketTag(tag);
    }
    return p;
  }

  int GetSockName(ns3::Address& address) const override {
    address = ns3::InetSocketAddress(ns3::Ipv4Address(sk_.rcv_saddr ? sk_.rcv_saddr : sk_.saddr), sk_.num);
    return 0;
  }
  int GetPeerName(ns3::Address& address) const override {
    if (!sk_.established) {
      errno_ = ERROR_NOTCONN;
      return -1;
    }
    address = ns3::InetSocketAddress(ns3::Ipv4Address(sk_.daddr), sk_.dport);
    return 0;
  }
  void BindToNetDevice(ns3::Ptr<ns3::NetDevice> dev) override {
    m_boundnetdevice = dev;
    UdpBindToDevice(&sk_, dev ? static_cast<int>(dev->GetIfIndex()) : 0);
  }
  bool SetAllowBroadcast(bool allow) override {
    sk_.broadcast = allow;
    return true;
  }
  bool GetAllowBroadcast() const override { return sk_.broadcast; }

  int MulticastJoinGroup(uint32_t, const ns3::Address&) override { return 0; }
  int MulticastLeaveGroup(uint32_t, const ns3::Address&) override { return 0; }

 protected:
  void DoDispose() override {
    closed_ = true;
    sk_.wmem->write_space = nullptr;  // skbs still in flight no longer wake it
    UdpClose(&sk_);
    ip_ = nullptr;
    node_ = nullptr;
    ns3::UdpSocket::DoDispose();
  }

 private:
  void SetRcvBufSize(uint32_t size) override { sk_.rcvbuf = static_cast<int>(std::min<uint32_t>(size, INT_MAX)); }
  uint32_t GetRcvBufSize() const override { return static_cast<uint32_t>(sk_.rcvbuf); }
  void SetIpMulticastTtl(uint8_t ttl) override { mc_ttl_ = ttl; }
  uint8_t GetIpMulticastTtl() const override { return mc_ttl_; }
  void SetIpMulticastIf(int32_t i) override { mc_if_ = i; }
  int32_t GetIpMulticastIf() const override { return mc_if_; }
  void SetIpMulticastLoop(bool loop) override { mc_loop_ = loop; }
  bool GetIpMulticastLoop() const override { return mc_loop_; }
  void SetMtuDiscover(bool discover) override { sk_.pmtudisc_dont = !discover; }
  bool GetMtuDiscover() const override { return !sk_.pmtudisc_dont; }

  int Fail(SocketErrno e) {
    errno_ = e;
    return -1;
  }
  // IP_TOS, IP_TTL and IP_MULTICAST_TTL as ns-3's Socket holds them
  void SyncOptions() {
    sk_.tos = GetIpTos();
    sk_.uc_ttl = IsManualIpTtl() && GetIpTtl() ? GetIpTtl() : -1;  // UdpSocket's IpTtl 0: not set
    sk_.mc_ttl = mc_ttl_ ? mc_ttl_ : 1;
  }

  // sendmsg: runs on the process's CPU, at once when that CPU is free (or already running this
  // process); when it is busy the syscall waits for it, and what it returns now is the outcome
  // the route gives now
  int DoSend(ns3::Ptr<ns3::Packet> p, uint32_t daddr, uint16_t dport) {
    if (!sk_.net || !ip_ || closed_) return Fail(ERROR_BADF);
    if (shutdown_send_) return Fail(ERROR_SHUTDOWN);
    if (p->GetSize() > kMaxPayload) return Fail(ERROR_MSGSIZE);
    SyncOptions();
    Host* host = sk_.net->host;
    Cpu* cpu = ip_->AppCpu();
    ns3::Ptr<LinuxUdpSocket> self(this);
    int r;
    if (host->cur == cpu || (host->cur == &host->idle && CpuFree(cpu))) {
      auto res = std::make_shared<int>(INT_MIN);
      CpuRun(host, cpu, [self, p, daddr, dport, res] { *res = UdpSendmsg(&self->sk_, p, daddr, dport); });
      r = *res == INT_MIN ? static_cast<int>(p->GetSize()) : *res;
    } else {
      r = UdpSendmsg(&sk_, p, daddr, dport, false);
      if (r >= 0) {
        pending_sends_++;
        CpuRun(host, cpu, [self, p, daddr, dport] {
          if (!self->closed_) UdpSendmsg(&self->sk_, p, daddr, dport);
          // the process returns from the syscall when this work (and its softirq) is done, in turn
          // with what else waits for the CPU
          Host* h = self->sk_.net->host;
          CpuQueue(h, h->cur, [self] {
            if (--self->pending_sends_ == 0 && !self->closed_) self->NotifySend(kMaxPayload);
          });
        });
      }
    }
    if (r < 0) return Fail(ErrnoOf(r));
    NotifyDataSent(static_cast<uint32_t>(r));
    return r;
  }

  // sk_data_ready (sock_def_readable): the reader wakes on its process's CPU, behind the work
  // that CPU has (the softirq that queued the datagram, when it is the same CPU), and reads there
  void DataReady() {
    if (wake_pending_ || closed_ || !ip_ || !sk_.net) return;
    wake_pending_ = true;
    Host* host = sk_.net->host;
    Cpu* cpu = ip_->AppCpu();
    ns3::Ptr<LinuxUdpSocket> self(this);
    auto wake = [self] { self->Wake(); };
    if (host->cur == cpu) CpuQueue(host, cpu, wake);
    else CpuRun(host, cpu, wake);
  }
  void Wake() {
    wake_pending_ = false;
    if (closed_ || !sk_.net) return;
    read_ = false;
    NotifyDataRecv();
    // still readable after a read that made progress: poll says so again
    if (read_ && !closed_ && !(sk_.reader_queue.empty() && sk_.receive_queue.empty())) DataReady();
  }

  UdpSock sk_;
  ns3::Ptr<ns3::Node> node_;
  ns3::Ptr<LinuxIpv4> ip_;
  mutable SocketErrno errno_ = ERROR_NOTERROR;
  bool closed_ = false, shutdown_send_ = false;
  bool wake_pending_ = false, read_ = false;
  int pending_sends_ = 0;  // sendmsg calls waiting for the CPU
  bool write_space_pending_ = false;
  static constexpr uint32_t kMaxPayload = 0xffff - 20 - 8;
  uint8_t mc_ttl_ = 0;
  int32_t mc_if_ = -1;
  bool mc_loop_ = true;
  ns3::Callback<void, ns3::Ipv4Address, uint8_t, uint8_t, uint8_t, uint32_t> icmp_cb_;
  ns3::TracedCallback<ns3::Ptr<const ns3::Packet>> drop_trace_;
};

class LinuxUdpSocketFactory : public ns3::UdpSocketFactory {
 public:
  static ns3::TypeId GetTypeId() {
    static ns3::TypeId tid =
        ns3::TypeId("linuxnet::LinuxUdpSocketFactory").SetParent<ns3::UdpSocketFactory>().SetGroupName("Linuxnet");
    return tid;
  }
  ns3::TypeId GetInstanceTypeId() const override { return GetTypeId(); }
  ns3::Ptr<ns3::Socket> CreateSocket() override {
    ns3::Ptr<ns3::Node> node = GetObject<ns3::Node>();
    ns3::Ptr<LinuxIpv4> ip = node ? node->GetObject<LinuxIpv4>() : nullptr;
    if (!ip || !ip->net) return nullptr;  // the namespace is gone
    ns3::Ptr<LinuxUdpSocket> s = ns3::CreateObject<LinuxUdpSocket>();
    s->Init(node, ip);
    return s;
  }
};

}  // namespace

void UdpInstall(NetNs* net) {
  if (net->node->GetObject<LinuxUdpSocketFactory>()) return;
  net->node->AggregateObject(ns3::CreateObject<LinuxUdpSocketFactory>());
}

}  // namespace linuxnet
