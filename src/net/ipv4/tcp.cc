// net/ipv4/tcp.c, tcp_ipv4.c, tcp_output.c, tcp_cong.c: ns-3's TcpSocketBase configured per socket
// as the kernel configures its own. TcpInstall puts ns-3's TcpL4Protocol on the namespace's node
// with LinuxTcpSocketFactory in place of ns-3's factory, so every TCP socket (nc, iperf3, an ns-3
// application) starts as tcp_init_sock starts one, from the namespace's sysctls.
#include "net/ipv4/tcp.h"

#include <algorithm>
#include <cerrno>
#include <sstream>

#include "net/core/net_namespace.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/linux-ipv4.h"
#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/pointer.h"
#include "ns3/rtt-estimator.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-recovery-ops.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-socket-base.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/tcp-tx-buffer.h"
#include "ns3/uinteger.h"
#include "sim/host.h"

namespace linuxnet {

namespace {

// The congestion controls, by Linux name, and the ns-3 class that models each
struct CongestionOps {
  const char* name;
  const char* ns3_type;
};
const CongestionOps kCongestion[] = {
    {"reno", "ns3::TcpLinuxReno"}, {"cubic", "ns3::TcpCubic"},     {"bbr", "ns3::TcpBbr"},
    {"bic", "ns3::TcpBic"},        {"highspeed", "ns3::TcpHighSpeed"}, {"htcp", "ns3::TcpHtcp"},
    {"hybla", "ns3::TcpHybla"},    {"illinois", "ns3::TcpIllinois"}, {"lp", "ns3::TcpLp"},
    {"scalable", "ns3::TcpScalable"}, {"vegas", "ns3::TcpVegas"},  {"veno", "ns3::TcpVeno"},
    {"yeah", "ns3::TcpYeah"},
};
constexpr int kNumCongestion = sizeof(kCongestion) / sizeof(kCongestion[0]);

int CongestionIndex(const std::string& name) {
  for (int i = 0; i < kNumCongestion; i++)
    if (name == kCongestion[i].name) return i;
  return -1;
}

NetNs* SocketNet(const ns3::Socket* sock) {
  ns3::Ptr<LinuxIpv4> ip = sock->GetNode()->GetObject<LinuxIpv4>();
  return ip ? ip->net : nullptr;
}

// tcp_win_from_space: the part of a receive buffer the window may offer
uint32_t TcpWinFromSpace(const NetNs* net, int space) {
  int scale = net->ipv4->tcp.adv_win_scale;
  int64_t s = space;
  return static_cast<uint32_t>(scale <= 0 ? s >> -scale : s - (s >> scale));
}

// The MTU of the route to `daddr` (from `saddr`, when bound): ip_route_connect's dst
uint32_t RouteMtu(NetNs* net, uint32_t daddr, uint32_t saddr, bool* can_gso = nullptr) {
  Flowi4 fl4;
  fl4.daddr = daddr;
  fl4.saddr = saddr;
  fl4.proto = IPPROTO_TCP_;
  Rtable rt;
  if (IpRouteOutputKey(net, &fl4, &rt) != 0 || !rt.dev) return 0;
  if (can_gso) *can_gso = rt.dev->SkCanGso();  // sk_setup_caps
  uint32_t pmtu = Ipv4PathMtu(net, daddr, nullptr);  // a learned exception, while it lasts
  return pmtu && pmtu < rt.dev->mtu ? pmtu : rt.dev->mtu;
}

// A TCP socket whose segment size follows its route, as the kernel's mss_cache does: set at
// connect (tcp_v4_connect → tcp_connect_init → tcp_sync_mss) and, for an accepted connection,
// when the SYN arrives (tcp_v4_syn_recv_sock)
class LinuxTcpSock : public ns3::TcpSocketBase {
 public:
  static ns3::TypeId GetTypeId() {
    static ns3::TypeId tid = ns3::TypeId("linuxnet::LinuxTcpSock")
                                 .SetParent<ns3::TcpSocketBase>()
                                 .SetGroupName("Linuxnet")
                                 .AddConstructor<LinuxTcpSock>();
    return tid;
  }
  ns3::TypeId GetInstanceTypeId() const override { return GetTypeId(); }

