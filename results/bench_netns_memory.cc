// Memory per idle namespace: resident set growth while creating 1,000 and 10,000 namespaces
// (each with lo and one veth end; the other ends in a hub namespace), as CSV on stdout.
#include <cstdio>
#include <fstream>
#include <string>

#include "drivers/net/veth.h"
#include "ns3/simulator.h"
#include "world/world.h"

static long RssKb() {
  std::ifstream f("/proc/self/status");
  std::string k;
  long v = 0;
  while (f >> k) {
    if (k == "VmRSS:") {
      f >> v;
      return v;
    }
    f.ignore(1 << 20, '\n');
  }
  return v;
}

int main() {
  std::printf("namespaces,rss_kb_total,rss_kb_per_namespace\n");
  for (int count : {1000, 10000}) {
    long before = RssKb();
    {
      linuxnet::World w;
      linuxnet::NetNs* hub = w.CreateNetNs("hub").operator->();
      for (int i = 0; i < count; i++) {
        std::string name = "n" + std::to_string(i);
        linuxnet::NetNs* ns = w.CreateNetNs(name).operator->();
        linuxnet::VethParams p;
        p.name = "eth0";
        p.peer_name = "h" + std::to_string(i);
        p.peer_net = hub;
        linuxnet::VethNewlink(ns, p);
      }
      long after = RssKb();
      std::printf("%d,%ld,%.1f\n", count, after - before, double(after - before) / count);
      std::fflush(stdout);
    }
    ns3::Simulator::Destroy();
  }
  return 0;
}
