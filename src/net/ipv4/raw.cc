// net/ipv4/raw.c: delivery to raw sockets
#include <algorithm>

#include "net/ipv4/ipv4.h"
#include "net/ipv4/l4.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

int RawSockCreate(NetNs* net, RawSock s) {
  auto& r = net->ipv4->raw;
  if (!r) r = std::make_unique<RawSockets>();
  s.id = r->next_id++;
  r->socks.push_back(std::move(s));
  return r->socks.back().id;
}

void RawSockClose(NetNs* net, int id) {
  auto& r = net->ipv4->raw;
  if (!r) return;
  r->socks.erase(std::remove_if(r->socks.begin(), r->socks.end(), [id](const RawSock& s) { return s.id == id; }),
                 r->socks.end());
}

// raw_local_deliver → raw_v4_input: match protocol, bound address and device
bool RawLocalDeliver(NetNs* net, const SkBuff& skb, uint8_t protocol) {
  auto& r = net->ipv4->raw;
  if (!r || r->socks.empty()) return false;
  KFunc(KF_raw_local_deliver, &skb);
  bool delivered = false;
  // copy the list: a receiver may close its socket while we walk
  std::vector<RawSock> socks = r->socks;
  for (auto& s : socks) {
    if (s.protocol != protocol) continue;
    if (s.bound_addr && s.bound_addr != skb.iph.daddr) continue;
    if (s.bound_dev_if && s.bound_dev_if != skb.skb_iif) continue;
    delivered = true;
    s.rcv(skb);
  }
  return delivered;
}

}  // namespace linuxnet