  ns3::Ptr<LinuxIpv4> ip;      // the namespace's (its net is null once the namespace is gone)
  bool sndbuf_locked = false;   // SOCK_SNDBUF_LOCK: SO_SNDBUF was set
  bool rcvbuf_locked = false;   // SOCK_RCVBUF_LOCK: SO_RCVBUF was set
  int sk_rcvbuf = 0;            // sk_rcvbuf (the window is tcp_win_from_space of it)

  // tcp_recvmsg: each read copies to the user and lets the receive buffer follow what the
  // application reads per RTT (tcp_rcv_space_adjust)
  ns3::Ptr<ns3::Packet> Recv(uint32_t max_size, uint32_t flags) override {
    ns3::Ptr<ns3::Packet> p = ns3::TcpSocketBase::Recv(max_size, flags);
    if (p && p->GetSize() > 0) {
      copied_seq_ += p->GetSize();
      TcpRcvSpaceAdjust();
    }
    return p;
  }
  uint32_t sndbuf_cwnd = 0;     // the cwnd tcp_sndbuf_expand last sized the buffer for

  int Connect(const ns3::Address& address) override {
    if (ns3::InetSocketAddress::IsMatchingType(address) && m_state == ns3::TcpSocket::CLOSED) {
      ns3::Address local;
      uint32_t saddr = 0;
      if (GetSockName(local) == 0 && ns3::InetSocketAddress::IsMatchingType(local))
        saddr = ns3::InetSocketAddress::ConvertFrom(local).GetIpv4().Get();
      SyncMss(ns3::InetSocketAddress::ConvertFrom(address).GetIpv4().Get(), saddr);
    }
    return ns3::TcpSocketBase::Connect(address);
  }

 protected:
  ns3::Ptr<ns3::TcpSocketBase> Fork() override { return ns3::CopyObject<LinuxTcpSock>(this); }

  // tcp_rcv_established / tcp_rcv_state_process, then what follows an ACK: the connection
  // established (tcp_init_buffer_space) or the window grown (tcp_new_space) expands the send
  // buffer to two congestion windows' worth of worst-case skbs
  void DoForwardUp(ns3::Ptr<ns3::Packet> packet, const ns3::Address& from, const ns3::Address& to) override {
    ns3::TcpSocketBase::DoForwardUp(packet, from, to);
    if (!rcvq_init_ && m_state == ns3::TcpSocket::ESTABLISHED) TcpInitBufferSpace();
    if (!sndbuf_locked && m_tcb->m_cWnd.Get() != sndbuf_cwnd && m_state == ns3::TcpSocket::ESTABLISHED)
      TcpSndbufExpand();
  }
  void DoDispose() override {
    ip = nullptr;
    ns3::TcpSocketBase::DoDispose();
  }

