// A C++ program a user copies from: builds a router between two namespaces with the same commands
// a script uses, runs ns-3's UdpEchoClient/Server across it on the Linux path, and prints the
// router's counters.
#include <iostream>
#include <sstream>

#include "net/ipv4/linux-ipv4.h"
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "scenario/script.h"
#include "world/world.h"

int main() {
  {
    linuxnet::World world;
    std::ostringstream log;
    linuxnet::RunScript(&world, R"(
ip netns add a
ip netns add r
ip netns add b
ip link add va netns a type veth peer name ra netns r
ip link add vb netns b type veth peer name rb netns r
ip -n a addr add 10.1.0.2/24 dev va
ip -n r addr add 10.1.0.1/24 dev ra
ip -n r addr add 10.2.0.1/24 dev rb
ip -n b addr add 10.2.0.2/24 dev vb
ip -n a link set va up
ip -n r link set ra up
ip -n r link set rb up
ip -n b link set vb up
ip -n a route add default via 10.1.0.1
ip -n b route add default via 10.2.0.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
)", false, log);
    linuxnet::NetNs* a = world.FindNetNs("a");
    linuxnet::NetNs* b = world.FindNetNs("b");
    linuxnet::LinuxIpv4::InstallL4(a);
    linuxnet::LinuxIpv4::InstallL4(b);
    ns3::UdpEchoServerHelper server(7);
    server.Install(b->node).Start(ns3::Seconds(0));
    ns3::UdpEchoClientHelper client(ns3::Ipv4Address("10.2.0.2"), 7);
    client.SetAttribute("MaxPackets", ns3::UintegerValue(10));
    client.SetAttribute("Interval", ns3::TimeValue(ns3::MilliSeconds(100)));
    client.Install(a->node).Start(ns3::Seconds(1));
    ns3::Simulator::Stop(ns3::Seconds(3));
    ns3::Simulator::Run();
    std::ostringstream out;
    linuxnet::RunScript(&world, "ip -n r -s link show rb\n", true, out);
    std::cout << out.str();
  }
  ns3::Simulator::Destroy();
  return 0;
}
