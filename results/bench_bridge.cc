// Benchmark: frames per wall-clock second through a Linux bridge (namespace sw, bridge br0) whose
// ports are veths to host namespaces h0..h{P-1}; UDP from h0 to h1.
//   unicast:  h1's address is learned, so each frame is one fdb lookup and one port (P = 2, 16, 256)
//   flood:    p1 does not learn, so every frame is unknown unicast, cloned to all P-1 other ports
//             (the other hosts drop it as PACKET_OTHERHOST)
//   fdb:      P = 2 with 10 or 10000 extra static fdb entries (a hash lookup: flat)
//   brnf_ipt: P = 2 with a filter FORWARD rule (-m physdev) and conntrack on the bridged frames,
//             beside brnf_off (net.bridge.bridge-nf-call-iptables=0, the rule still loaded)
// Writes CSV to stdout.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>

#include "net/ipv4/linux-ipv4.h"
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "scenario/script.h"
#include "world/world.h"

using namespace ns3;
using Clock = std::chrono::steady_clock;

namespace {

std::string Mac(int a, int i) {
  char b[32];
  std::snprintf(b, sizeof b, "02:%02x:00:%02x:%02x:%02x", a, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
  return b;
}

std::string HostAddr(int i) { return "10.0." + std::to_string((i + 1) / 250) + "." + std::to_string((i + 1) % 250 + 1); }

std::string BridgeScript(int ports, int fdb_entries, bool flood, int brnf) {
  std::ostringstream s;
  s << "ip netns add sw\n";
  s << "ip -n sw link add br0 address 02:00:00:00:ff:00 type bridge\n";
  for (int i = 0; i < ports; i++) {
    s << "ip netns add h" << i << "\n";
    s << "ip link add e" << i << " netns h" << i << " address " << Mac(1, i) << " type veth peer name p" << i
      << " netns sw address " << Mac(2, i) << "\n";
    s << "ip -n sw link set p" << i << " master br0\n";
    s << "ip -n sw link set p" << i << " up\n";
    s << "ip -n h" << i << " addr add " << HostAddr(i) << "/16 dev e" << i << "\n";
    s << "ip -n h" << i << " link set e" << i << " up\n";
  }
  s << "ip -n sw link set br0 up\n";
  if (flood) s << "bridge -n sw link set dev p1 learning off\n";
  for (int i = 0; i < fdb_entries; i++) s << "bridge -n sw fdb add " << Mac(3, i) << " dev p0 master static\n";
  if (brnf) {
    s << "ip netns exec sw iptables -A FORWARD -m physdev --physdev-in p0 --physdev-out p1 -m state --state NEW,ESTABLISHED -j ACCEPT\n";
    if (brnf < 0) s << "ip netns exec sw sysctl -qw net.bridge.bridge-nf-call-iptables=0\n";
  }
  return s.str();
}

// one measurement: the wall time of Simulator::Run and the frames h1 received
double Once(int ports, int fdb_entries, bool flood, int brnf, uint32_t packets, uint64_t* got) {
  linuxnet::World w;
  std::ostringstream os;
  linuxnet::RunScript(&w, BridgeScript(ports, fdb_entries, flood, brnf), false, os);
  linuxnet::NetNs* src = w.FindNetNs("h0");
  linuxnet::NetNs* dst = w.FindNetNs("h1");
  linuxnet::LinuxIpv4::InstallL4(src);
  linuxnet::LinuxIpv4::InstallL4(dst);
  UdpServerHelper server(9);
  ApplicationContainer sa = server.Install(dst->node);
  UdpClientHelper client(Ipv4Address(HostAddr(1).c_str()), 9);
  client.SetAttribute("MaxPackets", UintegerValue(packets));
  client.SetAttribute("Interval", TimeValue(MicroSeconds(10)));
  client.SetAttribute("PacketSize", UintegerValue(64));
  ApplicationContainer ca = client.Install(src->node);
  ca.Start(Seconds(1));
  Simulator::Stop(Seconds(1) + MicroSeconds(10) * (packets + 100));
  auto t0 = Clock::now();
  Simulator::Run();
  double wall = std::chrono::duration<double>(Clock::now() - t0).count();
  *got = DynamicCast<UdpServer>(sa.Get(0))->GetReceived();
  Simulator::Destroy();
  return wall;
}

// the best of three runs
void Run(const char* workload, int ports, int fdb_entries, bool flood, int brnf, uint32_t packets) {
  uint64_t got = 0;
  double wall = 1e9;
  for (int i = 0; i < 3; i++) wall = std::min(wall, Once(ports, fdb_entries, flood, brnf, packets, &got));
  // frames the bridge put out of a port: one per frame, or P-1 per frame when flooding
  uint64_t out_frames = flood ? got * static_cast<uint64_t>(ports - 1) : got;
  std::printf("%s,%d,%d,%llu,%.4f,%.0f,%.0f\n", workload, ports, fdb_entries, static_cast<unsigned long long>(got),
              wall, got / wall, out_frames / wall);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::printf("workload,ports,fdb_entries,frames_delivered,wall_s,frames_per_wall_s,port_frames_per_wall_s\n");
  for (int p : {2, 16, 256}) Run("unicast", p, 0, false, 0, 200000);
  for (int p : {2, 16, 256}) Run("flood", p, 0, true, 0, 20000);
  for (int f : {10, 10000}) Run("fdb", 2, f, false, 0, 200000);
  Run("brnf_ipt", 2, 0, false, 1, 200000);
  Run("brnf_off", 2, 0, false, -1, 200000);
  return 0;
}