  // tcp_event_data_recv: the first data segment, and one after a gap longer than the RTO, put the
  // receiver in quickack mode (tcp_incr_quickack), where each segment is ACKed at once
  // (tcp_in_quickack_mode) until that many ACKs have gone (tcp_dec_quickack_mode), unless the
  // connection is interactive (pingpong)
  void ReceivedData(ns3::Ptr<ns3::Packet> p, const ns3::TcpHeader& h) override {
    const ns3::Time now = ns3::Simulator::Now();
    if (p->GetSize() > 0) {
      if (!ack_engine_ || now - lrcvtime_ > m_rto.Get()) TcpIncrQuickack();
      ack_engine_ = true;
      lrcvtime_ = now;
    }
    const bool quick = quick_ > 0 && pingpong_ < kPingpongThresh;
    const uint32_t delack = m_delAckMaxCount;
    // __tcp_ack_snd_check: more than one full frame received (a GRO packet) is ACKed at once
    if (quick || p->GetSize() > m_tcb->m_segmentSize) m_delAckMaxCount = 1;
    const uint32_t len = p->GetSize();
    ns3::TcpSocketBase::ReceivedData(p, h);
    m_delAckMaxCount = delack;
    if (len > 0) {
      TcpRcvRttMeasureTs(h, len);
      TcpRcvRttMeasure();
    }
    if (quick && p->GetSize() > 0) quick_--;
  }
  // tcp_event_data_sent: data sent within the ACK timeout of a receive is a reply; v5.3 calls the
  // connection interactive after TCP_PINGPONG_THRESH (3) of them
  //
  // tcp_write_xmit with GSO (sk_can_gso): new data goes as one packet of up to tcp_tso_segs
  // segments within the congestion and receive windows (tcp_mss_split_point: whole segments,
  // unless it is the end of what the application wrote), cut into segments by the device (TSO)
  // or in front of it (validate_xmit_skb); a retransmission is one segment
  uint32_t SendDataPacket(ns3::SequenceNumber32 seq, uint32_t max_size, bool with_ack) override {
    if (ack_engine_ && ns3::Simulator::Now() - lrcvtime_ < kAtoMin && pingpong_ < 255) pingpong_++;
    max_window_ = std::max(max_window_, m_rWnd.Get());
    const uint32_t mss = m_tcb->m_segmentSize;
    if (!can_gso_ || !ip || seq != m_tcb->m_highTxMark.Get() || max_size < mss)
      return ns3::TcpSocketBase::SendDataPacket(seq, max_size, with_ack);
    const uint32_t avail = m_txBuffer->SizeFromSequence(seq);
    uint32_t size = std::min({TcpTsoSegs() * mss, ns3::TcpSocketBase::AvailableWindow(), avail});
    if (size < avail) size -= size % mss;
    if (size <= mss) return ns3::TcpSocketBase::SendDataPacket(seq, max_size, with_ack);
    ip->tcp_gso_size = mss;
    const uint32_t sent = ns3::TcpSocketBase::SendDataPacket(seq, size, with_ack);
    ip->tcp_gso_size = 0;
    return sent;
  }
  // tcp_tso_segs: tcp_tso_autosize's segments for about 1 ms at the pacing rate (sk_pacing_shift
  // 10), at least 2, within tcp_xmit_size_goal's bound (gso_max_size less MAX_TCP_HEADER, and
  // half the largest window the peer offered: tcp_bound_to_half_wnd)
  uint32_t TcpTsoSegs() const {
    const uint64_t mss = m_tcb->m_segmentSize;
    uint64_t goal = 65536 - 1 - kMaxTcpHeader;
    const uint64_t cutoff = max_window_ > 536 ? max_window_ >> 1 : max_window_;
    if (cutoff && goal > cutoff) goal = std::max<uint64_t>(cutoff, 68 - 32);
    const uint64_t goal_segs = std::max<uint64_t>(goal / mss, 1);
    // tcp_update_pacing_rate: mss x cwnd / srtt, x2 in slow start (below half ssthresh), x1.2 after
    const uint64_t cwnd = m_tcb->m_cWnd.Get() / std::max<uint64_t>(mss, 1);
    const bool ss = m_tcb->m_cWnd.Get() < m_tcb->m_ssThresh.Get() / 2;
    const int64_t srtt_us = m_rtt && m_rtt->GetNSamples() ? m_rtt->GetEstimate().GetMicroSeconds() : 0;
    uint64_t bytes = goal;
    if (srtt_us > 0) {
      const double rate = double(mss) * double(std::max<uint64_t>(cwnd, 1)) * 1e6 / double(srtt_us) * (ss ? 2.0 : 1.2);
      bytes = std::min<uint64_t>(bytes, static_cast<uint64_t>(rate) >> 10);
    }
    const uint64_t autosize = std::max<uint64_t>(bytes / mss, 2);
    return static_cast<uint32_t>(std::min(goal_segs, autosize));
  }

  // tcp_snd_wnd_test: new data goes only when it fits the peer's window. ns-3 3.37's NextSeg offers
  // an empty segment when the data sent exactly fills the window (and SendDataPacket then crashes
  // in TcpRateLinux::SkbSent); the window is full then, so nothing is available to send
  uint32_t AvailableWindow() const override {
    const uint32_t win = ns3::TcpSocketBase::AvailableWindow();
    if (win == 0) return 0;
    // (only then: NextSeg walks the whole sent list)
    if (static_cast<uint32_t>(m_tcb->m_highTxMark.Get() - m_txBuffer->HeadSequence()) != m_rWnd.Get()) return win;
    ns3::SequenceNumber32 next, high;
    const bool rule3 = m_sackEnabled && m_tcb->m_congState == ns3::TcpSocketState::CA_RECOVERY;
    if (m_txBuffer->NextSeg(&next, &high, rule3) && high == next) return 0;
    return win;
  }

