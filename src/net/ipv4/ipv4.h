// Per-namespace IPv4 state (struct netns_ipv4) and the IPv4 functions of net/ipv4/*.c.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ns3/event-id.h"
#include "net/core/netdevice.h"
#include "net/ipv4/fib.h"
#include "net/ipv4/neighbour.h"
#include "net/ipv4/tcp.h"

namespace linuxnet {

// struct ipv4_devconf (include/linux/inetdevice.h): the conf.<dev>.* sysctls
struct IpDevConf {
  int forwarding = 0, mc_forwarding = 0, accept_redirects = 1, secure_redirects = 1,
      send_redirects = 1, shared_media = 1, rp_filter = 0, accept_source_route = 0,
      bootp_relay = 0, log_martians = 0, proxy_arp = 0, medium_id = 0, disable_xfrm = 0,
      disable_policy = 0, arp_filter = 0, arp_announce = 0, arp_ignore = 0, arp_accept = 0,
      arp_notify = 0, accept_local = 0, src_valid_mark = 0, proxy_arp_pvlan = 0,
      route_localnet = 0, promote_secondaries = 0, drop_unicast_in_l2_multicast = 0,
      drop_gratuitous_arp = 0, ignore_routes_with_linkdown = 0, bc_forwarding = 0, tag = 0,
      arp_evict_nocarrier = 1;
};

// IFA_F_* (include/uapi/linux/if_addr.h)
enum : uint32_t { IFA_F_SECONDARY = 0x01, IFA_F_NODAD = 0x02, IFA_F_PERMANENT = 0x80,
                  IFA_F_NOPREFIXROUTE = 0x200 };
// rtm_scope
enum : uint8_t { RT_SCOPE_UNIVERSE = 0, RT_SCOPE_SITE = 200, RT_SCOPE_LINK = 253,
                 RT_SCOPE_HOST = 254, RT_SCOPE_NOWHERE = 255 };

// struct in_ifaddr
struct InIfaddr {
  uint32_t local = 0, address = 0, mask = 0, broadcast = 0;
  uint8_t prefixlen = 0, scope = RT_SCOPE_UNIVERSE;
  uint32_t flags = IFA_F_PERMANENT;
  uint32_t rt_priority = 0;
  std::string label;
};

// struct in_device
struct InDevice {
  NetDev* dev = nullptr;
  std::vector<InIfaddr> ifa_list;  // primaries first, then secondaries, as the kernel keeps them
  IpDevConf cnf;
};

// IPSTATS_MIB_* / ICMP_MIB_* counters that drop paths bump (a subset, named as nstat prints them)
#define LINUXNET_IPMIB(X)                                                                  \
  X(InReceives) X(InHdrErrors) X(InAddrErrors) X(ForwDatagrams) X(InUnknownProtos)         \
  X(InDiscards) X(InDelivers) X(OutRequests) X(OutDiscards) X(OutNoRoutes) X(InNoRoutes)   \
  X(InTruncatedPkts) X(OutForwDatagrams)
enum IpMib {
#define X(n) IPSTATS_MIB_##n,
  LINUXNET_IPMIB(X)
#undef X
  IPSTATS_MIB_MAX
};

class RawSockets;
struct IpFragQueues;
struct UdpTable;
struct InetBindHash;

struct Ipv4Net {
  IpDevConf devconf_all, devconf_dflt;
  int sysctl_ip_default_ttl = 64;
  int sysctl_icmp_echo_ignore_all = 0, sysctl_icmp_echo_ignore_broadcasts = 1;
  int sysctl_icmp_ratelimit = 1000, sysctl_icmp_ratemask = 6168;
  int sysctl_ip_no_pmtu_disc = 0;
  int sysctl_ip_nonlocal_bind = 0;
  int sysctl_ip_local_port_range[2] = {32768, 60999};  // net.ipv4.ip_local_port_range
  TcpNet tcp;  // net.ipv4.tcp_*
  FibTable fib_local{255}, fib_main{254};
  NeighTable arp_tbl;
  uint64_t mib[IPSTATS_MIB_MAX] = {};
  uint16_t ip_id_next = 1;
  bool icmp_sk_busy = false;  // icmp_xmit_lock held (the namespace's ICMP socket)
  std::unique_ptr<RawSockets> raw;  // raw IPPROTO_ICMP sockets (ping)
  std::unique_ptr<UdpTable> udp;    // udp_table's sockets of this namespace, and its Udp MIB
  std::unique_ptr<InetBindHash> bhash;  // the tools' TCP sockets that hold a port (inet_connection_sock.h)
  // inet_peer rate state per remote address (icmp/ip_error rate limits)
  struct Peer { int64_t rate_tokens = 0; int64_t rate_last_ms = 0; uint32_t n_redirects = 0; };
  std::unordered_map<uint32_t, Peer> peers;
  // route exceptions learned from ICMP "fragmentation needed" (fnhe_pmtu / fnhe_expires), per destination
  struct Pmtu { uint32_t mtu = 0; int64_t expires_ms = 0; };
  std::unordered_map<uint32_t, Pmtu> pmtu;
  // the fragment reassembly queues (struct ipq, net/ipv4/ip_fragment.c)
  std::unique_ptr<IpFragQueues> frags;
  Ipv4Net();
  ~Ipv4Net();
};

InDevice* InDevGet(const NetDev* dev);
InDevice* InetdevInit(NetDev* dev);  // inetdev_init on NETDEV_REGISTER
// devinet.c: address add/del (inet_rtm_newaddr / inet_rtm_deladdr); returns 0 or -errno
int InetInsertIfa(NetDev* dev, InIfaddr ifa);
int InetDelIfa(NetDev* dev, uint32_t local, uint8_t prefixlen, bool match_prefix);
uint32_t InetSelectAddr(const NetDev* dev, uint32_t dst, int scope);
bool InetAddrOnLink(const InDevice* in_dev, uint32_t a, uint32_t b);
int IpDevConfForwarding(const NetDev* dev);
// NETDEV_UP / NETDEV_DOWN notifications for the IPv4 side (inetdev_event, fib_netdev_event)
// The inetaddr notifier chain (register_inetaddr_notifier): NETDEV_UP / NETDEV_DOWN per address
using InetaddrNotifierFn = void (*)(unsigned event, NetDev* dev, const InIfaddr& ifa);
void RegisterInetaddrNotifier(InetaddrNotifierFn fn);
void InetdevEventUp(NetDev* dev);
void InetdevEventDown(NetDev* dev);
void InetdevEventUnregister(NetDev* dev);

// route.c
// ip_route_input_noref: fills skb->dst; returns 0 or -errno
int IpRouteInputNoref(SkBuff* skb, uint32_t daddr, uint32_t saddr, uint8_t tos, NetDev* dev);
// ip_route_output_key: flowi4 in, rtable out
struct Flowi4 {
  uint32_t daddr = 0, saddr = 0;
  int oif = 0;
  uint8_t tos = 0, proto = 0;
  uint32_t mark = 0;
  bool df = false;  // the socket's pmtudisc asks for IP_DF
};
int IpRouteOutputKey(NetNs* net, Flowi4* fl4, Rtable* rt);
// ip_route_output_key_hash_rcu: the same lookup, not charged (its caller is)
int IpRouteOutputKeyHashRcu(NetNs* net, Flowi4* fl4, Rtable* rt);

// ip_input.c / ip_forward.c / ip_output.c
int IpRcv(SkbPtr skb, NetDev* dev, NetDev* orig_dev);  // ip_packet_type.func
int IpLocalDeliver(SkbPtr skb);
int IpForward(SkbPtr skb);
int IpError(SkbPtr skb);
int IpLocalOut(NetNs* net, SkbPtr skb);  // __ip_local_out + LOCAL_OUT hook + dst_output
int IpOutput(NetNs* net, SkbPtr skb);
// Builds the IP header for an L4 payload and sends it (ip_queue_xmit / ip_push_pending_frames)
int IpBuildAndSend(NetNs* net, SkbPtr skb, const Flowi4& fl4, const Rtable& rt, uint8_t ttl, uint8_t tos);
uint16_t IpSelectIdent(NetNs* net);

// arp.c
int ArpRcv(SkbPtr skb, NetDev* dev, NetDev* orig_dev);  // arp_packet_type.func
void ArpInit(NetNs* net);

// icmp.c
int IcmpRcv(SkbPtr skb);
void IcmpSend(const SkBuff& skb_in, uint8_t type, uint8_t code, uint32_t info);
void IpRtSendRedirect(const SkBuff& skb);  // route.c ip_rt_send_redirect
// ipv4_update_pmtu: a path MTU learned for daddr (ip_rt_min_pmtu 552, expires after 600 s)
void Ipv4UpdatePmtu(NetNs* net, uint32_t daddr, uint32_t mtu);
uint32_t Ipv4PathMtu(NetNs* net, uint32_t daddr, int64_t* expires_ms);  // 0 if none learned
// ip_fragment / ip_do_fragment: slices skb into fragments of at most mtu bytes, each sent with out
int IpFragment(NetNs* net, SkbPtr skb, uint32_t mtu, int (*out)(NetNs*, SkbPtr));
// ip_defrag: queues a fragment; returns the reassembled packet when it is complete
SkbPtr IpDefrag(NetNs* net, SkbPtr skb);

}  // namespace linuxnet
