// net/ipv4/af_inet.c's inet_gro_receive / inet_gro_complete and net/ipv4/tcp_offload.c's
// tcp4_gro_receive / tcp_gro_receive / tcp4_gro_complete (v5.3): TCP segments of one flow merged
// while their headers allow it. The IP layer keeps as candidates the held packets with the same
// addresses and protocol and marks for flushing one whose TTL, TOS or DF differs, or whose IP ID
// does not follow (unless DF makes it atomic); the TCP layer finds the held packet with the same
// ports, and merges when nothing differs but the sequence number (contiguous), PSH, FIN and CWR
// (the flags word includes the window), the ACK number and options are the same, the segment is
// no longer than the first one and the result stays under 64 KB. A segment that ends a burst
// (shorter than the first, or with PSH, URG, RST, SYN or FIN) sends its flow up; a pure ACK is
// never held. The TCP header is read from the packet's bytes, as the kernel reads it.
#include <algorithm>
#include <cstring>
#include <vector>

#include "net/core/dev.h"
#include "net/core/netdevice.h"
#include "ns3/tcp-header.h"

namespace linuxnet {

namespace {

constexpr uint16_t kIpDf = 0x4000;
constexpr uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kUrg = 0x20, kCwr = 0x80;

uint32_t Be32(const uint8_t* p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }

struct RawTcp {
  uint8_t b[60];
  uint32_t thlen = 0;
  bool Read(const SkBuff& skb) {
    uint32_t size = skb.data->GetSize();
    if (size < 20) return false;
    skb.data->CopyData(b, std::min<uint32_t>(size, 60));
    thlen = (b[12] >> 4) * 4u;
    return thlen >= 20 && thlen <= size;
  }
  uint32_t ports() const { return Be32(b); }
  uint32_t seq() const { return Be32(b + 4); }
  uint32_t ack_seq() const { return Be32(b + 8); }
  uint32_t flag_word() const { return Be32(b + 12); }  // tcp_flag_word: doff, flags, window
  uint8_t flags() const { return b[13]; }
};

// skb_gro_receive: the segment's payload appended to the held packet; -E2BIG past 64 KB
bool SkbGroReceive(SkBuff* p, SkBuff* skb, uint32_t thlen, uint32_t len) {
  uint32_t p_len = 20u + p->data->GetSize();  // p->len from the network header
  if (p_len + len >= 65536 || skb->gro.flush) return false;
  p->data = p->data->Copy();
  p->data->AddAtEnd(skb->data->CreateFragment(thlen, len));
  p->iph.tot_len = static_cast<uint16_t>(p->iph.tot_len + len);
  p->data_len += len;  // the segment's payload joins the frags (or frag_list)
  p->truesize += skb->truesize;
  p->gro.count++;
  skb->gro.same_flow = true;
  return true;
}

// tcp4_gro_receive → tcp_gro_receive
SkBuff* TcpGroReceive(std::deque<SkbPtr>& held, SkBuff* skb) {
  KFunc(KF_tcp4_gro_receive, skb);
  RawTcp th;
  if (!th.Read(*skb)) {
    skb->gro.flush = true;
    return nullptr;
  }
  uint32_t len = skb->data->GetSize() - th.thlen;  // skb_gro_len after skb_gro_pull(thlen)
  uint32_t mss = 1;
  bool flush = false;
  SkBuff* p = nullptr;
  RawTcp th2;
  for (auto& h : held) {
    if (!h->gro.same_flow) continue;
    th2.Read(*h);
    if (th.ports() != th2.ports()) {
      h->gro.same_flow = false;
      continue;
    }
    p = h.get();
    break;
  }
  if (p) {
    flush = p->gro.flush;
    flush |= (th.flags() & kCwr) != 0;
    flush |= ((th.flag_word() ^ th2.flag_word()) & ~(uint32_t(kCwr | kFin | kPsh) << 16)) != 0;
    flush |= th.ack_seq() != th2.ack_seq();
    flush |= th.thlen != th2.thlen || std::memcmp(th.b + 20, th2.b + 20, th.thlen - 20) != 0;
    // the second segment decides whether the flow is atomic (a fixed IP ID) or increments
    if (p->gro.flush_id != 1 || p->gro.count != 1 || !p->gro.is_atomic) flush |= p->gro.flush_id != 0;
    else p->gro.is_atomic = false;
    mss = p->gso_size;
    flush |= len - 1 >= mss;  // unsigned: an empty segment flushes too
    uint32_t p_payload = p->data->GetSize() - th2.thlen;
    flush |= th2.seq() + p_payload != th.seq();
    if (flush || !SkbGroReceive(p, skb, th.thlen, len)) {
      mss = 1;
    } else if (th.flags() & (kFin | kPsh)) {
      // tcp_flag_word(th2) |= flags & (FIN | PSH)
      ns3::TcpHeader h;
      p->data->RemoveHeader(h);
      h.SetFlags(h.GetFlags() | (th.flags() & (kFin | kPsh)));
      p->data->AddHeader(h);
    }
  }
  // out_check_final
  bool final_flush = len < mss || (th.flags() & (kUrg | kPsh | kRst | kSyn | kFin)) != 0;
  SkBuff* pp = p && (!skb->gro.same_flow || final_flush) ? p : nullptr;
  skb->gro.flush |= final_flush;
  skb->gso_size = len;  // dev_gro_receive's gso_size for a packet it goes on to hold
  return pp;
}

// inet_gro_receive
SkBuff* InetGroReceive(std::deque<SkbPtr>& held, SkBuff* skb) {
  KFunc(KF_inet_gro_receive, skb);
  const Iphdr& iph = skb->iph;
  // only TCP has an offload here (UDP's GRO is for sockets that ask for it)
  if (iph.ihl != 5 || iph.protocol != 6 || (iph.frag_off & ~kIpDf) != 0) {
    skb->gro.flush = true;
    return nullptr;
  }
  uint32_t gro_len = 20u + skb->data->GetSize();
  bool flush = iph.tot_len != gro_len;  // padding, or a length that does not add up
  skb->gro.is_atomic = true;           // dev_gro_receive's initial value, seen by the loop
  for (auto& h : held) {
    SkBuff* p = h.get();
    if (!p->gro.same_flow) continue;
    const Iphdr& iph2 = p->iph;
    if (iph.protocol != iph2.protocol || iph.saddr != iph2.saddr || iph.daddr != iph2.daddr) {
      p->gro.same_flow = false;
      continue;
    }
    p->gro.flush |= iph.ttl != iph2.ttl || iph.tos != iph2.tos || ((iph.frag_off ^ iph2.frag_off) & kIpDf);
    p->gro.flush |= flush;
    uint16_t flush_id = static_cast<uint16_t>(iph.id - iph2.id);
    if (!p->gro.is_atomic || !(iph.frag_off & kIpDf)) {
      flush_id ^= p->gro.count;
      flush_id = flush_id ? 0xFFFF : 0;
    }
    p->gro.flush_id = flush_id;
  }
  skb->gro.is_atomic = (iph.frag_off & kIpDf) != 0;
  skb->gro.flush |= flush;
  return TcpGroReceive(held, skb);
}

// inet_gro_complete + tcp4_gro_complete: tot_len grew with each merge; the segment count
void InetGroComplete(SkBuff* skb) { skb->gso_segs = skb->gro.count; }

// inet_gso_segment → tcp4_gso_segment → tcp_gso_segment (v5.3): each segment gso_size bytes of
// the payload (the last one the rest) behind a copy of the TCP header whose sequence number
// advances; CWR only on the first, FIN and PSH only on the last; each IP header's total length
// its own and the IP ID one more than the last (inet_gso_segment, unless the packet is
// encapsulated: never here). The same cut is a TSO NIC's on the wire (e1000).
std::vector<SkbPtr> InetGsoSegment(const SkBuff& skb) {
  std::vector<SkbPtr> segs;
  RawTcp th;
  if (skb.iph.protocol != 6 || skb.iph.ihl != 5 || !skb.gso_size || !th.Read(skb)) return segs;
  const uint32_t total = skb.data->GetSize() - th.thlen, mss = skb.gso_size;
  const uint32_t seq = th.seq();
  const uint8_t flags = th.flags();
  for (uint32_t off = 0, i = 0; off < total; off += mss, i++) {
    const uint32_t len = std::min(mss, total - off);
    const bool last = off + len >= total;
    uint8_t hdr[60];
    std::memcpy(hdr, th.b, th.thlen);
    const uint32_t s = seq + off;
    hdr[4] = static_cast<uint8_t>(s >> 24);
    hdr[5] = static_cast<uint8_t>(s >> 16);
    hdr[6] = static_cast<uint8_t>(s >> 8);
    hdr[7] = static_cast<uint8_t>(s);
    hdr[13] = static_cast<uint8_t>(flags & ~((i ? kCwr : 0) | (last ? 0 : (kFin | kPsh))));
    SkbPtr seg(new SkBuff(skb));
    seg->data = ns3::Create<ns3::Packet>(hdr, th.thlen);
    seg->data->AddAtEnd(skb.data->CreateFragment(th.thlen + off, len));
    seg->gso_size = 0;
    seg->gso_segs = 0;
    seg->data_len = skb.data_len ? len : 0;  // skb_segment keeps the payload in frags (SG)
    seg->truesize = 0;
    seg->iph.tot_len = static_cast<uint16_t>(20u + th.thlen + len);
    seg->iph.id = static_cast<uint16_t>(skb.iph.id + i);
    segs.push_back(std::move(seg));
  }
  return segs;
}

const struct Registrar {
  Registrar() { DevAddOffload(0x0800, &InetGroReceive, &InetGroComplete, &InetGsoSegment); }
} registrar;

}  // namespace

}  // namespace linuxnet