  // tcp_select_initial_window: the window scale is chosen for the largest buffer the socket may
  // grow to (tcp_rmem[2] or rmem_max), not for the one it starts with; ns-3 chooses it from the
  // receive buffer when the SYN or SYN-ACK goes, so the SYN goes with that buffer in place
  void SendEmptyPacket(uint8_t flags) override {
    NetNs* net = SocketNet(this);
    // (a socket with SO_RCVBUF keeps its window clamp at that buffer: tcp_connect_init)
    if (!(flags & ns3::TcpHeader::SYN) || !net || rcvbuf_locked) return ns3::TcpSocketBase::SendEmptyPacket(flags);
    const uint32_t size = GetRcvBufSize();
    const int space = std::max(net->ipv4->tcp.rmem[2], static_cast<int>(net->host->sysctl_rmem_max));
    m_tcb->m_rxBuffer->SetMaxBufferSize(static_cast<uint32_t>(std::max(space, 0)));
    ns3::TcpSocketBase::SendEmptyPacket(flags);
    m_tcb->m_rxBuffer->SetMaxBufferSize(size);
  }

  void CompleteFork(ns3::Ptr<ns3::Packet> p, const ns3::TcpHeader& h, const ns3::Address& from,
                    const ns3::Address& to) override {
    if (ns3::InetSocketAddress::IsMatchingType(from) && ns3::InetSocketAddress::IsMatchingType(to))
      SyncMss(ns3::InetSocketAddress::ConvertFrom(from).GetIpv4().Get(),
              ns3::InetSocketAddress::ConvertFrom(to).GetIpv4().Get());
    ns3::TcpSocketBase::CompleteFork(p, h, from, to);
  }

 private:
  void SyncMss(uint32_t daddr, uint32_t saddr) {
    NetNs* net = SocketNet(this);
    uint32_t mtu = net ? RouteMtu(net, daddr, saddr, &can_gso_) : 0;
    if (!mtu) return;  // no route: connect fails on its own
    uint32_t mss = TcpMssForMtu(net, mtu);
    m_tcb->m_segmentSize = mss;
    m_txBuffer->SetSegmentSize(mss);
  }

  // tcp_incr_quickack(sk, TCP_MAX_QUICKACKS): rcv_wnd / (2 rcv_mss) ACKs, at least 2 and at most
  // 16; rcv_mss is TCP_MSS_DEFAULT (536) until segments show more (tcp_initialize_rcv_mss)
  void TcpIncrQuickack() {
    uint32_t q = GetRcvBufSize() / (2 * 536);
    q = std::min<uint32_t>(std::max<uint32_t>(q, 2), 16);
    quick_ = std::max(quick_, q);
  }

