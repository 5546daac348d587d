// struct sk_buff (include/linux/skbuff.h): the ns3::Packet holding the bytes above the headers kept
// here, plus the metadata fields the receive, forward and send paths read and write.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>

#include "ns3/packet.h"
#include "sim/hdr.h"

namespace linuxnet {

class Host;
class NetDev;
class NetNs;

// skb->pkt_type (include/uapi/linux/if_packet.h)
enum PktType : uint8_t { PACKET_HOST = 0, PACKET_BROADCAST = 1, PACKET_MULTICAST = 2,
                         PACKET_OTHERHOST = 3, PACKET_OUTGOING = 4, PACKET_LOOPBACK = 5 };

// rtable->rt_type (include/uapi/linux/rtnetlink.h)
enum RtnType : uint8_t { RTN_UNSPEC = 0, RTN_UNICAST, RTN_LOCAL, RTN_BROADCAST, RTN_ANYCAST,
                         RTN_MULTICAST, RTN_BLACKHOLE, RTN_UNREACHABLE, RTN_PROHIBIT, RTN_THROW, RTN_NAT };

// The routing decision attached to an skb (struct rtable / dst_entry), held by value.
struct Rtable {
  RtnType rt_type = RTN_UNSPEC;
  NetDev* dev = nullptr;      // dst.dev: output device (lo for local input)
  uint32_t rt_gw4 = 0;        // next hop when not on-link
  uint32_t rt_spec_dst = 0;   // preferred source (fib_compute_spec_dst)
  int error = 0;              // dst.error for ip_error
  bool do_redirect = false;   // IPSKB_DOREDIRECT: forwarded back out of its input device
  uint32_t pmtu = 0;          // a learned path MTU for the destination (fib_nh_exception), 0: none
  enum Input : uint8_t { IN_NONE, IN_LOCAL, IN_FORWARD, IN_ERROR, IN_DISCARD } input = IN_NONE;
  bool valid() const { return rt_type != RTN_UNSPEC; }
};

// struct nf_conntrack: the reference-counted head of a conntrack entry (skb->_nfct)
struct NfConntrack {
  uint32_t use = 1;
  void (*destroy)(NfConntrack*) = nullptr;
};
inline void NfConntrackGet(NfConntrack* c) {
  if (c) c->use++;
}
inline void NfConntrackPut(NfConntrack* c) {
  if (c && --c->use == 0 && c->destroy) c->destroy(c);
}
// skb->_nfct: holds a reference, as nf_conntrack_get/put do when an skb is cloned or freed
class NfctRef {
 public:
  NfctRef() = default;
  NfctRef(const NfctRef& o) : p_(o.p_) { NfConntrackGet(p_); }
  NfctRef& operator=(const NfctRef& o) {
    if (p_ != o.p_) {
      NfConntrackGet(o.p_);
      NfConntrackPut(p_);
      p_ = o.p_;
    }
    return *this;
  }
  ~NfctRef() { NfConntrackPut(p_); }
  NfctRef& operator=(NfConntrack* c) {  // nf_ct_set: takes a new reference
    NfConntrackGet(c);
    NfConntrackPut(p_);
    p_ = c;
    return *this;
  }
  NfctRef& operator=(std::nullptr_t) {
    NfConntrackPut(p_);
    p_ = nullptr;
    return *this;
  }
  NfConntrack* get() const { return p_; }
  explicit operator bool() const { return p_ != nullptr; }
  bool operator==(const NfConntrack* c) const { return p_ == c; }
  bool operator!=(const NfConntrack* c) const { return p_ != c; }

 private:
  NfConntrack* p_ = nullptr;
};

// The send-buffer account of a socket (sk_wmem_alloc against sk_sndbuf, and sk_write_space),
// shared by the socket and the skbs it charged, which may outlive it
struct SkWmem {
  int alloc = 0;                       // sk_wmem_alloc: truesize of what its skbs hold
  int sndbuf = 212992;                 // sk_sndbuf
  std::function<void()> write_space;   // sk_write_space, when room comes back
};

// skb->sk with skb->destructor = sock_wfree: the skb holds its truesize of the sender's send
// buffer until it is freed or orphaned (skb_orphan), when sock_wfree gives it back and, once
// half the buffer is free (sock_writeable), the writer is woken. A clone holds nothing (skb_clone
// leaves the destructor NULL).
class SkbOwner {
 public:
  SkbOwner() = default;
  SkbOwner(const SkbOwner&) {}
  SkbOwner& operator=(const SkbOwner&) { return *this; }
  ~SkbOwner() { Orphan(); }
  void Set(std::shared_ptr<SkWmem> sk, uint32_t truesize) {  // skb_set_owner_w
    Orphan();
    sk->alloc += static_cast<int>(truesize);
    sk_ = std::move(sk);
    charged_ = truesize;
  }
  void Orphan() {  // skb_orphan → sock_wfree
    if (!sk_) return;
    std::shared_ptr<SkWmem> sk = std::move(sk_);
    sk_.reset();
    sk->alloc -= static_cast<int>(charged_);
    charged_ = 0;
    if (sk->write_space && 2 * sk->alloc <= sk->sndbuf) sk->write_space();
  }
  bool owned() const { return sk_ != nullptr; }

