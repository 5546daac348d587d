// The neighbour subsystem (net/core/neighbour.c) as ARP uses it: entries keyed by (device, IPv4
// address) with the NUD state machine and its timers in virtual time, a queue of packets waiting
// for resolution, and the probes that arp_solicit sends.
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <utility>

#include "absl/container/flat_hash_map.h"

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "sim/skbuff.h"

namespace linuxnet {

class NetDev;
class NetNs;

enum : uint8_t { NUD_NONE = 0x00, NUD_INCOMPLETE = 0x01, NUD_REACHABLE = 0x02, NUD_STALE = 0x04,
                 NUD_DELAY = 0x08, NUD_PROBE = 0x10, NUD_FAILED = 0x20, NUD_NOARP = 0x40,
                 NUD_PERMANENT = 0x80 };
constexpr uint8_t NUD_IN_TIMER = NUD_INCOMPLETE | NUD_REACHABLE | NUD_DELAY | NUD_PROBE;
constexpr uint8_t NUD_VALID = NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | NUD_DELAY;
constexpr uint8_t NUD_CONNECTED = NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE;

// NEIGH_UPDATE_F_*
enum : unsigned { NEIGH_UPDATE_F_OVERRIDE = 1, NEIGH_UPDATE_F_WEAK_OVERRIDE = 2,
                  NEIGH_UPDATE_F_OVERRIDE_ISROUTER = 4, NEIGH_UPDATE_F_ADMIN = 0x80000000u };

// struct neigh_parms defaults for ARP (arp_tbl in net/ipv4/arp.c), milliseconds
struct NeighParms {
  int base_reachable_time_ms = 30000, retrans_time_ms = 1000, delay_probe_time_ms = 5000,
      gc_staletime_ms = 60000, locktime_ms = 1000;
  int ucast_probes = 3, mcast_probes = 3, app_probes = 0, mcast_reprobes = 0;
  uint32_t queue_len_bytes = 212992;
};

struct Neighbour {
  uint32_t primary_key = 0;
  NetDev* dev = nullptr;
  MacAddr ha;
  uint8_t nud_state = NUD_NONE;
  uint8_t type = RTN_UNICAST;
  bool dead = false;
  int probes = 0;
  ns3::Time confirmed, updated, used;
  ns3::Time reachable_time;
  ns3::EventId timer;
  std::deque<SkbPtr> arp_queue;
  uint32_t arp_queue_len_bytes = 0;
  uint32_t refcnt = 0;
};

class NeighTable {
 public:
  NeighParms parms;
  Neighbour* Lookup(const NetDev* dev, uint32_t key) const;
  // __neigh_create (arp_constructor sets the initial state and type)
  Neighbour* Create(NetDev* dev, uint32_t key);
  void Remove(Neighbour* n);
  void FlushDev(const NetDev* dev);  // neigh_flush_dev on NETDEV_DOWN
  template <class F> void ForEach(F f) const { for (auto& e : order_) f(e); }
  size_t size() const { return map_.size(); }

 private:
  using Key = std::pair<const NetDev*, uint32_t>;  // the device and primary_key (neigh_hash)
  absl::flat_hash_map<Key, std::unique_ptr<Neighbour>> map_;
  std::vector<Neighbour*> order_;  // newest first, as the kernel's hash chain head insertion dumps
};

// neighbour.c entry points
int NeighResolveOutput(Neighbour* n, SkbPtr skb);    // neigh_resolve_output
int NeighOutput(Neighbour* n, SkbPtr skb);           // neigh_output (fast path if connected)
void NeighUpdate(Neighbour* n, const MacAddr* lladdr, uint8_t nstate, unsigned flags);
Neighbour* NeighEventNs(NeighTable* tbl, const MacAddr& lladdr, uint32_t saddr, NetDev* dev);
void NeighConfirm(Neighbour* n);

}  // namespace linuxnet