  // tcp_sndbuf_expand
  void TcpSndbufExpand() {
    NetNs* net = ip ? ip->net : nullptr;
    if (!net) return;
    uint32_t mss = m_tcb->m_segmentSize;
    sndbuf_cwnd = m_tcb->m_cWnd.Get();
    // each segment in the worst case one skb whose head is a power of two (no TSO)
    uint64_t per_mss = RoundupPowOfTwo(mss + (net->ipv4->tcp.timestamps ? 12 : 0) + kMaxTcpHeader + kShinfo) + kSkBuff;
    uint64_t nr_segs = std::max<uint64_t>(10, sndbuf_cwnd / std::max(mss, 1u));
    uint64_t sndmem = 2 * nr_segs * per_mss;
    uint64_t cap = static_cast<uint64_t>(std::max(net->ipv4->tcp.wmem[2], 1));
    uint32_t want = static_cast<uint32_t>(std::min(sndmem, cap));
    if (want <= GetSndBufSize()) return;
    uint32_t before = GetTxAvailable();
    SetSndBufSize(want);
    if (GetTxAvailable() > before) NotifySend(GetTxAvailable());  // sk_stream_write_space
  }
  // tcp_init_buffer_space: the first measure of what the application reads starts with ten
  // segments (TCP_INIT_CWND x advmss, the initial rcv_wnd being ten MSS: tcp_select_initial_window)
  void TcpInitBufferSpace() {
    rcvq_init_ = true;
    rcvq_space_ = std::min(10 * m_tcb->m_segmentSize, 10 * Advmss());
    rcvq_seq_ = copied_seq_;
    rcvq_time_ = ns3::Simulator::Now();
  }
  uint32_t Advmss() const {  // tp->advmss: the MSS without the timestamp option
    NetNs* net = ip ? ip->net : nullptr;
    return m_tcb->m_segmentSize + (net && net->ipv4->tcp.timestamps ? 12 : 0);
  }
  // tcp_rcv_rtt_update: rcv_rtt_est.rtt_us holds 8 x the RTT; a timestamp sample moves it by an
  // eighth of the difference, a per-window one (win_dep) can only lower it
  void TcpRcvRttUpdate(int64_t sample, bool win_dep) {
    int64_t rtt = rcv_rtt_us8_;
    if (rtt == 0) rtt = sample << 3;
    else if (!win_dep) rtt += sample - (rtt >> 3);
    else rtt = std::min(rtt, sample << 3);
    rcv_rtt_us8_ = rtt;
  }
  // tcp_rcv_rtt_measure_ts (v5.3): a full-sized segment echoing one of our timestamps; the TS
  // clock ticks in ms (TCP_TS_HZ 1000, as ns-3's), so the sample is at least 1 ms
  void TcpRcvRttMeasureTs(const ns3::TcpHeader& h, uint32_t len) {
    if (!h.HasOption(ns3::TcpOption::TS) || len < m_tcb->m_segmentSize) return;
    auto ts = ns3::DynamicCast<const ns3::TcpOptionTS>(h.GetOption(ns3::TcpOption::TS));
    if (!ts || ts->GetEcho() == 0) return;
    uint32_t delta = ns3::TcpOptionTS::NowToTsValue() - ts->GetEcho();
    if (delta >= INT32_MAX / 1000) return;
    TcpRcvRttUpdate(std::max<uint32_t>(delta, 1) * 1000LL, false);
  }
  // tcp_rcv_rtt_measure (from tcp_event_data_recv): the time one receive window takes to arrive
  void TcpRcvRttMeasure() {
    const ns3::Time now = ns3::Simulator::Now();
    const ns3::SequenceNumber32 rcv_nxt = m_tcb->m_rxBuffer->NextRxSequence();
    if (rcv_rtt_time_.IsStrictlyPositive()) {
      if (rcv_nxt < rcv_rtt_seq_) return;
      TcpRcvRttUpdate(std::max<int64_t>((now - rcv_rtt_time_).GetMicroSeconds(), 1), true);
    }
    rcv_rtt_seq_ = rcv_nxt + AdvertisedWindowSize(false);
    rcv_rtt_time_ = now.IsStrictlyPositive() ? now : ns3::NanoSeconds(1);
  }
  // tcp_rcv_space_adjust (v5.3, net/ipv4/tcp_input.c): once per receiver RTT, when the
  // application read more than in the RTT before, the buffer grows to hold twice that plus 16
  // segments, more again while the rate still grows, in truesize units of a full segment, up to
  // tcp_rmem[2] (net.ipv4.tcp_moderate_rcvbuf, and no SO_RCVBUF)
  void TcpRcvSpaceAdjust() {
    NetNs* net = ip ? ip->net : nullptr;
    if (!net || !rcvq_init_) return;
    const ns3::Time now = ns3::Simulator::Now();
    const int64_t time_us = (now - rcvq_time_).GetMicroSeconds();
    if (rcv_rtt_us8_ == 0 || time_us < (rcv_rtt_us8_ >> 3)) return;
    const uint32_t copied = copied_seq_ - rcvq_seq_;
    if (copied > rcvq_space_) {
      const TcpNet& t = net->ipv4->tcp;
      if (t.moderate_rcvbuf && !rcvbuf_locked) {
        const uint64_t advmss = Advmss();
        uint64_t rcvwin = (uint64_t(copied) << 1) + 16 * advmss;
        uint64_t grow = rcvwin * (copied - rcvq_space_) / rcvq_space_;
        rcvwin += grow << 1;
        uint64_t rcvmem = advmss + kMaxTcpHeader + kSkBuff + kShinfo;  // SKB_TRUESIZE
        while (TcpWinFromSpace(net, static_cast<int>(rcvmem)) < advmss) rcvmem += 128;
        rcvwin /= advmss;
        const int rcvbuf = static_cast<int>(std::min<uint64_t>(rcvwin * rcvmem, static_cast<uint64_t>(std::max(t.rmem[2], 0))));
        if (rcvbuf > sk_rcvbuf) {
          sk_rcvbuf = rcvbuf;
          // the window follows (window_clamp); no ACK is sent for it here
          m_tcb->m_rxBuffer->SetMaxBufferSize(TcpWinFromSpace(net, rcvbuf));
        }
      }
      rcvq_space_ = copied;
    }
    rcvq_seq_ = copied_seq_;
    rcvq_time_ = now;
  }

