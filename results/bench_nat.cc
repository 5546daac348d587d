// Benchmark: simulated packets per wall-clock second through a NAT (MASQUERADE) router as the
// number of tracked connections grows (1, 1000, 100000). The conntrack table is first filled
// with distinct UDP flows (lan:port -> wan:port pairs, all masqueraded); then one UDP flow sends
// kMeasured packets through the router and the wall time of that phase is measured. Every packet
// costs a conntrack hash lookup in PRE_ROUTING and a NAT rewrite in POST_ROUTING, so the rate
// stays flat when lookups are O(1). Writes CSV to stdout.
#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>

#include "cli/cmd.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/linux-ipv4.h"
#include "net/netfilter/core.h"
#include "net/netfilter/nf_conntrack.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "scenario/script.h"
#include "net/core/net_namespace.h"
#include "world/world.h"

using namespace ns3;
using Clock = std::chrono::steady_clock;

namespace {

const uint32_t kMeasured = 200000;

const char* kTopology =
    "ip netns add lan\nip netns add gw\nip netns add wan\n"
    "ip link add v0 netns lan type veth peer name g0 netns gw\n"
    "ip link add v1 netns wan type veth peer name g1 netns gw\n"
    "ip -n lan addr add 192.168.1.10/24 dev v0\nip -n gw addr add 192.168.1.1/24 dev g0\n"
    "ip -n gw addr add 203.0.113.1/24 dev g1\nip -n wan addr add 203.0.113.2/24 dev v1\n"
    "ip -n lan link set v0 up\nip -n gw link set g0 up\nip -n gw link set g1 up\nip -n wan link set v1 up\n"
    "ip -n lan route add default via 192.168.1.1\n"
    "ip netns exec gw sysctl -qw net.ipv4.ip_forward=1\n"
    "ip netns exec gw iptables -t nat -A POSTROUTING -o g1 -j MASQUERADE\n"
    // the filler flows end at wan without an answer (no ICMP errors)
    "ip netns exec wan iptables -A INPUT -p udp ! --dport 9 -j DROP\n";

struct Sender {
  Ptr<Socket> sock;
  uint32_t left = 0;
  Time gap;
  void Next() {
    if (!left) return;
    left--;
    sock->Send(Create<Packet>(64));
    Simulator::Schedule(gap, &Sender::Next, this);
  }
};

void Run(uint32_t tracked) {
  linuxnet::World w;
  std::ostringstream os;
  linuxnet::RunScript(&w, kTopology, false, os);
  linuxnet::NetNs* lan = w.FindNetNs("lan");
  linuxnet::NetNs* gw = w.FindNetNs("gw");
  linuxnet::NetNs* wan = w.FindNetNs("wan");
  linuxnet::LinuxIpv4::InstallL4(lan);
  linuxnet::LinuxIpv4::InstallL4(wan);
  TypeId udp = UdpSocketFactory::GetTypeId();
  // the measured flow's sink
  Ptr<Socket> sink = Socket::CreateSocket(wan->node, udp);
  sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
  uint64_t received = 0;
  sink->SetRecvCallback(MakeBoundCallback(+[](uint64_t* n, Ptr<Socket> s) {
    while (s->Recv()) (*n)++;
  }, &received));
  // fill the table: tracked - 1 distinct flows, from source ports 10000.. to destination ports 1..
  uint32_t fill = tracked - 1;
  std::vector<Ptr<Socket>> fillers;
  for (uint32_t i = 0; i < fill; i += 50000) {
    Ptr<Socket> s = Socket::CreateSocket(lan->node, udp);
    s->Bind(InetSocketAddress(Ipv4Address::GetAny(), static_cast<uint16_t>(10000 + fillers.size())));
    fillers.push_back(s);
  }
  for (uint32_t i = 0; i < fill; i++) {
    Ptr<Socket> s = fillers[i / 50000];
    uint16_t port = static_cast<uint16_t>(10 + i % 50000);
    Simulator::Schedule(MicroSeconds(10 * (i + 1)), +[](Ptr<Socket> so, uint16_t p) {
      so->SendTo(Create<Packet>(16), 0, InetSocketAddress(Ipv4Address("203.0.113.2"), p));
    }, s, port);
  }
  Simulator::Stop(MicroSeconds(10 * (fill + 2)));
  Simulator::Run();
  linuxnet::CtNet* cn = gw->nf->ct.get();
  uint32_t before = cn ? cn->count : 0;
  // the measured flow
  Sender snd;
  snd.sock = Socket::CreateSocket(lan->node, udp);
  snd.sock->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5000));
  snd.sock->Connect(InetSocketAddress(Ipv4Address("203.0.113.2"), 9));
  snd.left = kMeasured;
  snd.gap = MicroSeconds(1);
  uint64_t fwd0 = gw->ipv4->mib[linuxnet::IPSTATS_MIB_OutForwDatagrams];
  Simulator::ScheduleNow(&Sender::Next, &snd);
  Simulator::Stop(MicroSeconds(kMeasured + 1000));
  auto t0 = Clock::now();
  Simulator::Run();
  double wall = std::chrono::duration<double>(Clock::now() - t0).count();
  uint64_t fwd = gw->ipv4->mib[linuxnet::IPSTATS_MIB_OutForwDatagrams] - fwd0;
  std::printf("%u,%u,%llu,%llu,%.4f,%.0f\n", tracked, cn ? cn->count : 0, static_cast<unsigned long long>(fwd),
              static_cast<unsigned long long>(received), wall, fwd / wall);
  std::fflush(stdout);
  (void)before;
  w.userland()->ClearJobs();
  Simulator::Destroy();
}

}  // namespace

int main() {
  std::printf("tracked,conntrack_count,forwarded,received,wall_s,packets_per_wall_s\n");
  for (uint32_t n : {1u, 1000u, 100000u}) Run(n);
  return 0;
}
