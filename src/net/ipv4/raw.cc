// net/ipv4/raw.c: delivery to raw sockets
#include <algorithm>
#include <memory>

#include "net/ipv4/ipv4.h"
#include "net/ipv4/l4.h"
#include "net/core/net_namespace.h"
#include "ns3/simulator.h"

namespace linuxnet {

namespace {
// raw_rcv → sock_queue_rcv_skb, as the reader sees it: the socket (if it is still open) gets the
// packet at the moment the softirq's work reached it
void RawRcvSkb(ns3::Ptr<NetNs> net, int id, const std::shared_ptr<SkBuff>& skb) {
  if (!net->ipv4 || !net->ipv4->raw) return;
  for (auto& s : net->ipv4->raw->socks) {
    if (s.id != id) continue;
    auto rcv = s.rcv;  // the receiver may close its socket
    rcv(*skb);
    return;
  }
}
}  // namespace

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
  // the reader runs as its own process, never inside the softirq: it sees the packet at the
  // moment the softirq's work reached its socket
  const ns3::Time at = Until(NowPs(net->host));
  for (const RawSock& s : r->socks) {
    if (s.protocol != protocol) continue;
    if (s.bound_addr && s.bound_addr != skb.iph.daddr) continue;
    if (s.bound_dev_if && s.bound_dev_if != skb.skb_iif) continue;
    delivered = true;
    ns3::Simulator::Schedule(at, &RawRcvSkb, ns3::Ptr<NetNs>(net), s.id, std::shared_ptr<SkBuff>(SkbClone(skb)));
  }
  return delivered;
}

}  // namespace linuxnet