  static uint64_t RoundupPowOfTwo(uint64_t x) {
    uint64_t p = 1;
    while (p < x) p <<= 1;
    return p;
  }
  static constexpr uint64_t kMaxTcpHeader = 320;  // MAX_TCP_HEADER, cache-aligned
  static constexpr uint64_t kShinfo = 320;        // SKB_DATA_ALIGN(sizeof(struct skb_shared_info))
  static constexpr uint64_t kSkBuff = 256;        // SKB_DATA_ALIGN(sizeof(struct sk_buff))
  static constexpr uint32_t kPingpongThresh = 3;  // TCP_PINGPONG_THRESH (v5.3)
  static inline const ns3::Time kAtoMin = ns3::MilliSeconds(40);  // TCP_ATO_MIN, HZ/25

  bool can_gso_ = false;     // sk_can_gso: the route's device takes GSO packets
  uint32_t max_window_ = 0;  // tp->max_window: the largest window the peer offered
  bool ack_engine_ = false;  // icsk_ack.ato set: data has been received
  ns3::Time lrcvtime_;       // icsk_ack.lrcvtime
  uint32_t quick_ = 0;       // icsk_ack.quick
  uint32_t pingpong_ = 0;    // icsk_ack.pingpong
  // receive buffer moderation (tp->rcvq_space, tp->rcv_rtt_est, tp->copied_seq)
  bool rcvq_init_ = false;
  uint32_t copied_seq_ = 0;  // bytes the application has read
  uint32_t rcvq_space_ = 0, rcvq_seq_ = 0;
  ns3::Time rcvq_time_;
  int64_t rcv_rtt_us8_ = 0;  // rcv_rtt_est.rtt_us (x8)
  ns3::SequenceNumber32 rcv_rtt_seq_;
  ns3::Time rcv_rtt_time_;
};

// inet_create → tcp_v4_init_sock → tcp_init_sock, on ns-3's TcpSocketBase
class LinuxTcpSocketFactory : public ns3::TcpSocketFactory {
 public:
  static ns3::TypeId GetTypeId() {
    static ns3::TypeId tid =
        ns3::TypeId("linuxnet::LinuxTcpSocketFactory").SetParent<ns3::TcpSocketFactory>().SetGroupName("Linuxnet");
    return tid;
  }
  ns3::Ptr<ns3::TcpL4Protocol> tcp;

