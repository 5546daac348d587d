// net/ipv4/udp.c: a namespace's UDP sockets as the kernel keeps them. Binding and port choice
// (udp_lib_get_port), the socket lookup (__udp4_lib_lookup: a socket bound to the address before
// a wildcard one, the best compute_score within each), receive (__udp4_lib_rcv →
// __udp_enqueue_schedule_skb, which charges each datagram's truesize against sk_rcvbuf and drops
// into UdpRcvbufErrors when the reader falls behind), udp_recvmsg with udp_rmem_release's
// deferred uncharge, udp_sendmsg, and ICMP errors (__udp4_lib_err). The ns-3 socket on top of a
// UdpSock is udp_socket.h's LinuxUdpSocket.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <unordered_map>
#include <vector>

#include "ns3/packet.h"
#include "sim/skbuff.h"

namespace linuxnet {

class NetNs;
struct Iphdr;

// The Udp: line of /proc/net/snmp (UDP_MIB_*), in the kernel's order
#define LINUXNET_UDP_MIB(X) \
  X(InDatagrams) X(NoPorts) X(InErrors) X(OutDatagrams) X(RcvbufErrors) X(SndbufErrors) X(InCsumErrors) X(IgnoredMulti)
enum UdpMib {
#define X(n) UDP_MIB_##n,
  LINUXNET_UDP_MIB(X)
#undef X
  UDP_MIB_MAX
};
const char* UdpMibName(int i);

// SKB_TRUESIZE of an skb whose head was allocated for `alloc_len` bytes: the slab object that
// holds the data and skb_shared_info, plus the sk_buff itself (832 for a 64-byte datagram sent
// over veth, 2304 for 1472 bytes)
uint32_t SkbTruesize(uint32_t alloc_len);
// what __ip_append_data allocates beyond the IP packet: hh_len (16 for Ethernet) + 15
constexpr uint32_t kUdpAllocExtra = 16 + 15;

// A datagram on a socket's queues: what recvmsg hands out
struct UdpQueued {
  ns3::Ptr<ns3::Packet> data;  // the payload, without the UDP header
  uint32_t saddr = 0, daddr = 0;
  uint16_t sport = 0;
  uint32_t truesize = 0;
  uint8_t tos = 0, ttl = 0;
  int iif = 0;
};

// struct udp_sock (with its inet_sock and sock)
struct UdpSock {
  NetNs* net = nullptr;          // null once the namespace is gone
  uint32_t rcv_saddr = 0;        // inet_rcv_saddr: the bound local address, 0 for any
  uint32_t saddr = 0;            // inet_saddr: the source of what it sends
  uint16_t num = 0;              // inet_num: the local port, 0 while unbound (unhashed)
  uint32_t daddr = 0;            // inet_daddr / inet_dport: the connected peer
  uint16_t dport = 0;
  bool established = false;      // sk_state == TCP_ESTABLISHED (connected)
  int bound_dev_if = 0;          // SO_BINDTODEVICE
  bool reuse = false;            // SO_REUSEADDR
  bool bindaddr_lock = false, bindport_lock = false;  // sk_userlocks SOCK_BIND{ADDR,PORT}_LOCK
  bool broadcast = false;        // SO_BROADCAST
  bool pmtudisc_dont = false;    // IP_PMTUDISC_DONT (else IP_PMTUDISC_WANT)
  int mc_ttl = 1;                // IP_MULTICAST_TTL
  int uc_ttl = -1;               // IP_TTL (-1: net.ipv4.ip_default_ttl)
  uint8_t tos = 0;               // IP_TOS
  int rcvbuf = 0;                // sk_rcvbuf
  std::shared_ptr<SkWmem> wmem = std::make_shared<SkWmem>();  // sk_wmem_alloc, sk_sndbuf
  int rmem_alloc = 0;            // sk_rmem_alloc: truesize of what the queues hold, uncharged late
  int forward_deficit = 0;       // udp_sock.forward_deficit
  uint32_t drops = 0;            // sk_drops
  uint32_t rx_bytes = 0;         // the payload bytes both queues hold (ns-3's GetRxAvailable)
  bool rcv_shutdown = false;     // sk_shutdown & RCV_SHUTDOWN
  std::deque<UdpQueued> receive_queue;  // sk_receive_queue: filled by the softirq
  std::deque<UdpQueued> reader_queue;   // udp_sock.reader_queue: drained by recvmsg
  // sk_data_ready: a datagram was queued (the socket layer wakes its reader)
  std::function<void()> data_ready;
  // what ns-3's IcmpCallback reports for an ICMP error quoting one of this socket's datagrams
  std::function<void(uint32_t from, uint8_t ttl, uint8_t type, uint8_t code, uint32_t info)> icmp_report;
  // a datagram dropped for want of receive buffer (ns-3's UdpSocketImpl "Drop" trace)
  std::function<void(ns3::Ptr<const ns3::Packet>)> drop_report;
};

// The namespace's udp_table (its slots by port) and its Udp MIB
struct UdpTable {
  std::unordered_map<uint16_t, std::vector<UdpSock*>> port;  // newest first, as hlist_add_head
  uint64_t mib[UDP_MIB_MAX] = {};
  ~UdpTable();  // its sockets outlive it only as dead sockets (net = null)
};
UdpTable* UdpTableOf(NetNs* net);

// udp_init_sock with the socket defaults (sk_rcvbuf = rmem_default, ip_no_pmtu_disc)
void UdpInitSock(UdpSock* sk, NetNs* net);
// inet_bind: 0 or -errno (EINVAL when bound already, EADDRNOTAVAIL, EADDRINUSE)
int UdpBind(UdpSock* sk, uint32_t addr, uint16_t port);
// inet_autobind: an ephemeral port from ip_local_port_range; 0 or -EAGAIN
int UdpAutobind(UdpSock* sk);
// inet_dgram_connect → ip4_datagram_connect: routes to the peer, takes the route's source as the
// local address when unbound; 0 or -errno (ENETUNREACH, EACCES for broadcast without SO_BROADCAST)
int UdpConnect(UdpSock* sk, uint32_t daddr, uint16_t dport);
// udp_lib_close: unhashed, queues purged
void UdpClose(UdpSock* sk);
// SO_BINDTODEVICE
void UdpBindToDevice(UdpSock* sk, int ifindex);

// __udp4_lib_lookup: the socket a datagram from saddr:sport to daddr:dport arriving on dif goes to
UdpSock* Udp4LibLookup(NetNs* net, uint32_t saddr, uint16_t sport, uint32_t daddr, uint16_t dport, int dif);

// udp_rcv (__udp4_lib_rcv) on a datagram whose IP header has been pulled. Returns the L4Result
// of l4.h: L4_PORT_UNREACH for a unicast datagram no socket takes (the caller sends the ICMP).
int UdpRcv(NetNs* net, SkbPtr& skb);

// udp_recvmsg: the next datagram of the socket, false when there is none (EAGAIN). Runs on the
// reader's CPU and is charged there.
bool UdpRecvmsg(UdpSock* sk, UdpQueued* out);

// udp_sendmsg of one datagram to daddr:dport (the connected peer when daddr is 0): bytes sent or
// -errno. Runs on the sender's CPU. `charge` false: only the outcome, nothing sent or charged
// (what the caller answers when the syscall has to wait for its CPU).
int UdpSendmsg(UdpSock* sk, ns3::Ptr<ns3::Packet> payload, uint32_t daddr, uint16_t dport, bool charge = true);

// __udp4_lib_err: an ICMP error quoting a UDP datagram this namespace sent
void UdpErr(NetNs* net, uint32_t icmp_from, uint8_t icmp_ttl, uint8_t type, uint8_t code, uint32_t info,
            const Iphdr& inner, uint16_t sport, uint16_t dport, int dif);

}  // namespace linuxnet
