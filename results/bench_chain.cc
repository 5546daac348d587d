// Benchmark: simulated UDP and ping packets per wall-clock second across a chain of N namespaces
// (N = 2, 8, 64), linuxnet's Linux path beside ns-3's own Ipv4L3Protocol on the same chain
// (N nodes, zero-delay point-to-point links, no queue discs, static routes). Writes CSV to stdout.
// linuxnet runs with the Host's default (calibrated) cost table: the timing model on.
// bench_chain [--linuxnet-only] [--no-costs] [--scale K]: only linuxnet's rows; an all-zero cost
// table (the functional model alone, as a build without the hook runs); K times the packets (for
// results/bench_hook.sh, which compares the hook with no hook on the same work).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cmd.h"
#include "net/ipv4/linux-ipv4.h"
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-apps-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"
#include "scenario/script.h"
#include "sim/cost_table.h"
#include "world/world.h"

using namespace ns3;
using Clock = std::chrono::steady_clock;

namespace {

const uint32_t kUdpPackets = 20000;
const uint32_t kPingPackets = 5000;

// ns0 - ns1 - ... - ns{N-1}; link i joins ns{i} (10.i.0.1) and ns{i+1} (10.i.0.2)
std::string ChainScript(int n) {
  std::ostringstream s;
  for (int i = 0; i < n; i++) s << "ip netns add ns" << i << "\n";
  for (int i = 0; i + 1 < n; i++) {
    s << "ip link add r" << i << " netns ns" << i << " type veth peer name l" << i << " netns ns" << i + 1 << "\n";
    s << "ip -n ns" << i << " addr add 10." << i / 250 << "." << i % 250 << ".1/24 dev r" << i << "\n";
    s << "ip -n ns" << i + 1 << " addr add 10." << i / 250 << "." << i % 250 << ".2/24 dev l" << i << "\n";
    s << "ip -n ns" << i << " link set r" << i << " up\n";
    s << "ip -n ns" << i + 1 << " link set l" << i << " up\n";
  }
  for (int i = 0; i < n; i++) {
    if (i + 1 < n && i > 0) s << "ip netns exec ns" << i << " sysctl -qw net.ipv4.ip_forward=1\n";
    // everything to the right goes right; the first subnet goes left
    if (i + 2 < n) s << "ip -n ns" << i << " route add 10.0.0.0/8 via 10." << i / 250 << "." << i % 250 << ".2\n";
    if (i > 1) s << "ip -n ns" << i << " route add 10.0.0.0/24 via 10." << (i - 1) / 250 << "." << (i - 1) % 250 << ".1\n";
  }
  return s.str();
}

std::string LastAddr(int n) {
  int i = n - 2;
  return "10." + std::to_string(i / 250) + "." + std::to_string(i % 250) + ".2";
}

void Row(const char* stack, const char* workload, int n, uint64_t pkts, double wall) {
  std::printf("%s,%s,%d,%llu,%.4f,%.0f,%.0f\n", stack, workload, n, static_cast<unsigned long long>(pkts), wall,
              pkts / wall, pkts * (n - 1) / wall);
  std::fflush(stdout);
}

void LinuxnetUdp(int n, uint32_t packets, bool costs) {
  linuxnet::World w;
  if (!costs) linuxnet::ClearCostTable(w.default_host());
  std::ostringstream os;
  linuxnet::RunScript(&w, ChainScript(n), false, os);
  linuxnet::NetNs* first = w.FindNetNs("ns0");
  linuxnet::NetNs* last = w.FindNetNs("ns" + std::to_string(n - 1));
  linuxnet::LinuxIpv4::InstallL4(first);
  linuxnet::LinuxIpv4::InstallL4(last);
  UdpServerHelper server(9);
  ApplicationContainer sa = server.Install(last->node);
  UdpClientHelper client(Ipv4Address(LastAddr(n).c_str()), 9);
  client.SetAttribute("MaxPackets", UintegerValue(packets));
  client.SetAttribute("Interval", TimeValue(MicroSeconds(10)));
  client.SetAttribute("PacketSize", UintegerValue(64));
  ApplicationContainer ca = client.Install(first->node);
  ca.Start(Seconds(1));
  Simulator::Stop(Seconds(1) + MicroSeconds(10) * (packets + 100));
  auto t0 = Clock::now();
  Simulator::Run();
  double wall = std::chrono::duration<double>(Clock::now() - t0).count();
  Row("linuxnet", "udp", n, DynamicCast<UdpServer>(sa.Get(0))->GetReceived(), wall);
  Simulator::Destroy();
}

void LinuxnetPing(int n, uint32_t packets, bool costs) {
  linuxnet::World w;
  if (!costs) linuxnet::ClearCostTable(w.default_host());
  std::ostringstream os;
  linuxnet::RunScript(&w, ChainScript(n), false, os);
  linuxnet::CmdCtx ctx;
  ctx.user = w.userland();
  ctx.net = w.FindNetNs("ns0");
  auto t0 = Clock::now();
  linuxnet::RunCommand(ctx, {"ping", "-q", "-c", std::to_string(packets), "-i", "0.00001", LastAddr(n)});
  double wall = std::chrono::duration<double>(Clock::now() - t0).count();
  size_t p = ctx.out.find(" received");
  size_t q = ctx.out.rfind(", ", p);
  uint64_t got = std::stoull(ctx.out.substr(q + 2, p - q - 2));
  Row("linuxnet", "ping", n, got, wall);
  Simulator::Destroy();
}

// ns-3's own stack on the same chain, configured as fairly as it goes: no queue discs (veth has
// none: Ipv4AddressHelper installs fq_codel, which is removed again) and static routes (as the
// linuxnet chain's), not global routing
NodeContainer Ns3Chain(int n, Ipv4Address* last) {
  NodeContainer nodes;
  nodes.Create(n);
  InternetStackHelper stack;
  stack.Install(nodes);
  PointToPointHelper p2p;
  p2p.SetDeviceAttribute("DataRate", StringValue("100Gbps"));
  p2p.SetChannelAttribute("Delay", TimeValue(Seconds(0)));
  Ipv4AddressHelper addr;
  Ipv4StaticRoutingHelper routing;
  std::vector<Ipv4InterfaceContainer> links;
  for (int i = 0; i + 1 < n; i++) {
    NetDeviceContainer d = p2p.Install(nodes.Get(i), nodes.Get(i + 1));
    std::string base = "10." + std::to_string(i / 250) + "." + std::to_string(i % 250) + ".0";
    addr.SetBase(base.c_str(), "255.255.255.0");
    links.push_back(addr.Assign(d));
    TrafficControlHelper().Uninstall(d);
    *last = links.back().GetAddress(1);
  }
  // as the linuxnet chain: everything to the right goes right, the first subnet goes left
  for (int i = 0; i < n; i++) {
    Ptr<Ipv4StaticRouting> rt = routing.GetStaticRouting(nodes.Get(i)->GetObject<Ipv4>());
    uint32_t right = i == 0 ? 1 : 2, left = 1;  // interface 0 is lo, then the left link, then the right
    if (i + 2 < n) rt->AddNetworkRouteTo(Ipv4Address("10.0.0.0"), Ipv4Mask("255.0.0.0"), links[i].GetAddress(1), right);
    if (i > 1) rt->AddNetworkRouteTo(Ipv4Address("10.0.0.0"), Ipv4Mask("255.255.255.0"), links[i - 1].GetAddress(0), left);
  }
  return nodes;
}

void Ns3Udp(int n, uint32_t packets) {
  Ipv4Address last;
  NodeContainer nodes = Ns3Chain(n, &last);
  UdpServerHelper server(9);
  ApplicationContainer sa = server.Install(nodes.Get(n - 1));
  UdpClientHelper client(last, 9);
  client.SetAttribute("MaxPackets", UintegerValue(packets));
  client.SetAttribute("Interval", TimeValue(MicroSeconds(10)));
  client.SetAttribute("PacketSize", UintegerValue(64));
  ApplicationContainer ca = client.Install(nodes.Get(0));
  ca.Start(Seconds(1));
  Simulator::Stop(Seconds(1) + MicroSeconds(10) * (packets + 100));
  auto t0 = Clock::now();
  Simulator::Run();
  double wall = std::chrono::duration<double>(Clock::now() - t0).count();
  Row("ns3", "udp", n, DynamicCast<UdpServer>(sa.Get(0))->GetReceived(), wall);
  Simulator::Destroy();
}

void Ns3Ping(int n, uint32_t packets) {
  Ipv4Address last;
  NodeContainer nodes = Ns3Chain(n, &last);
  V4PingHelper ping(last);
  ping.SetAttribute("Interval", TimeValue(MicroSeconds(10)));
  ApplicationContainer pa = ping.Install(nodes.Get(0));
  pa.Start(Seconds(1));
  uint64_t rtts = 0;
  pa.Get(0)->TraceConnectWithoutContext("Rtt", MakeBoundCallback(+[](uint64_t* c, Time) { (*c)++; }, &rtts));
  Simulator::Stop(Seconds(1) + MicroSeconds(10) * packets);
  auto t0 = Clock::now();
  Simulator::Run();
  double wall = std::chrono::duration<double>(Clock::now() - t0).count();
  Row("ns3", "ping", n, rtts, wall);
  Simulator::Destroy();
}

}  // namespace

int main(int argc, char** argv) {
  bool ns3 = true, costs = true;
  uint32_t scale = 1;
  for (int i = 1; i < argc; i++) {
    if (!std::strcmp(argv[i], "--linuxnet-only")) {
      ns3 = false;
    } else if (!std::strcmp(argv[i], "--no-costs")) {
      costs = false;
    } else if (!std::strcmp(argv[i], "--scale") && i + 1 < argc && std::atoi(argv[i + 1]) > 0) {
      scale = static_cast<uint32_t>(std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: bench_chain [--linuxnet-only] [--no-costs] [--scale K]\n");
      return 2;
    }
  }
  std::printf("stack,workload,namespaces,packets_delivered,wall_s,packets_per_wall_s,hop_packets_per_wall_s\n");
  for (int n : {2, 8, 64}) {
    LinuxnetUdp(n, kUdpPackets * scale, costs);
    if (ns3) Ns3Udp(n, kUdpPackets * scale);
    LinuxnetPing(n, kPingPackets * scale, costs);
    if (ns3) Ns3Ping(n, kPingPackets * scale);
  }
  return 0;
}
