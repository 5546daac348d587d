#include "sim/trace.h"

#include <cstdio>

#include "net/core/netdevice.h"
#include "ns3/simulator.h"
#include "sim/host.h"
#include "sim/netns.h"

namespace linuxnet {

static const char* const kNames[] = {
#define X(n) #n,
    LINUXNET_KFUNCS(X)
#undef X
};

const char* KFnName(KFn f) { return f < KF_COUNT ? kNames[f] : "?"; }

bool g_trace = false;

void TraceEvent(KFn f, const SkBuff* skb, const char* detail) {
  std::string where;
  if (skb && skb->dev) {
    where = skb->dev->net && !skb->dev->net->name.empty() ? skb->dev->net->name : "-";
    where += ":" + skb->dev->name;
  }
  std::string pkt;
  if (skb && (skb->protocol == ETH_P_IP) && skb->iph.daddr) {
    pkt = IpStr(skb->iph.saddr) + ">" + IpStr(skb->iph.daddr) + " proto " + std::to_string(skb->iph.protocol) +
          " ttl " + std::to_string(skb->iph.ttl);
  }
  std::printf("[%12.6f] %-24s %-12s len %-5u %s%s%s\n", ns3::Simulator::Now().GetSeconds(), KFnName(f),
              where.c_str(), skb ? skb->Len() : 0u, pkt.c_str(), detail ? " " : "", detail ? detail : "");
}

void KFunc(KFn f, const SkBuff* skb) {
  if (skb && skb->dev && skb->dev->net) skb->dev->net->host->Charge(f);
  if (g_trace) TraceEvent(f, skb);
}

}  // namespace linuxnet
