// net/ipv4/fib_trie.c: table insert, delete, lookup and dump
#include <algorithm>
#include <cerrno>

#include "net/core/netdevice.h"
#include "net/ipv4/fib.h"

namespace linuxnet {

int FibTable::Insert(const FibAlias& fa, bool excl, bool replace) {
  auto& v = keys_[Key(fa.plen, fa.dst)];
  for (auto& e : v) {
    if (e.tos == fa.tos && e.priority == fa.priority) {
      if (excl) return -EEXIST;
      // a perfect match (same type, scope and nexthop) is an error even when appending
      if (!replace && e.type == fa.type && e.scope == fa.scope && e.nh.dev == fa.nh.dev && e.nh.gw == fa.nh.gw &&
          e.prefsrc == fa.prefsrc && e.protocol == fa.protocol)
        return -EEXIST;
      if (replace) {
        e = fa;
        return 0;
      }
    }
  }
  // fib_insert_alias keeps aliases of one key ordered by tos (descending) then priority
  auto it = std::find_if(v.begin(), v.end(), [&](const FibAlias& e) {
    return e.tos < fa.tos || (e.tos == fa.tos && e.priority > fa.priority);
  });
  if (v.empty() && len_keys_[fa.plen]++ == 0) len_mask_ |= 1ull << fa.plen;
  v.insert(it, fa);
  count_++;
  return 0;
}

int FibTable::Delete(uint32_t dst, uint8_t plen, const FibAlias& m, bool match_type, bool match_dev,
                     bool match_gw, bool match_proto, bool match_scope, bool match_prefsrc,
                     bool match_prio) {
  auto mit = keys_.find(Key(plen, dst));
  if (mit == keys_.end()) return -ESRCH;
  auto& v = mit->second;
  for (auto it = v.begin(); it != v.end(); ++it) {
    const FibAlias& e = *it;
    if (e.tos != m.tos) continue;
    if (match_type && e.type != m.type) continue;
    if (match_dev && e.nh.dev != m.nh.dev) continue;
    if (match_gw && e.nh.gw != m.nh.gw) continue;
    if (match_proto && e.protocol != m.protocol) continue;
    if (match_scope && e.scope != m.scope) continue;
    if (match_prefsrc && e.prefsrc != m.prefsrc) continue;
    if (match_prio && e.priority != m.priority) continue;
    v.erase(it);
    count_--;
    if (v.empty()) {
      keys_.erase(mit);
      if (--len_keys_[plen] == 0) len_mask_ &= ~(1ull << plen);
    }
    return 0;
  }
  return -ESRCH;
}

bool FibTable::Lookup(uint32_t daddr, uint8_t tos, int oif, FibResult* res, uint8_t min_scope) const {
  uint64_t mask = len_mask_;
  while (mask) {
    int plen = 63 - __builtin_clzll(mask);
    mask &= ~(1ull << plen);
    auto it = keys_.find(Key(static_cast<uint8_t>(plen), daddr & PrefixMask(plen)));
    if (it == keys_.end()) continue;
    for (const FibAlias& fa : it->second) {
      if (fa.tos && fa.tos != tos) continue;
      if (fa.scope < min_scope) continue;  // flowi4_scope
      if (fa.type == RTN_UNICAST || fa.type == RTN_LOCAL || fa.type == RTN_BROADCAST ||
          fa.type == RTN_MULTICAST || fa.type == RTN_ANYCAST) {
        if (fa.nh.flags & RTNH_F_DEAD) continue;
        if (oif && fa.nh.dev && fa.nh.dev->ifindex != oif) continue;
      }
      res->fa = &fa;
      res->prefixlen = static_cast<uint8_t>(plen);
      res->type = fa.type;
      res->scope = fa.scope;
      return true;
    }
  }
  return false;
}

std::vector<const FibAlias*> FibTable::Dump() const {
  std::vector<const FibAlias*> out;
  out.reserve(count_);
  for (auto& e : keys_)
    for (auto& fa : e.second) out.push_back(&fa);
  std::stable_sort(out.begin(), out.end(), [](const FibAlias* a, const FibAlias* b) {
    if (a->dst != b->dst) return a->dst < b->dst;
    return a->plen > b->plen;
  });
  return out;
}

void FibTable::FlushDev(const NetDev* dev, bool force) {
  // fib_sync_down_dev: without force, nexthops of scope "nowhere" (the local routes) survive
  RemoveIf([dev, force](const FibAlias& fa) { return fa.nh.dev == dev && (force || fa.type != RTN_LOCAL); });
}

}  // namespace linuxnet
