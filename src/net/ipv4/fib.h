// The IPv4 forwarding information base (net/ipv4/fib_trie.c, fib_semantics.c): one table per id
// (local 255, main 254), longest-prefix match. Entries live in one hash map keyed by prefix and
// length, and a bitmask of the lengths in use bounds the lookup to one probe per length present, so
// lookup cost does not grow with the number of routes.
#pragma once
#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"

#include "sim/skbuff.h"

namespace linuxnet {

class NetDev;

enum : unsigned { RTNH_F_DEAD = 1, RTNH_F_PERVASIVE = 2, RTNH_F_ONLINK = 4, RTNH_F_LINKDOWN = 16 };
enum : uint8_t { RTPROT_UNSPEC = 0, RTPROT_REDIRECT = 1, RTPROT_KERNEL = 2, RTPROT_BOOT = 3,
                 RTPROT_STATIC = 4 };

struct FibNh {
  NetDev* dev = nullptr;
  uint32_t gw = 0;
  unsigned flags = 0;
  uint8_t scope = 0;  // nh_scope: scope of the gateway's own route (link for a direct gw)
};

struct FibAlias {
  uint32_t dst = 0;
  uint8_t plen = 0;
  uint8_t tos = 0;
  RtnType type = RTN_UNICAST;
  uint8_t scope = 0;
  uint8_t protocol = RTPROT_BOOT;
  uint32_t priority = 0;
  uint32_t prefsrc = 0;
  uint32_t table = 254;
  FibNh nh;
};

struct FibResult {
  const FibAlias* fa = nullptr;
  uint8_t prefixlen = 0;
  RtnType type = RTN_UNSPEC;
  uint8_t scope = 0;
};

class FibTable {
 public:
  explicit FibTable(uint32_t id) : id(id) {}
  uint32_t id;
  // fib_table_insert: with `excl` an existing route with the same key, tos and priority is
  // -EEXIST; with `replace` it is replaced; otherwise appended (for RTM_F_APPEND)
  int Insert(const FibAlias& fa, bool excl, bool replace);
  // fib_table_delete: the first alias with the key that matches every field given (nonzero)
  int Delete(uint32_t dst, uint8_t plen, const FibAlias& match, bool match_type, bool match_dev,
             bool match_gw, bool match_proto, bool match_scope, bool match_prefsrc,
             bool match_prio);
  // fib_table_lookup for a flow; skips dead nexthops
  bool Lookup(uint32_t daddr, uint8_t tos, int oif, FibResult* res, uint8_t min_scope = 0) const;
  // in the order fib_table_dump walks the trie: by key, then longer prefix (shorter suffix) first
  std::vector<const FibAlias*> Dump() const;
  // fib_sync_down_dev(force): drops every alias whose nexthop is dev (and dev's local routes)
  void FlushDev(const NetDev* dev, bool force);
  template <class Pred> void RemoveIf(Pred pred);
  size_t size() const { return count_; }

 private:
  // (length, prefix) -> the aliases of that key, in one open-addressing table (absl's swiss
  // table): a probe reads one group of control bytes and one slot, and every length's probes
  // stay in the same few cache lines
  static uint64_t Key(uint8_t plen, uint32_t dst) { return static_cast<uint64_t>(plen) << 32 | dst; }
  absl::flat_hash_map<uint64_t, std::vector<FibAlias>> keys_;
  uint64_t len_mask_ = 0;     // the lengths with a key
  uint32_t len_keys_[33] = {};  // how many keys each length has
  size_t count_ = 0;
};

template <class Pred>
void FibTable::RemoveIf(Pred pred) {
  for (auto it = keys_.begin(); it != keys_.end();) {
    auto& v = it->second;
    size_t before = v.size();
    for (size_t i = 0; i < v.size();) {
      if (pred(v[i])) v.erase(v.begin() + i); else i++;
    }
    count_ -= before - v.size();
    if (!v.empty()) {
      ++it;
      continue;
    }
    int plen = static_cast<int>(it->first >> 32);
    if (--len_keys_[plen] == 0) len_mask_ &= ~(1ull << plen);
    keys_.erase(it++);
  }
}

}  // namespace linuxnet