 private:
  std::shared_ptr<SkWmem> sk_;
  uint32_t charged_ = 0;
};

struct SkBuff {
  ns3::Ptr<ns3::Packet> data;  // bytes beyond the headers below that are inside skb->data
  Host* host = nullptr;        // the machine whose memory holds it (never null): its CPUs do the work
  NetDev* dev = nullptr;
  int skb_iif = 0;
  uint16_t protocol = 0;       // ETH_P_* in host order
  PktType pkt_type = PACKET_HOST;
  uint32_t mark = 0;
  uint32_t priority = 0;
  int64_t tstamp_ps = 0;       // skb->tstamp: when it reached the receive path (netif_rx), in ps
  EthHdr eth;                  // skb_mac_header
  Iphdr iph;                   // ip_hdr
  enum : uint8_t { HDR_MAC = 1, HDR_NET = 2 };
  uint8_t in_data = 0;         // which of eth/iph are currently inside skb->data
  bool mac_valid = false;
  bool ignore_df = false;
  Rtable dst;                  // skb_dst
  NfctRef nfct;                // conntrack slot (skb->_nfct), filled by nf_conntrack
  uint8_t ctinfo = 0;
  void* sk = nullptr;          // owning local socket for locally generated packets, if any
  SkbOwner owner;              // the send buffer it is charged to (sock_wfree), if any
  uint32_t truesize = 0;       // skb->truesize: the memory it takes (0: not set by who made it)
  // skb_shinfo(skb)->gso_size / gso_segs: a GRO packet's first segment's payload and its count
  uint32_t gso_size = 0;
  uint16_t gso_segs = 0;
  // skb->data_len: the bytes in page fragments rather than the linear part (skb_headlen is Len()
  // minus this): a TCP data segment's payload (tcp_sendmsg copies it into page frags; one fragment
  // here), what GRO appended (skb_gro_receive); 0 for everything built linear
  uint32_t data_len = 0;
  // NAPI_GRO_CB(skb) (struct napi_gro_cb in skb->cb) while GRO looks at it or holds it
  struct GroCb {
    uint16_t count = 0;          // segments merged into it
    uint16_t flush_id = 0;       // the IP ID check's outcome, decided at the TCP layer
    bool flush = false;          // must go up now
    bool same_flow = false;      // (held) may be the new segment's flow; (new) merged
    bool is_atomic = false;      // its IP ID is not checked (DF set)
    uint32_t data_offset = 0;    // skb_gro_offset: where the next layer's header starts
  } gro;
  // ---- br_netfilter (struct nf_bridge_info, net/bridge/br_netfilter_hooks.c) ----
  bool bridged = false;              // skb->nf_bridge != NULL: crossed br_nf_pre_routing
  bool brnf_in_prerouting = false;   // nf_bridge->in_prerouting
  bool brnf_pkt_otherhost = false;   // nf_bridge->pkt_otherhost
  uint32_t brnf_ipv4_daddr = 0;      // nf_bridge->ipv4_daddr (to see whether DNAT took place)
  NetDev* physindev = nullptr;       // nf_bridge->physindev: the bridge port it came in on
  NetDev* physoutdev = nullptr;      // nf_bridge->physoutdev: the bridge port it goes out of
  // ---- end br_netfilter ----
  // ---- 802.1Q tag, hardware-accelerated style (skb->vlan_tci, skb_vlan_tag_present): the tag is
  // kept beside the frame, not in it, so it does not count in Len(); only ETH_P_8021Q is modelled
  uint16_t vlan_tci = 0;             // skb->vlan_tci: PCP(3) DEI(1) VID(12)
  bool vlan_present = false;         // skb_vlan_tag_present
  bool br_vlan_filtered = false;     // BR_INPUT_SKB_CB(skb)->vlan_filtered (br_allowed_ingress)
  // ---- end 802.1Q tag ----
  uint32_t Len() const {
    return data->GetSize() + ((in_data & HDR_MAC) ? ETH_HLEN : 0) + ((in_data & HDR_NET) ? iph.ihl * 4u : 0);
  }
  void PushMac() { in_data |= HDR_MAC; }       // skb_push(ETH_HLEN)
  void PullMac() { in_data &= ~HDR_MAC; }      // skb_pull / eth_type_trans
  void PushNet() { in_data |= HDR_NET; }
  void PullNet() { in_data &= ~HDR_NET; }
};

using SkbPtr = std::unique_ptr<SkBuff>;

// alloc_skb on a machine
inline SkbPtr AllocSkb(Host* host, ns3::Ptr<ns3::Packet> p) {
  SkbPtr s(new SkBuff);
  s->host = host;
  s->data = p;
  return s;
}
// skb_clone: metadata copied, payload shared copy-on-write
inline SkbPtr SkbClone(const SkBuff& s) {
  SkbPtr c(new SkBuff(s));
  c->data = s.data->Copy();
  return c;
}

}  // namespace linuxnet
