// nf_conntrack_proto_tcp.c (the state table; window tracking is not modelled, as with
// nf_conntrack_tcp_be_liberal=1), nf_conntrack_proto_udp.c, nf_conntrack_proto_icmp.c,
// nf_conntrack_proto_generic.c
#include "net/netfilter/core.h"
#include "net/netfilter/nf_conntrack_l4.h"
#include "ns3/simulator.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

static CtNet* Cn(const NfConn* ct) { return ct->net->nf->ct.get(); }

void NfCtRefresh(NfConn* ct, uint32_t seconds) {
  ns3::Time t = ns3::Seconds(seconds);
  ct->timeout = ct->Confirmed() ? ns3::Simulator::Now() + t : t;
}

// ---- ICMP ----
// valid_new / invmap of nf_conntrack_proto_icmp.c
static int IcmpInvType(uint8_t type) {
  switch (type) {
    case ICMP_ECHO: return ICMP_ECHOREPLY;
    case ICMP_ECHOREPLY: return ICMP_ECHO;
    case 13: return 14;  // timestamp
    case 14: return 13;
    case 15: return 16;  // info request
    case 16: return 15;
    case 17: return 18;  // address mask
    case 18: return 17;
    default: return -1;
  }
}

bool IcmpInvertTuple(const NfConntrackTuple& o, NfConntrackTuple* inv) {
  int t = IcmpInvType(o.IcmpType());
  if (t < 0) return false;
  inv->sport = o.sport;
  inv->dport = static_cast<uint16_t>((t << 8) | o.IcmpCode());
  return true;
}

static bool IcmpIsErrorType(uint8_t t) {
  return t == ICMP_DEST_UNREACH || t == 4 || t == ICMP_TIME_EXCEEDED || t == ICMP_PARAMETERPROB ||
         t == ICMP_REDIRECT;
}

int IcmpError(NetNs* net, SkBuff* skb) {
  uint32_t len = skb->data->GetSize();
  if (len < 8) return -static_cast<int>(NF_ACCEPT);
  uint8_t b[36] = {};
  skb->data->CopyData(b, std::min<uint32_t>(len, 36));
  if (b[0] > 18) return -static_cast<int>(NF_ACCEPT);  // unknown type: invalid
  if (!IcmpIsErrorType(b[0])) return static_cast<int>(NF_ACCEPT);  // track it normally
  Iphdr inner;
  if (len < 8 + 20 + 8 || !inner.Read(b + 8, 20)) return -static_cast<int>(NF_ACCEPT);
  NfConntrackTuple orig;
  orig.src = inner.saddr;
  orig.dst = inner.daddr;
  orig.protonum = inner.protocol;
  if (inner.protocol == IPPROTO_TCP_ || inner.protocol == IPPROTO_UDP_) {
    orig.sport = static_cast<uint16_t>((b[28] << 8) | b[29]);
    orig.dport = static_cast<uint16_t>((b[30] << 8) | b[31]);
  } else if (inner.protocol == IPPROTO_ICMP_) {
    orig.dport = static_cast<uint16_t>((b[28] << 8) | b[29]);
    orig.sport = static_cast<uint16_t>((b[32] << 8) | b[33]);
  }
  // the quoted packet went the other way: look up its inverse
  NfConntrackTuple inner_t;
  if (!NfCtInvertTuple(orig, &inner_t)) return -static_cast<int>(NF_ACCEPT);
  CtNet* cn = net->nf->ct.get();
  auto it = cn->hash.find(inner_t);
  if (it == cn->hash.end() || it->second.first->timeout <= ns3::Simulator::Now()) return -static_cast<int>(NF_ACCEPT);
  uint8_t ctinfo = IP_CT_RELATED;
  if (it->second.second == IP_CT_DIR_REPLY) ctinfo += IP_CT_IS_REPLY;
  skb->nfct = it->second.first;
  skb->ctinfo = ctinfo;
  return static_cast<int>(NF_ACCEPT);
}

// ---- TCP ----
enum { sNO = TCP_CONNTRACK_NONE, sSS = TCP_CONNTRACK_SYN_SENT, sSR = TCP_CONNTRACK_SYN_RECV,
       sES = TCP_CONNTRACK_ESTABLISHED, sFW = TCP_CONNTRACK_FIN_WAIT, sCW = TCP_CONNTRACK_CLOSE_WAIT,
       sLA = TCP_CONNTRACK_LAST_ACK, sTW = TCP_CONNTRACK_TIME_WAIT, sCL = TCP_CONNTRACK_CLOSE,
       sS2 = TCP_CONNTRACK_SYN_SENT2, sIV = TCP_CONNTRACK_MAX, sIG = TCP_CONNTRACK_IGNORE };
enum { TCP_SYN_SET, TCP_SYNACK_SET, TCP_FIN_SET, TCP_ACK_SET, TCP_RST_SET, TCP_NONE_SET };

// tcp_conntracks[dir][index][state]
static const uint8_t kTcpConntracks[2][6][TCP_CONNTRACK_MAX] = {
    {
        /*syn*/ {sSS, sSS, sIG, sIG, sIG, sIG, sIG, sSS, sSS, sS2},
        /*synack*/ {sIV, sIV, sSR, sIV, sIV, sIV, sIV, sIV, sIV, sSR},
        /*fin*/ {sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV},
        /*ack*/ {sES, sIV, sES, sES, sCW, sCW, sTW, sTW, sCL, sIV},
        /*rst*/ {sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL},
        /*none*/ {sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV},
    },
    {
        /*syn*/ {sIV, sS2, sIV, sIV, sIV, sIV, sIV, sSS, sIV, sS2},
        /*synack*/ {sIV, sSR, sIG, sIG, sIG, sIG, sIG, sIG, sIG, sSR},
        /*fin*/ {sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV},
        /*ack*/ {sIV, sIG, sSR, sES, sCW, sCW, sTW, sTW, sCL, sIG},
        /*rst*/ {sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL},
        /*none*/ {sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV},
    }};

