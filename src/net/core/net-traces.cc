#include "net/core/net-traces.h"

#include <cstdio>
#include <ostream>

#include "net/core/net_namespace.h"
#include "ns3/simulator.h"

namespace linuxnet {

void NetTraceEvent(Host* host, KFn f, const SkBuff* skb) {
  if (!host->trace_out) return;
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
  char line[256];
  std::snprintf(line, sizeof line, "[%12.6f] %-24s %-12s len %-5u %s\n", ns3::Simulator::Now().GetSeconds(), KFnName(f),
                where.c_str(), skb ? skb->Len() : 0u, pkt.c_str());
  *host->trace_out << line;
}

}  // namespace linuxnet