  ns3::Ptr<ns3::Socket> CreateSocket() override {
    NetNs* net = SocketNetOf();
    ns3::Ptr<LinuxTcpSock> s = ns3::CreateObject<LinuxTcpSock>();
    ns3::ObjectFactory rtt, ca, recovery;
    ns3::TypeIdValue rtt_type, recovery_type;
    tcp->GetAttribute("RttEstimatorType", rtt_type);
    tcp->GetAttribute("RecoveryType", recovery_type);
    rtt.SetTypeId(rtt_type.Get());
    recovery.SetTypeId(recovery_type.Get());
    ca.SetTypeId(kCongestion[net ? net->ipv4->tcp.congestion_control : 1].ns3_type);
    s->SetNode(tcp->GetObject<ns3::Node>());
    s->SetTcp(tcp);
    s->SetRtt(rtt.Create<ns3::RttEstimator>());
    s->SetCongestionControlAlgorithm(ca.Create<ns3::TcpCongestionOps>());
    s->SetRecoveryAlgorithm(recovery.Create<ns3::TcpRecoveryOps>());
    tcp->AddSocket(s);
    s->ip = tcp->GetObject<LinuxIpv4>();
    if (net) TcpInitSock(net, ns3::PeekPointer(s));
    return s;
  }

 protected:
  void DoDispose() override {
    tcp = nullptr;
    ns3::TcpSocketFactory::DoDispose();
  }

 private:
  NetNs* SocketNetOf() const {
    ns3::Ptr<LinuxIpv4> ip = tcp->GetObject<LinuxIpv4>();
    return ip ? ip->net : nullptr;
  }

  // tcp_init_sock: what a new socket starts with
  static void TcpInitSock(NetNs* net, ns3::TcpSocketBase* s) {
    const TcpNet& t = net->ipv4->tcp;
    s->SetAttribute("SegmentSize", ns3::UintegerValue(536));      // TCP_MSS_DEFAULT, until connect
    s->SetAttribute("InitialCwnd", ns3::UintegerValue(10));       // TCP_INIT_CWND
    s->SetAttribute("MinRto", ns3::TimeValue(ns3::MilliSeconds(200)));   // TCP_RTO_MIN
    s->SetAttribute("ConnTimeout", ns3::TimeValue(ns3::Seconds(1)));     // TCP_TIMEOUT_INIT
    // ns-3 gives up when its count reaches zero before sending: one more than the kernel's
    // retransmissions, so the last SYN goes at 63 s and the connect fails at 127 s
    s->SetAttribute("ConnCount", ns3::UintegerValue(static_cast<uint32_t>(t.syn_retries + 1)));
    s->SetAttribute("DataRetries", ns3::UintegerValue(15));        // tcp_retries2
    s->SetAttribute("DelAckTimeout", ns3::TimeValue(ns3::MilliSeconds(40)));  // TCP_DELACK_MIN
    s->SetAttribute("DelAckCount", ns3::UintegerValue(2));
    s->SetAttribute("TcpNoDelay", ns3::BooleanValue(false));       // Nagle, until TCP_NODELAY
    s->SetAttribute("Timestamp", ns3::BooleanValue(t.timestamps != 0));
    s->SetAttribute("Sack", ns3::BooleanValue(t.sack != 0));
    s->SetAttribute("WindowScaling", ns3::BooleanValue(t.window_scaling != 0));
    // sk_sndbuf starts at tcp_wmem[1] and grows with the window (tcp_sndbuf_expand); sk_rcvbuf
    // starts at tcp_rmem[1] and follows what the application reads (tcp_rcv_space_adjust)
    s->SetAttribute("SndBufSize", ns3::UintegerValue(static_cast<uint32_t>(std::max(t.wmem[1], 1))));
    s->SetAttribute("RcvBufSize", ns3::UintegerValue(TcpWinFromSpace(net, std::max(t.rmem[1], 1))));
    if (auto* l = dynamic_cast<LinuxTcpSock*>(s)) l->sk_rcvbuf = std::max(t.rmem[1], 1);
  }
};

}  // namespace

const std::vector<std::string>& TcpCongestionNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const CongestionOps& c : kCongestion) v.push_back(c.name);
    return v;
  }();
  return names;
}

int TcpSetDefaultCongestionControl(NetNs* net, const std::string& name) {
  int i = CongestionIndex(name);
  if (i < 0) return -ENOENT;
  Host* host = net->host;
  auto& reg = host->tcp_cong_registered;
  if (std::find(reg.begin(), reg.end(), i) == reg.end()) reg.push_back(i);  // request_module
  // another namespace may only choose what init_net allows (as the reference kernel does; v5.3
  // did not check); init_net's choice becomes allowed (TCP_CONG_NON_RESTRICTED)
  if (net != host->init_net && !(host->tcp_cong_allowed & (1u << i))) return -EPERM;
  if (net == host->init_net) host->tcp_cong_allowed |= 1u << i;
  net->ipv4->tcp.congestion_control = i;
  return 0;
}

