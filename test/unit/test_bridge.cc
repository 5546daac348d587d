// Unit tests of the bridge model: ports and their states, the bridge address, learning and aging.
#include <gtest/gtest.h>

#include <sstream>

#include "net/bridge/br_private.h"
#include "net/netfilter/core.h"
#include "ns3/simulator.h"
#include "scenario/script.h"
#include "net/core/net_namespace.h"
#include "world/world.h"
#include "script_run.h"

using namespace linuxnet;

namespace {

const auto Sh = test_util::RunScriptIn;  // the transcript of script lines run in w

class BridgeTest : public ::testing::Test {
 protected:
  void TearDown() override { ns3::Simulator::Destroy(); }
};

const char* kTwoHosts =
    "ip netns add sw\nip netns add h1\nip netns add h2\n"
    "ip -n sw link add br0 type bridge ageing_time 1000\n"
    "ip link add e1 netns h1 address 02:00:00:00:00:01 type veth peer name p1 netns sw address 02:00:00:00:01:01\n"
    "ip link add e2 netns h2 address 02:00:00:00:00:02 type veth peer name p2 netns sw address 02:00:00:00:01:02\n"
    "ip -n sw link set p1 master br0\nip -n sw link set p2 master br0\n"
    "ip -n sw link set p1 up\nip -n sw link set p2 up\nip -n sw link set br0 up\n"
    "ip -n h1 addr add 10.0.0.1/24 dev e1\nip -n h2 addr add 10.0.0.2/24 dev e2\n"
    "ip -n h1 link set e1 up\nip -n h2 link set e2 up\n";

TEST_F(BridgeTest, PortsForwardAndBridgeTakesLowestPortMac) {
  World w;
  Sh(w, kTwoHosts);
  NetNs* sw = w.FindNetNs("sw");
  BridgeDev* br = AsBridge(sw->DevGetByName("br0"));
  ASSERT_NE(br, nullptr);
  EXPECT_EQ(br->dev_addr.Str(), "02:00:00:00:01:01");
  NetBridgePort* p1 = BrPortGet(sw->DevGetByName("p1"));
  ASSERT_NE(p1, nullptr);
  EXPECT_EQ(p1->state, BR_STATE_FORWARDING);
  EXPECT_EQ(p1->port_no, 1);
  EXPECT_EQ(p1->dev->promiscuity, 1);
  EXPECT_EQ(sw->DevGetByName("p1")->master, br);
  EXPECT_TRUE(br->carrier);
}

TEST_F(BridgeTest, LearnsThenAgesOut) {
  World w;
  Sh(w, kTwoHosts);
  BridgeDev* br = AsBridge(w.FindNetNs("sw")->DevGetByName("br0"));
  std::string out = Sh(w, "ip netns exec h1 ping -c 1 -W 1 10.0.0.2\n");
  EXPECT_NE(out.find("1 received"), std::string::npos) << out;
  MacAddr h1;
  MacAddr::Parse("02:00:00:00:00:01", &h1);
  NetBridgeFdbEntry* f = BrFdbFind(br, h1, 0);
  ASSERT_NE(f, nullptr);
  EXPECT_FALSE(f->is_local);
  EXPECT_EQ(f->dst, BrPortGet(w.FindNetNs("sw")->DevGetByName("p1")));
  Sh(w, "sleep 30\n");
  EXPECT_EQ(BrFdbFind(br, h1, 0), nullptr);
}

TEST_F(BridgeTest, NomasterRemovesPortAndItsEntries) {
  World w;
  Sh(w, kTwoHosts);
  NetNs* sw = w.FindNetNs("sw");
  BridgeDev* br = AsBridge(sw->DevGetByName("br0"));
  Sh(w, "ip -n sw link set p1 nomaster\n");
  NetDev* p1 = sw->DevGetByName("p1");
  EXPECT_EQ(BrPortGet(p1), nullptr);
  EXPECT_EQ(p1->master, nullptr);
  EXPECT_EQ(p1->rx_handler, nullptr);
  EXPECT_EQ(p1->promiscuity, 0);
  EXPECT_EQ(br->port_list.size(), 1u);
  MacAddr a;
  MacAddr::Parse("02:00:00:00:01:01", &a);
  EXPECT_EQ(BrFdbFind(br, a, 0), nullptr);
  EXPECT_EQ(br->dev_addr.Str(), "02:00:00:00:01:02");  // the lowest remaining port address
}

TEST_F(BridgeTest, DeletingAPortDeviceLeavesTheBridge) {
  World w;
  Sh(w, kTwoHosts);
  NetNs* sw = w.FindNetNs("sw");
  BridgeDev* br = AsBridge(sw->DevGetByName("br0"));
  Sh(w, "ip -n h2 link del e2\n");
  EXPECT_EQ(sw->DevGetByName("p2"), nullptr);
  EXPECT_EQ(br->port_list.size(), 1u);
  std::string out = Sh(w, "ip -n sw link del br0\nip -n sw link show p1\n");
  EXPECT_EQ(out.find("master"), std::string::npos) << out;
}

TEST_F(BridgeTest, FdbShowFormat) {
  World w;
  Sh(w, kTwoHosts);
  std::string out = Sh(w,
                        "bridge -n sw fdb add 02:00:00:00:00:09 dev p1 master static\n"
                        "bridge -n sw fdb show br br0\n");
  EXPECT_EQ(out,
            "02:00:00:00:00:09 dev p1 master br0 static\n"
            "02:00:00:00:01:01 dev p1 master br0 permanent\n"
            "02:00:00:00:01:02 dev p2 master br0 permanent\n");
}

}  // namespace

