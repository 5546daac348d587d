// Unit tests of the kernel STP model (br_stp*.cc): root election, root/designated/blocking port
// selection, BPDU counts on the wire, message age expiry, root change by priority, TCN.
#include <gtest/gtest.h>

#include <sstream>

#include "net/bridge/br_private.h"
#include "ns3/simulator.h"
#include "scenario/script.h"
#include "net/core/net_namespace.h"
#include "world/world.h"
#include "script_run.h"

using namespace linuxnet;

namespace {

const auto Sh = test_util::RunScriptIn;  // the transcript of script lines run in w

class BridgeStpTest : public ::testing::Test {
 protected:
  void TearDown() override { ns3::Simulator::Destroy(); }
};

// s1 (02:..:01:00) and s2 (02:..:02:00) joined by a1-b1 and a2-b2
const char* kLoop =
    "ip netns add s1\nip netns add s2\n"
    "ip -n s1 link add br0 address 02:00:00:00:01:00 type bridge stp_state 1\n"
    "ip -n s2 link add br0 address 02:00:00:00:02:00 type bridge stp_state 1\n"
    "ip link add a1 netns s1 address 02:00:00:00:01:01 type veth peer name b1 netns s2 address 02:00:00:00:02:01\n"
    "ip link add a2 netns s1 address 02:00:00:00:01:02 type veth peer name b2 netns s2 address 02:00:00:00:02:02\n"
    "ip -n s1 link set a1 master br0\nip -n s1 link set a2 master br0\n"
    "ip -n s2 link set b1 master br0\nip -n s2 link set b2 master br0\n"
    "ip -n s1 link set a1 up\nip -n s1 link set a2 up\nip -n s2 link set b1 up\nip -n s2 link set b2 up\n"
    "ip -n s1 link set br0 up\nsleep 1\nip -n s2 link set br0 up\n";

struct Loop {
  BridgeDev *s1, *s2;
  NetBridgePort *a1, *a2, *b1, *b2;
  explicit Loop(World& w) {
    NetNs* n1 = w.FindNetNs("s1");
    NetNs* n2 = w.FindNetNs("s2");
    s1 = AsBridge(n1->DevGetByName("br0"));
    s2 = AsBridge(n2->DevGetByName("br0"));
    a1 = BrPortGet(n1->DevGetByName("a1"));
    a2 = BrPortGet(n1->DevGetByName("a2"));
    b1 = BrPortGet(n2->DevGetByName("b1"));
    b2 = BrPortGet(n2->DevGetByName("b2"));
  }
};

TEST_F(BridgeStpTest, ElectsRootAndBlocksOneLink) {
  World w;
  Sh(w, kLoop);
  Sh(w, "sleep 2\n");
  Loop l(w);
  EXPECT_TRUE(BrIsRootBridge(l.s1));
  EXPECT_FALSE(BrIsRootBridge(l.s2));
  EXPECT_EQ(l.s2->designated_root, l.s1->bridge_id);
  EXPECT_EQ(l.s2->root_port, l.b1->port_no);
  EXPECT_EQ(l.s2->root_path_cost, 2u);
  EXPECT_EQ(l.b2->state, BR_STATE_BLOCKING);
  EXPECT_EQ(l.b1->state, BR_STATE_LISTENING);
  Sh(w, "sleep 15\n");
  EXPECT_EQ(l.b1->state, BR_STATE_LEARNING);
  Sh(w, "sleep 15\n");
  EXPECT_EQ(l.a1->state, BR_STATE_FORWARDING);
  EXPECT_EQ(l.a2->state, BR_STATE_FORWARDING);
  EXPECT_EQ(l.b1->state, BR_STATE_FORWARDING);
  EXPECT_EQ(l.b2->state, BR_STATE_BLOCKING);
  // s2's ports forwarding made it send a TCN; the root flags the topology change
  EXPECT_TRUE(l.s1->topology_change);
  EXPECT_TRUE(l.s2->topology_change);
  EXPECT_FALSE(l.s2->topology_change_detected);  // acknowledged
  EXPECT_EQ(l.s2->ageing_time, ns3::Seconds(30));  // 2 * forward_delay during the change
}

TEST_F(BridgeStpTest, BpduIsLlcFrameOf52Bytes) {
  World w;
  Sh(w, "ip netns add sw\nip netns add h1\n"
        "ip -n sw link add br0 address 02:00:00:00:02:00 type bridge stp_state 1\n"
        "ip link add e1 netns h1 type veth peer name p1 netns sw\n"
        "ip -n sw link set p1 master br0\nip -n h1 link set e1 up\nip -n sw link set p1 up\n"
        "ip -n sw link set br0 up\nsleep 9\n");
  NetDev* e1 = w.FindNetNs("h1")->DevGetByName("e1");
  LinkStats s = e1->GetStats64();
  EXPECT_EQ(s.rx_packets, 4u);  // hello_time 2 s: at 2, 4, 6, 8
  EXPECT_EQ(s.rx_bytes, 4u * 52);
  EXPECT_EQ(s.rx_dropped, 0u);  // the LLC layer takes them
}

TEST_F(BridgeStpTest, LowerPriorityMovesRoot) {
  World w;
  Sh(w, kLoop);
  Sh(w, "sleep 35\nip -n s2 link set br0 type bridge priority 4096\nsleep 1\n");
  Loop l(w);
  EXPECT_TRUE(BrIsRootBridge(l.s2));
  EXPECT_EQ(l.s1->designated_root, l.s2->bridge_id);
  EXPECT_EQ(l.s1->root_port, l.a1->port_no);
  EXPECT_EQ(l.a2->state, BR_STATE_BLOCKING);
  EXPECT_EQ(l.b2->state, BR_STATE_LISTENING);
}

TEST_F(BridgeStpTest, RoundJiffiesToWholeSeconds) {
  World w;
  Sh(w, "sleep 10\n");
  EXPECT_EQ(BrRoundJiffies(ns3::Seconds(12.1)), ns3::Seconds(12));
  EXPECT_EQ(BrRoundJiffies(ns3::Seconds(12.3)), ns3::Seconds(13));
  EXPECT_EQ(BrRoundJiffies(ns3::Seconds(10.1)), ns3::Seconds(10.1));  // never in the past
}

}  // namespace
