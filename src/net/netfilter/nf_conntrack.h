// Connection tracking (net/netfilter/nf_conntrack_core.c, nf_conntrack_proto_{tcp,udp,icmp}.c,
// nf_conntrack_proto.c's IPv4 hooks): tuples, the per-namespace hash, the state of each flow,
// timeouts in virtual time.
#pragma once
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <unordered_map>
#include <vector>

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "sim/skbuff.h"

namespace linuxnet {

class NetNs;
struct NfHookState;

// enum ip_conntrack_info
enum IpConntrackInfo : uint8_t { IP_CT_ESTABLISHED = 0, IP_CT_RELATED = 1, IP_CT_NEW = 2, IP_CT_IS_REPLY = 3,
                                 IP_CT_ESTABLISHED_REPLY = 3, IP_CT_RELATED_REPLY = 4, IP_CT_UNTRACKED = 7 };
enum CtDir : uint8_t { IP_CT_DIR_ORIGINAL = 0, IP_CT_DIR_REPLY = 1 };

// enum ip_conntrack_status bits
enum : uint32_t { IPS_EXPECTED = 1u << 0, IPS_SEEN_REPLY = 1u << 1, IPS_ASSURED = 1u << 2,
                  IPS_CONFIRMED = 1u << 3, IPS_SRC_NAT = 1u << 4, IPS_DST_NAT = 1u << 5,
                  IPS_SRC_NAT_DONE = 1u << 7, IPS_DST_NAT_DONE = 1u << 8, IPS_DYING = 1u << 9,
                  IPS_UNTRACKED = 1u << 12 };

enum TcpConntrack : uint8_t { TCP_CONNTRACK_NONE, TCP_CONNTRACK_SYN_SENT, TCP_CONNTRACK_SYN_RECV,
                              TCP_CONNTRACK_ESTABLISHED, TCP_CONNTRACK_FIN_WAIT, TCP_CONNTRACK_CLOSE_WAIT,
                              TCP_CONNTRACK_LAST_ACK, TCP_CONNTRACK_TIME_WAIT, TCP_CONNTRACK_CLOSE,
                              TCP_CONNTRACK_SYN_SENT2, TCP_CONNTRACK_MAX, TCP_CONNTRACK_IGNORE };

// struct nf_conntrack_tuple (IPv4): ports, or ICMP id / type+code
struct NfConntrackTuple {
  uint32_t src = 0, dst = 0;
  uint16_t sport = 0;  // tcp/udp source port, icmp id
  uint16_t dport = 0;  // tcp/udp destination port; icmp: type << 8 | code
  uint8_t protonum = 0;
  bool operator==(const NfConntrackTuple& o) const {
    return src == o.src && dst == o.dst && sport == o.sport && dport == o.dport && protonum == o.protonum;
  }
  uint8_t IcmpType() const { return static_cast<uint8_t>(dport >> 8); }
  uint8_t IcmpCode() const { return static_cast<uint8_t>(dport & 0xff); }
};

struct NfConntrackTupleHash {
  size_t operator()(const NfConntrackTuple& t) const {
    uint64_t a = (uint64_t(t.src) << 32) | t.dst;
    uint64_t b = (uint64_t(t.sport) << 24) | (uint64_t(t.dport) << 8) | t.protonum;
    a ^= b + 0x9e3779b97f4a7c15ull + (a << 6) + (a >> 2);
    return std::hash<uint64_t>()(a);
  }
};

// struct nf_conn
struct NfConn : NfConntrack {
  NfConntrackTuple tuple[2];   // tuplehash[IP_CT_DIR_ORIGINAL / REPLY]
  uint32_t status = 0;
  ns3::Time timeout;           // absolute expiry once confirmed; relative before
  uint32_t mark = 0;
  uint64_t id = 0;
  NetNs* net = nullptr;
  // proto.tcp
  uint8_t tcp_state = TCP_CONNTRACK_NONE;
  uint8_t tcp_last_dir = 0, tcp_last_index = 0;
  bool in_table = false;
  bool in_bysource = false;
  NfConn* bys_prev = nullptr;  // nf_conn's nat_bysource hlist node
  NfConn* bys_next = nullptr;
  std::list<NfConn*>::iterator entry;  // its place in CtNet::entries (O(1) removal)
  int masq_index = 0;          // nf_conn_nat: the device MASQUERADE used
  bool Confirmed() const { return status & IPS_CONFIRMED; }
};

// Per-namespace conntrack state (struct netns_ct and the hash)
struct CtNet {
  std::unordered_map<NfConntrackTuple, std::pair<NfConn*, CtDir>, NfConntrackTupleHash> hash;
  std::list<NfConn*> entries;  // confirmed entries, oldest first (ours hold one reference)
  // nf_nat_bysource: source-NATed connections by their original source (address, port,
  // protocol), so find_appropriate_src is one hash lookup however many connections there are
  // (each bucket an intrusive list, as the kernel's hlist: O(1) unlink)
  std::unordered_map<uint64_t, NfConn*> nat_bysource;
  uint32_t count = 0;          // nf_conntrack_count
  uint64_t next_id = 1;
  bool hooks_registered = false;
  bool nat_hooks_registered = false;
  ns3::EventId gc_event;
  // sysctls (net.netfilter.nf_conntrack_*), seconds
  uint32_t max = 262144;
  uint32_t udp_timeout = 30, udp_timeout_stream = 120, icmp_timeout = 30;
  uint32_t tcp_timeouts[TCP_CONNTRACK_MAX] = {0, 120, 60, 432000, 120, 60, 30, 120, 10, 120};
  int tcp_loose = 1, tcp_be_liberal = 0, acct = 0, checksum = 1, log_invalid = 0;
  // statistics (conntrack -S)
  uint64_t stat_found = 0, stat_invalid = 0, stat_insert = 0, stat_insert_failed = 0, stat_drop = 0,
           stat_early_drop = 0, stat_search_restart = 0;
  ~CtNet();
};

// Loads conntrack into a namespace (its hooks at -200 and the confirm hooks), as the first rule
// needing it (state/conntrack match, NAT) or a conntrack command does.
void NfConntrackNetInit(NetNs* net);
NfConn* NfCtGet(const SkBuff& skb, IpConntrackInfo* ctinfo);
// Iterate live entries (expired ones are reaped first)
void NfConntrackGc(NetNs* net);
void NfCtDelete(NfConn* ct);
// Inverts a tuple the way the protocol tracker does (icmp echo ↔ echo reply)
bool NfCtInvertTuple(const NfConntrackTuple& orig, NfConntrackTuple* inv);
// Changes a conntrack's reply tuple (nf_conntrack_alter_reply, used by NAT) and rehashes it
void NfConntrackAlterReply(NfConn* ct, const NfConntrackTuple& newreply);
uint64_t NfNatBysourceKey(const NfConntrackTuple& orig);
bool NfConntrackTupleTaken(NetNs* net, const NfConntrackTuple& t, const NfConn* ignored);
const char* TcpConntrackName(uint8_t s);
uint32_t NfCtRemainingSeconds(const NfConn* ct);

}  // namespace linuxnet
