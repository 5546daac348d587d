// net/core/dev.c's GRO (v5.3; net/core/gro.c from v5.19): napi_gro_receive → dev_gro_receive,
// which marks the held packets that may be the new one's flow (same device, VLAN tag and MAC
// header: gro_list_prepare), lets the protocol's offload merge it into one or say what must go up,
// holds it as the start of a new flow (at most MAX_GRO_SKBS, the oldest going up to make room)
// or sends it up as it is; napi_gro_complete sends a held packet up with its headers fixed;
// napi_gro_flush sends up all of them, oldest first, when a poll ends.
#include <algorithm>
#include <vector>

#include "net/core/dev.h"
#include "net/core/netdevice.h"

namespace linuxnet {

namespace {

constexpr size_t kMaxGroSkbs = 8;  // MAX_GRO_SKBS

struct PacketOffload {
  uint16_t type;
  GroReceiveFn receive;
  GroCompleteFn complete;
  GsoSegmentFn segment;
};
std::vector<PacketOffload>& Offloads() {
  static std::vector<PacketOffload> v;  // filled by the protocols' static registrars, then read-only
  return v;
}

const PacketOffload* FindOffload(uint16_t type) {
  for (auto& o : Offloads())
    if (o.type == type) return &o;
  return nullptr;
}

// napi_gro_complete: a single segment goes up as it came (gso_size 0); a merged one after its
// protocol fixed its headers (inet_gro_complete, tcp4_gro_complete)
void NapiGroComplete(SkbPtr skb) {
  KFunc(KF_napi_gro_complete, skb.get());
  if (skb->gro.count == 1) {
    skb->gso_size = 0;
  } else if (const PacketOffload* o = FindOffload(skb->protocol)) {
    o->complete(skb.get());
  }
  NetifReceiveSkb(std::move(skb));
}

// gro_list_prepare
void GroListPrepare(std::deque<SkbPtr>& held, const SkBuff& skb) {
  for (auto& p : held) {
    bool same = p->dev == skb.dev && p->vlan_present == skb.vlan_present &&
                (!p->vlan_present || p->vlan_tci == skb.vlan_tci) && p->eth.h_dest == skb.eth.h_dest &&
                p->eth.h_source == skb.eth.h_source && p->eth.h_proto == skb.eth.h_proto;
    p->gro.same_flow = same;
    p->gro.flush = false;
  }
}

}  // namespace

void DevAddOffload(uint16_t type, GroReceiveFn receive, GroCompleteFn complete, GsoSegmentFn segment) {
  for (auto& o : Offloads())
    if (o.type == type) return;
  Offloads().push_back({type, receive, complete, segment});
}

GsoSegmentFn FindGsoSegment(uint16_t type) {
  const PacketOffload* o = FindOffload(type);
  return o ? o->segment : nullptr;
}

GroResult NapiGroReceive(NapiStruct* napi, SkbPtr skb, bool gro) {
  KFunc(KF_napi_gro_receive, skb.get());
  // dev_gro_receive
  const PacketOffload* o = gro ? FindOffload(skb->protocol) : nullptr;
  if (!o) {  // netif_elide_gro, or no offload for the protocol: napi_skb_finish's GRO_NORMAL
    NetifReceiveSkb(std::move(skb));
    return GRO_NORMAL;
  }
  KFunc(KF_dev_gro_receive, skb.get());
  std::deque<SkbPtr>& held = napi->gro_list;
  GroListPrepare(held, *skb);
  skb->gro = SkBuff::GroCb{};
  SkBuff* pp = o->receive(held, skb.get());
  if (pp) {
    auto it = std::find_if(held.begin(), held.end(), [pp](const SkbPtr& p) { return p.get() == pp; });
    SkbPtr done = std::move(*it);
    held.erase(it);
    NapiGroComplete(std::move(done));
  }
  if (skb->gro.same_flow) return GRO_MERGED_FREE;  // its payload is in the held packet now
  if (skb->gro.flush) {
    skb->gso_size = 0;
    NetifReceiveSkb(std::move(skb));
    return GRO_NORMAL;
  }
  if (held.size() >= kMaxGroSkbs) {  // gro_flush_oldest
    SkbPtr oldest = std::move(held.back());
    held.pop_back();
    NapiGroComplete(std::move(oldest));
  }
  skb->gro.count = 1;
  held.push_front(std::move(skb));
  return GRO_HELD;
}

void NapiGroFlush(NapiStruct* napi) {
  while (!napi->gro_list.empty()) {
    SkbPtr oldest = std::move(napi->gro_list.back());
    napi->gro_list.pop_back();
    NapiGroComplete(std::move(oldest));
  }
}

}  // namespace linuxnet