std::string TcpAvailableCongestionControl(const Host* host) {
  std::string s;
  for (int i : host->tcp_cong_registered) s += (s.empty() ? "" : " ") + std::string(kCongestion[i].name);
  return s;
}

std::string TcpAllowedCongestionControl(const Host* host) {
  std::string s;
  for (int i : host->tcp_cong_registered)
    if (host->tcp_cong_allowed & (1u << i)) s += (s.empty() ? "" : " ") + std::string(kCongestion[i].name);
  return s;
}

int TcpSetAllowedCongestionControl(Host* host, const std::string& list) {
  std::istringstream in(list);
  std::string name;
  uint32_t allowed = 0;
  while (in >> name) {
    int i = CongestionIndex(name);
    auto& reg = host->tcp_cong_registered;
    if (i < 0 || std::find(reg.begin(), reg.end(), i) == reg.end()) return -ENOENT;
    allowed |= 1u << i;
  }
  host->tcp_cong_allowed = allowed;
  return 0;
}

uint32_t TcpMssForMtu(const NetNs* net, uint32_t mtu) {
  // the peer's advmss (ipv4_default_advmss: mtu - 40, at most 65535 - 40) clamps ours; the MSS
  // the SYNs carry is that, and a segment's payload is that less the timestamp option
  uint32_t mss = std::min(mtu > 40 ? mtu - 40 : 0, 65535u - 40);
  if (net->ipv4->tcp.timestamps) mss -= 12;
  return std::max(mss, 48u);  // TCP_MIN_MSS 88 less headers and options, as tcp_mss_to_mtu floors
}

void SockSetSndbuf(ns3::Socket* sock, int val) {
  NetNs* net = SocketNet(sock);
  if (!net) return;
  int64_t v = std::min<int64_t>(std::max(val, 0), net->host->sysctl_wmem_max);
  int64_t sndbuf = std::max<int64_t>(v * 2, 4608);  // SOCK_MIN_SNDBUF
  sock->SetAttributeFailSafe("SndBufSize", ns3::UintegerValue(static_cast<uint32_t>(sndbuf)));
  if (auto* t = dynamic_cast<LinuxTcpSock*>(sock)) t->sndbuf_locked = true;
}

void SockSetRcvbuf(ns3::Socket* sock, int val) {
  NetNs* net = SocketNet(sock);
  if (!net) return;
  int64_t v = std::min<int64_t>(std::max(val, 0), net->host->sysctl_rmem_max);
  int64_t rcvbuf = std::max<int64_t>(v * 2, 2304);  // SOCK_MIN_RCVBUF
  bool tcp = dynamic_cast<ns3::TcpSocketBase*>(sock) != nullptr;
  uint32_t size = tcp ? TcpWinFromSpace(net, static_cast<int>(rcvbuf)) : static_cast<uint32_t>(rcvbuf);
  sock->SetAttributeFailSafe("RcvBufSize", ns3::UintegerValue(size));
  if (auto* t = dynamic_cast<LinuxTcpSock*>(sock)) {
    t->rcvbuf_locked = true;
    t->sk_rcvbuf = static_cast<int>(rcvbuf);
  }
}

void TcpInstall(NetNs* net) {
  ns3::Ptr<ns3::Node> node = net->node;
  if (node->GetObject<ns3::TcpL4Protocol>()) return;
  ns3::Ptr<ns3::TcpL4Protocol> tcp = ns3::CreateObject<ns3::TcpL4Protocol>();
  // with its node already set, TcpL4Protocol does not aggregate its own factory
  tcp->SetNode(node);
  node->AggregateObject(tcp);
  ns3::Ptr<LinuxTcpSocketFactory> f = ns3::CreateObject<LinuxTcpSocketFactory>();
  f->tcp = tcp;
  node->AggregateObject(f);
}

}  // namespace linuxnet