// ---- br_netfilter, physdev, VLAN refusal, bridge_slave ----
namespace {

TEST_F(BridgeTest, BrNetfilterHooksRegisterWithTheFirstBridge) {
  World w;
  Sh(w, "ip netns add a\n");
  NetNs* a = w.FindNetNs("a");
  EXPECT_FALSE(a->nf->brnf.enabled);
  EXPECT_EQ(Sh(w, "ip netns exec a sysctl net.bridge.bridge-nf-call-iptables\n"),
            "net.bridge.bridge-nf-call-iptables = 1\n");
  Sh(w, "ip -n a link add br0 type bridge\n");
  EXPECT_TRUE(a->nf->brnf.enabled);
  EXPECT_EQ(a->nf->hooks[NF_FAM_BRIDGE][NF_BR_PRE_ROUTING].size(), 1u);
  EXPECT_EQ(a->nf->hooks[NF_FAM_BRIDGE][NF_BR_FORWARD].size(), 1u);
  EXPECT_EQ(a->nf->hooks[NF_FAM_BRIDGE][NF_BR_POST_ROUTING].size(), 1u);
  EXPECT_EQ(a->nf->hooks[NF_FAM_IPV4][NF_INET_PRE_ROUTING].size(), 1u);  // ip_sabotage_in
  Sh(w, "ip -n a link add br1 type bridge\n");
  EXPECT_EQ(a->nf->hooks[NF_FAM_BRIDGE][NF_BR_PRE_ROUTING].size(), 1u);  // once per namespace
  // a non-zero write reads back as 1
  EXPECT_EQ(Sh(w, "ip netns exec a sysctl -w net.bridge.bridge-nf-call-iptables=2\n"
                  "ip netns exec a sysctl -n net.bridge.bridge-nf-call-iptables\n"),
            "net.bridge.bridge-nf-call-iptables = 2\n1\n");
}

TEST_F(BridgeTest, PhysdevDropsOneDirectionAndCountsBridgedFrames) {
  World w;
  Sh(w, kTwoHosts);
  Sh(w, "ip netns exec sw iptables -A FORWARD -i br0 -o br0 -m physdev --physdev-in p2 --physdev-out p1 -j DROP\n"
        "ip netns exec sw iptables -A FORWARD -m physdev --physdev-is-bridged -j ACCEPT\n");
  std::string out = Sh(w, "ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.2\n");
  EXPECT_NE(out.find("0 received"), std::string::npos) << out;  // the replies come in on p2
  out = Sh(w, "ip netns exec sw iptables-save -c\n");
  EXPECT_NE(out.find("[2:168] -A FORWARD -i br0 -o br0 -m physdev --physdev-in p2 --physdev-out p1 -j DROP"),
            std::string::npos) << out;
  EXPECT_NE(out.find("[2:168] -A FORWARD -m physdev --physdev-is-bridged -j ACCEPT"), std::string::npos) << out;
  // with bridge-nf-call-iptables=0 bridged frames skip iptables
  out = Sh(w, "ip netns exec sw sysctl -qw net.bridge.bridge-nf-call-iptables=0\n"
              "ip netns exec h1 ping -c 1 -W 1 10.0.0.2\n");
  EXPECT_NE(out.find("1 received"), std::string::npos) << out;
}

TEST_F(BridgeTest, VlanFilteringIsRefusedLikeTheReferenceKernel) {
  World w;
  Sh(w, "ip netns add a\n");
  EXPECT_EQ(Sh(w, "ip -n a link add br0 type bridge vlan_filtering 0\n"),
            "RTNETLINK answers: Operation not supported\n");
  EXPECT_EQ(w.FindNetNs("a")->DevGetByName("br0"), nullptr);
  Sh(w, "ip -n a link add br0 type bridge\nip -n a link add p1 type veth peer name q1\nip -n a link set p1 master br0\n");
  EXPECT_EQ(Sh(w, "bridge -n a vlan add dev p1 vid 10 pvid untagged\n"), "RTNETLINK answers: Operation not supported\n");
  EXPECT_EQ(Sh(w, "bridge -n a vlan del dev p1 vid 1\n"), "");
  EXPECT_EQ(Sh(w, "bridge -n a vlan show\n"), "port              vlan-id  \n");
}

TEST_F(BridgeTest, DetailsShowTheBridgeSlaveSection) {
  World w;
  Sh(w, kTwoHosts);
  std::string out = Sh(w, "bridge -n sw link set dev p1 hairpin on learning off\nip -n sw -d link show p1\n");
  EXPECT_NE(out.find("\n    veth \n    bridge_slave state forwarding priority 32 cost 2 hairpin on guard off "
                     "root_block off fastleave off learning off flood on port_id 0x8001 port_no 0x1 "
                     "designated_port 32769 designated_cost 0 "),
            std::string::npos) << out;
  EXPECT_NE(out.find(" isolated off locked off addrgenmode eui64"), std::string::npos) << out;
  EXPECT_EQ(Sh(w, "ip -n sw -d link show e1\n").find("bridge_slave"), std::string::npos);
}

}  // namespace