static int TcpIndex(const SkBuff& skb) {
  uint8_t b[14];
  if (skb.data->GetSize() < 14) return TCP_NONE_SET;
  skb.data->CopyData(b, 14);
  uint8_t f = b[13];
  bool fin = f & 1, syn = f & 2, rst = f & 4, ack = f & 16;
  if (rst) return TCP_RST_SET;
  if (syn) return ack ? TCP_SYNACK_SET : TCP_SYN_SET;
  if (fin) return TCP_FIN_SET;
  if (ack) return TCP_ACK_SET;
  return TCP_NONE_SET;
}

const char* TcpConntrackName(uint8_t s) {
  static const char* n[] = {"NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT", "CLOSE_WAIT",
                            "LAST_ACK", "TIME_WAIT", "CLOSE", "SYN_SENT2"};
  return s < TCP_CONNTRACK_MAX ? n[s] : "?";
}

// tcp_new
static bool TcpNew(NfConn* ct, const SkBuff& skb) {
  uint8_t state = kTcpConntracks[0][TcpIndex(skb)][sNO];
  if (state >= TCP_CONNTRACK_MAX) return false;  // invalid start of a connection
  if (state == sES && !Cn(ct)->tcp_loose) return false;  // no picking up of established flows
  ct->tcp_state = sNO;
  return true;
}

// nf_conntrack_tcp_packet (without tcp_in_window)
static int TcpPacket(NfConn* ct, const SkBuff& skb, CtDir dir) {
  CtNet* cn = Cn(ct);
  int index = TcpIndex(skb);
  uint8_t old = ct->tcp_state;
  uint8_t nstate = kTcpConntracks[dir][index][old];
  switch (nstate) {
    case sSS:
      if (old == sTW || old == sCL) {
        // a SYN reopening a closed connection in the original direction: a fresh conntrack
        if (dir == IP_CT_DIR_ORIGINAL && ct->Confirmed()) {
          NfCtDelete(ct);
          return -static_cast<int>(NF_REPEAT);
        }
      }
      break;
    case sIG:
      // ignored packets (e.g. a SYN in an established flow): the state stays
      ct->tcp_last_dir = dir;
      ct->tcp_last_index = static_cast<uint8_t>(index);
      return static_cast<int>(NF_ACCEPT);
    case sIV:
      return -static_cast<int>(NF_ACCEPT);
    default:
      break;
  }
  ct->tcp_state = nstate;
  ct->tcp_last_dir = dir;
  ct->tcp_last_index = static_cast<uint8_t>(index);
  uint32_t timeout = cn->tcp_timeouts[nstate];
  if (old != nstate && nstate == sCL) timeout = cn->tcp_timeouts[sCL];
  if (!(ct->status & IPS_SEEN_REPLY)) {
    // "If only reply is a RST, we can consider ourselves not to have an established
    // connection: this is a fairly common problem case, so we can delete the conntrack
    // immediately." (a refused connection leaves no entry)
    if (index == TCP_RST_SET) {
      if (ct->Confirmed()) NfCtDelete(ct);
      else ct->status |= IPS_DYING;
      return static_cast<int>(NF_ACCEPT);
    }
    // ESTABLISHED without SEEN_REPLY (a picked-up connection): the UNACK timeout (300 s)
    if (nstate == sES && timeout > 300) timeout = 300;
  } else if (!(ct->status & IPS_ASSURED) && (old == sSR || old == sES) && nstate == sES) {
    // a valid ACK in ESTABLISHED after SYN_RECV, or a valid answer for a picked-up connection
    ct->status |= IPS_ASSURED;
  }
  NfCtRefresh(ct, timeout);
  return static_cast<int>(NF_ACCEPT);
}

bool L4New(NfConn* ct, const SkBuff& skb) {
  switch (ct->tuple[0].protonum) {
    case IPPROTO_TCP_: return TcpNew(ct, skb);
    case IPPROTO_ICMP_: {
      // icmp_new: only requests may start a flow
      uint8_t t = ct->tuple[0].IcmpType();
      return t == ICMP_ECHO || t == 13 || t == 15 || t == 17;
    }
    default: return true;
  }
}

int L4Packet(NfConn* ct, const SkBuff& skb, CtDir dir, IpConntrackInfo ctinfo) {
  CtNet* cn = Cn(ct);
  switch (ct->tuple[0].protonum) {
    case IPPROTO_TCP_:
      return TcpPacket(ct, skb, dir);
    case IPPROTO_UDP_:
      // nf_conntrack_udp_packet: a flow that has seen a reply is a stream, and assured
      // (IPS_SEEN_REPLY is set after this runs, so the first reply still gets the short timeout)
      if (ct->status & IPS_SEEN_REPLY) {
        NfCtRefresh(ct, cn->udp_timeout_stream);
        ct->status |= IPS_ASSURED;
      } else {
        NfCtRefresh(ct, cn->udp_timeout);
      }
      return static_cast<int>(NF_ACCEPT);
    case IPPROTO_ICMP_:
      NfCtRefresh(ct, cn->icmp_timeout);
      return static_cast<int>(NF_ACCEPT);
    default:
      NfCtRefresh(ct, 600);  // nf_ct_generic_timeout
      return static_cast<int>(NF_ACCEPT);
  }
}

}  // namespace linuxnet
