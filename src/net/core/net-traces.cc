#include "net/core/net-traces.h"

#include <cstdio>
#include <ostream>

#include "net/core/net_namespace.h"

namespace linuxnet {

void NetTraceEvent(Host* host, KFn f, const SkBuff* skb, uint32_t) {
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
  // the moment the function starts on its CPU (the running work's cursor), in ns, and the CPU
  // (`-` for work outside any CPU: a tool's configuration call)
  int64_t ps = NowPs(host);
  char cpu[16];
  if (host->cur == &host->idle) std::snprintf(cpu, sizeof cpu, "-");
  else std::snprintf(cpu, sizeof cpu, "%d", host->cur->id);
  char line[256];
  std::snprintf(line, sizeof line, "[%6lld.%09lld] cpu %-3s %-24s %-12s len %-5u %s\n",
                static_cast<long long>(ps / 1000000000000), static_cast<long long>(ps % 1000000000000 / 1000), cpu,
                KFnName(f), where.c_str(), skb ? skb->Len() : 0u, pkt.c_str());
  *host->trace_out << line;
}

}  // namespace linuxnet
