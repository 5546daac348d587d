// Unit tests of bridge VLAN filtering (net/bridge/br_vlan.c, CONFIG_BRIDGE_VLAN_FILTERING).
//
// This machine's kernel is built WITHOUT CONFIG_BRIDGE_VLAN_FILTERING (scenario
// bridge/27-vlan-filtering-refused records it refusing vlan_filtering and `bridge vlan add`), so
// nothing here could be recorded on it: the expectations come from the v5.3 source (br_vlan.c
// br_allowed_ingress, br_allowed_egress, br_handle_vlan, nbp_vlan_init; br_fdb.c; br_netlink.c
// br_fill_ifvlaninfo) and iproute2 6.1 bridge/vlan.c print_vlan_info. The option is turned on
// per Host, by a script's `#@ kconfig CONFIG_BRIDGE_VLAN_FILTERING=y` line or from C++.
#include <gtest/gtest.h>

#include <sstream>

#include "net/bridge/br_private.h"
#include "net/core/dev.h"
#include "ns3/simulator.h"
#include "scenario/script.h"
#include "sim/host.h"
#include "net/core/net_namespace.h"
#include "world/world.h"
#include "script_run.h"

using namespace linuxnet;

namespace {

const auto Sh = test_util::RunScriptIn;  // the transcript of script lines run in w

class BridgeVlanTest : public ::testing::Test {
 protected:
  void TearDown() override { ns3::Simulator::Destroy(); }
};

MacAddr Mac(const char* s) {
  MacAddr m;
  MacAddr::Parse(s, &m);
  return m;
}

// three hosts on br0 (vlan_filtering 1): p1 and p3 in VLAN 10, p2 in VLAN 20, each PVID untagged
const char* kThreeHosts =
    "#@ kconfig CONFIG_BRIDGE_VLAN_FILTERING=y\n"
    "ip netns add sw\nip netns add h1\nip netns add h2\nip netns add h3\n"
    "ip -n sw link add br0 address 02:00:00:00:02:00 type bridge vlan_filtering 1\n"
    "ip link add e1 netns h1 address 02:00:00:00:00:01 type veth peer name p1 netns sw address 02:00:00:00:01:01\n"
    "ip link add e2 netns h2 address 02:00:00:00:00:02 type veth peer name p2 netns sw address 02:00:00:00:01:02\n"
    "ip link add e3 netns h3 address 02:00:00:00:00:03 type veth peer name p3 netns sw address 02:00:00:00:01:03\n"
    "ip -n sw link set p1 master br0\nip -n sw link set p2 master br0\nip -n sw link set p3 master br0\n"
    "bridge -n sw vlan add dev p1 vid 10 pvid untagged\n"
    "bridge -n sw vlan add dev p2 vid 20 pvid untagged\n"
    "bridge -n sw vlan add dev p3 vid 10 pvid untagged\n"
    "ip -n sw link set p1 up\nip -n sw link set p2 up\nip -n sw link set p3 up\nip -n sw link set br0 up\n"
    "ip -n h1 addr add 10.0.0.1/24 dev e1\nip -n h2 addr add 10.0.0.2/24 dev e2\nip -n h3 addr add 10.0.0.3/24 dev e3\n"
    "ip -n h1 link set e1 up\nip -n h2 link set e2 up\nip -n h3 link set e3 up\n";

// what arrives on a namespace's devices (ptype_all tap): the tag as received
struct Seen {
  int frames = 0;
  bool tagged = false;
  uint16_t tci = 0;
};

void Watch(NetNs* ns, Seen* s) {
  DevAddTap(ns, [s](const SkBuff& skb, NetDev*, bool outgoing) {
    if (outgoing || skb.eth.h_source != Mac("02:00:00:00:00:01")) return;
    s->frames++;
    s->tagged = skb.vlan_present;
    s->tci = skb.vlan_tci;
  });
}

// a frame from h1's e1 (as if e1 were a VLAN-aware NIC), tagged with `tci` or untagged
void SendFromH1(World& w, const char* dest, bool tagged, uint16_t tci) {
  NetDev* e1 = w.FindNetNs("h1")->DevGetByName("e1");
  SkbPtr skb = AllocSkb(e1->net->host, ns3::Create<ns3::Packet>(46));
  skb->dev = e1;
  MacAddr d = Mac(dest);
  EthHeader(skb.get(), e1, 0x88b5, d, nullptr);
  skb->vlan_present = tagged;
  skb->vlan_tci = tci;
  DevQueueXmit(std::move(skb));
  ns3::Simulator::Stop(ns3::MilliSeconds(10));  // the bridge's timers run forever: stop soon
  ns3::Simulator::Run();
}

TEST_F(BridgeVlanTest, OffByDefaultAsOnTheReferenceMachine) {
  World w;
  EXPECT_FALSE(w.default_host()->kconfig_bridge_vlan_filtering);
  Sh(w, "ip netns add a\nip -n a link add br0 type bridge\n");
  EXPECT_EQ(AsBridge(w.FindNetNs("a")->DevGetByName("br0"))->vlgrp, nullptr);
  EXPECT_EQ(Sh(w, "ip -n a link set br0 type bridge vlan_filtering 1\n"), "RTNETLINK answers: Operation not supported\n");
}

TEST_F(BridgeVlanTest, DirectiveAndDefaultPvid) {
  World w;
  Sh(w, "#@ kconfig CONFIG_BRIDGE_VLAN_FILTERING=y\nip netns add a\nip -n a link add br0 type bridge\n"
        "ip -n a link add p1 type veth peer name q1\nip -n a link set p1 master br0\n");
  EXPECT_TRUE(w.default_host()->kconfig_bridge_vlan_filtering);
  NetNs* a = w.FindNetNs("a");
  BridgeDev* br = AsBridge(a->DevGetByName("br0"));
  ASSERT_NE(br->vlgrp, nullptr);
  EXPECT_FALSE(br->vlan_enabled);  // groups exist, filtering is off until vlan_filtering 1
  EXPECT_EQ(br->default_pvid, 1);
  EXPECT_EQ(br->vlgrp->pvid, 1);
  NetBridgePort* p1 = BrPortGet(a->DevGetByName("p1"));
  ASSERT_NE(p1->vlgrp, nullptr);
  EXPECT_EQ(p1->vlgrp->pvid, 1);
  NetBridgeVlan* v = BrVlanFind(p1->vlgrp.get(), 1);
  ASSERT_NE(v, nullptr);
  EXPECT_TRUE(v->flags & BRIDGE_VLAN_INFO_UNTAGGED);
  EXPECT_EQ(Sh(w, "ip -n a link set br0 type bridge vlan_filtering 1\n"), "");
  EXPECT_TRUE(br->vlan_enabled);
  std::string d = Sh(w, "ip -n a -d link show br0\n");
  EXPECT_NE(d.find(" vlan_filtering 1 vlan_protocol 802.1Q bridge_id "), std::string::npos) << d;
  EXPECT_NE(d.find(" vlan_default_pvid 1 vlan_stats_enabled 0 vlan_stats_per_port 0 group_fwd_mask 0 "),
            std::string::npos) << d;
}

TEST_F(BridgeVlanTest, VlanShowOutput) {
  World w;
  Sh(w, kThreeHosts);
  EXPECT_EQ(Sh(w, "bridge -n sw vlan show\n"),
            "port              vlan-id  \n"
            "br0               1 PVID Egress Untagged\n"
            "p1                1 Egress Untagged\n"
            "                  10 PVID Egress Untagged\n"
            "p2                1 Egress Untagged\n"
            "                  20 PVID Egress Untagged\n"
            "p3                1 Egress Untagged\n"
            "                  10 PVID Egress Untagged\n");
  EXPECT_EQ(Sh(w, "bridge -n sw vlan del dev p1 vid 1\nbridge -n sw vlan add dev p1 vid 100-103\n"
                  "bridge -n sw vlan add dev br0 vid 10 self\nbridge -n sw vlan show dev p1\n"),
            "port              vlan-id  \n"
            "p1                10 PVID Egress Untagged\n"
            "                  100\n                  101\n                  102\n                  103\n");
  EXPECT_EQ(Sh(w, "bridge -n sw -compressvlans vlan show dev p1\n"),
            "port              vlan-id  \n"
            "p1                10 PVID Egress Untagged\n"
            "                  100-103\n");
  EXPECT_EQ(Sh(w, "bridge -n sw vlan show dev br0\n"),
            "port              vlan-id  \n"
            "br0               1 PVID Egress Untagged\n"
            "                  10\n");
  // the kernel's checks: vid 0 and 4095 are invalid; a device that is no port has no VLANs
  EXPECT_EQ(Sh(w, "bridge -n sw vlan add dev p1 vid 4095\n"), "RTNETLINK answers: Invalid argument\n");
  EXPECT_EQ(Sh(w, "bridge -n sw vlan add dev br0 vid 10\n"), "RTNETLINK answers: Operation not supported\n");
  EXPECT_EQ(Sh(w, "bridge -n sw vlan add dev p1 vid 5-3\n"), "Invalid VLAN range \"5-3\"\n");
}

TEST_F(BridgeVlanTest, UntaggedIngressTakesThePvidAndLearnsThere) {
  World w;
  Sh(w, kThreeHosts);
  std::string out = Sh(w, "ip netns exec h1 ping -c 1 -W 1 10.0.0.3\n");
  EXPECT_NE(out.find("1 received"), std::string::npos) << out;
  BridgeDev* br = AsBridge(w.FindNetNs("sw")->DevGetByName("br0"));
  NetBridgeFdbEntry* f = BrFdbFind(br, Mac("02:00:00:00:00:01"), 10);
  ASSERT_NE(f, nullptr);  // learned in p1's PVID
  EXPECT_EQ(f->dst, BrPortGet(w.FindNetNs("sw")->DevGetByName("p1")));
  EXPECT_EQ(BrFdbFind(br, Mac("02:00:00:00:00:01"), 0), nullptr);
  EXPECT_EQ(BrFdbFind(br, Mac("02:00:00:00:00:01"), 1), nullptr);
}

TEST_F(BridgeVlanTest, TwoVlansAreIsolatedOnOneBridge) {
  World w;
  Sh(w, kThreeHosts);
  std::string out = Sh(w, "ip netns exec h1 ping -c 1 -W 1 10.0.0.2\n");
  EXPECT_NE(out.find("0 received"), std::string::npos) << out;  // VLAN 10 to VLAN 20
  out = Sh(w, "ip netns exec h2 ping -c 1 -W 1 10.0.0.3\n");
  EXPECT_NE(out.find("0 received"), std::string::npos) << out;
  out = Sh(w, "ip netns exec h3 ping -c 1 -W 1 10.0.0.1\n");
  EXPECT_NE(out.find("1 received"), std::string::npos) << out;
  // p2 in VLAN 10 too (a fresh bridge): now h1 reaches h2
  World w2;
  Sh(w2, std::string(kThreeHosts) + "bridge -n sw vlan add dev p2 vid 10 pvid untagged\n");
  out = Sh(w2, "ip netns exec h1 ping -c 1 -W 1 10.0.0.2\n");
  EXPECT_NE(out.find("1 received"), std::string::npos) << out;
}

TEST_F(BridgeVlanTest, TaggedFrameOfANonMemberVlanIsDropped) {
  World w;
  Sh(w, kThreeHosts);
  Seen s3;
  Watch(w.FindNetNs("h3"), &s3);
  SendFromH1(w, "ff:ff:ff:ff:ff:ff", true, 30);  // p1 is not in VLAN 30
  EXPECT_EQ(s3.frames, 0);
  BridgeDev* br = AsBridge(w.FindNetNs("sw")->DevGetByName("br0"));
  EXPECT_EQ(BrFdbFind(br, Mac("02:00:00:00:00:01"), 30), nullptr);  // dropped before learning
  SendFromH1(w, "ff:ff:ff:ff:ff:ff", false, 0);  // untagged: PVID 10, reaches p3 untagged
  EXPECT_EQ(s3.frames, 1);
  EXPECT_FALSE(s3.tagged);
  // priority-tagged (VID 0) takes the PVID too
  SendFromH1(w, "ff:ff:ff:ff:ff:ff", true, 0x6000);
  EXPECT_EQ(s3.frames, 2);
}

TEST_F(BridgeVlanTest, EgressUntagsOnlyWhereTheVlanIsUntagged) {
  World w;
  Sh(w, kThreeHosts);
  // p1 and p3 also carry VLAN 20, tagged; p2 has it as its PVID, untagged
  Sh(w, "bridge -n sw vlan add dev p1 vid 20\nbridge -n sw vlan add dev p3 vid 20\n");
  Seen s2, s3;
  Watch(w.FindNetNs("h2"), &s2);
  Watch(w.FindNetNs("h3"), &s3);
  SendFromH1(w, "ff:ff:ff:ff:ff:ff", true, 20);
  EXPECT_EQ(s2.frames, 1);
  EXPECT_FALSE(s2.tagged);  // p2: VLAN 20 egress untagged
  EXPECT_EQ(s3.frames, 1);
  EXPECT_TRUE(s3.tagged);   // p3: VLAN 20 tagged
  EXPECT_EQ(s3.tci & VLAN_VID_MASK, 20);
}

TEST_F(BridgeVlanTest, ATaggedFrameIsNotForAHostWithoutAVlanDevice) {
  World w;
  Sh(w, kThreeHosts);
  // p3 sends VLAN 10 tagged: h3's stack (no VLAN device) takes the frame as PACKET_OTHERHOST
  std::string out = Sh(w, "bridge -n sw vlan add dev p3 vid 10 pvid\nip netns exec h1 ping -c 1 -W 1 10.0.0.3\n");
  EXPECT_NE(out.find("0 received"), std::string::npos) << out;
  out = Sh(w, "bridge -n sw vlan add dev p3 vid 10 pvid untagged\nip netns exec h1 ping -c 1 -W 1 10.0.0.3\n");
  EXPECT_NE(out.find("1 received"), std::string::npos) << out;
}

TEST_F(BridgeVlanTest, FdbIsPerVlan) {
  World w;
  Sh(w, kThreeHosts);
  BridgeDev* br = AsBridge(w.FindNetNs("sw")->DevGetByName("br0"));
  NetBridgePort* p1 = BrPortGet(w.FindNetNs("sw")->DevGetByName("p1"));
  NetBridgePort* p3 = BrPortGet(w.FindNetNs("sw")->DevGetByName("p3"));
  Sh(w, "bridge -n sw vlan add dev p1 vid 20\nbridge -n sw vlan add dev p3 vid 20\n");
  SendFromH1(w, "ff:ff:ff:ff:ff:ff", true, 20);
  SendFromH1(w, "ff:ff:ff:ff:ff:ff", false, 0);
  NetBridgeFdbEntry* f20 = BrFdbFind(br, Mac("02:00:00:00:00:01"), 20);
  NetBridgeFdbEntry* f10 = BrFdbFind(br, Mac("02:00:00:00:00:01"), 10);
  ASSERT_NE(f20, nullptr);
  ASSERT_NE(f10, nullptr);
  EXPECT_EQ(f20->dst, p1);
  EXPECT_EQ(f10->dst, p1);
  (void)p3;
  // local entries: every port's address in each of its VLANs, the bridge's in its own
  std::string out = Sh(w, "bridge -n sw fdb show br br0\n");
  EXPECT_NE(out.find("02:00:00:00:01:01 dev p1 vlan 20 master br0 permanent\n"
                     "02:00:00:00:01:01 dev p1 vlan 10 master br0 permanent\n"
                     "02:00:00:00:01:01 dev p1 vlan 1 master br0 permanent\n"
                     "02:00:00:00:01:01 dev p1 master br0 permanent\n"),
            std::string::npos) << out;
  EXPECT_NE(out.find("02:00:00:00:00:01 dev p1 vlan 10 master br0 \n"), std::string::npos) << out;
  EXPECT_NE(out.find("02:00:00:00:00:01 dev p1 vlan 20 master br0 \n"), std::string::npos) << out;
  EXPECT_NE(out.find("02:00:00:00:02:00 dev br0 vlan 1 master br0 permanent\n"), std::string::npos) << out;
  // a static entry needs a configured VLAN; without one it goes into all of the port's VLANs
  EXPECT_EQ(Sh(w, "bridge -n sw fdb add 02:00:00:00:00:09 dev p1 master static vlan 30\n"),
            "RTNETLINK answers: Invalid argument\n");
  Sh(w, "bridge -n sw fdb add 02:00:00:00:00:09 dev p1 master static\n");
  for (uint16_t vid : {0, 1, 10, 20}) EXPECT_NE(BrFdbFind(br, Mac("02:00:00:00:00:09"), vid), nullptr) << vid;
  // leaving a VLAN takes the port's entries there with it
  Sh(w, "bridge -n sw vlan del dev p1 vid 20\n");
  EXPECT_EQ(BrFdbFind(br, Mac("02:00:00:00:00:01"), 20), nullptr);
  EXPECT_EQ(BrFdbFind(br, Mac("02:00:00:00:01:01"), 20), nullptr);
  EXPECT_NE(BrFdbFind(br, Mac("02:00:00:00:00:01"), 10), nullptr);
}

TEST_F(BridgeVlanTest, MasterEntriesFollowTheirPorts) {
  World w;
  Sh(w, kThreeHosts);
  NetNs* sw = w.FindNetNs("sw");
  BridgeDev* br = AsBridge(sw->DevGetByName("br0"));
  NetBridgeVlan* m10 = BrVlanFind(br->vlgrp.get(), 10);
  ASSERT_NE(m10, nullptr);  // the global context of VLAN 10, not a brentry: the bridge is no member
  EXPECT_FALSE(BrVlanIsBrentry(m10));
  EXPECT_EQ(m10->refcnt, 2u);  // p1 and p3
  Sh(w, "ip -n sw link set p1 nomaster\nip -n sw link set p3 nomaster\n");
  EXPECT_EQ(BrVlanFind(br->vlgrp.get(), 10), nullptr);
  EXPECT_NE(BrVlanFind(br->vlgrp.get(), 20), nullptr);
  Sh(w, "ip -n sw link del br0\n");
  EXPECT_EQ(sw->DevGetByName("br0"), nullptr);
}

}  // namespace
