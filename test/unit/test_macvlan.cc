// Unit tests of the macvlan/macvtap model (drivers/net/macvlan.c, macvtap.c, tap.c).
#include <gtest/gtest.h>

#include <sstream>

#include "drivers/net/macvlan.h"
#include "drivers/net/tap.h"
#include "net/core/dev.h"
#include "ns3/simulator.h"
#include "scenario/script.h"
#include "net/core/net_namespace.h"
#include "world/world.h"

using namespace linuxnet;

namespace {

std::string Sh(World& w, const std::string& script) {
  std::ostringstream os;
  RunScript(&w, script, false, os);
  return os.str();
}

class MacvlanTest : public ::testing::Test {
 protected:
  void TearDown() override { ns3::Simulator::Destroy(); }
};

const char* kBase =
    "ip netns add host\nip netns add ext\n"
    "ip link add eth0 netns host type veth peer name up0 netns ext\n"
    "ip -n host link set eth0 up\nip -n ext link set up0 up\n"
    "ip -n ext addr add 10.0.0.254/24 dev up0\n";

TEST_F(MacvlanTest, EthHashMatchesKernelSourceOrder) {
  // `ip -d link` on the real kernel after adding ...:01 then ...:02 lists "...:02 ...:01"
  World w;
  Sh(w, std::string(kBase) +
             "ip -n host link add ms link eth0 type macvlan mode source macaddr add 02:00:00:00:00:01\n");
  auto* ms = NetifIsMacvlan(w.FindNetNs("host")->DevGetByName("ms"));
  ASSERT_NE(ms, nullptr);
  MacvlanParams p;
  p.has_macaddr_mode = true;
  p.macaddr_mode = MACVLAN_MACADDR_ADD;
  p.has_macaddr = true;
  MacAddr::Parse("02:00:00:00:00:02", &p.macaddr);
  ASSERT_EQ(MacvlanChangelink(ms, p), 0);
  auto v = MacvlanSourceAddrs(ms);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].Str(), "02:00:00:00:00:02");
  EXPECT_EQ(v[1].Str(), "02:00:00:00:00:01");
  EXPECT_EQ(ms->macaddr_count, 2u);
  std::string out = Sh(w, "ip -n host -d link show ms\n");
  EXPECT_NE(out.find("macvlan mode source bcqueuelen 1000 usedbcqueuelen 1000 remotes (2) 02:00:00:00:00:02 "
                     "02:00:00:00:00:01 addrgenmode"),
            std::string::npos)
      << out;
  // changelink: passthru can be neither set nor cleared; macaddr needs source mode
  MacvlanParams m;
  m.has_mode = true;
  m.mode = MACVLAN_MODE_PASSTHRU;
  EXPECT_EQ(MacvlanChangelink(ms, m), -EINVAL);
  m.mode = MACVLAN_MODE_BRIDGE;
  EXPECT_EQ(MacvlanChangelink(ms, m), 0);
  EXPECT_EQ(ms->macaddr_count, 0u);  // leaving source mode flushes the list
  EXPECT_EQ(MacvlanChangelink(ms, p), -EINVAL);
}

TEST_F(MacvlanTest, PortIsTheLowerRxHandlerAndGoesWithTheLastVlan) {
  World w;
  Sh(w, std::string(kBase) + "ip -n host link add m1 link eth0 type macvlan mode bridge\n"
                              "ip -n host link add m2 link eth0 type macvlan mode private\n");
  NetDev* eth0 = w.FindNetNs("host")->DevGetByName("eth0");
  ASSERT_NE(eth0->rx_handler, nullptr);
  EXPECT_TRUE(eth0->priv_flags & IFF_MACVLAN_PORT);
  MacvlanPort* port = MacvlanPortGet(eth0);
  ASSERT_NE(port, nullptr);
  EXPECT_EQ(port->count, 2);
  EXPECT_EQ(NetdevRxHandlerRegister(eth0, nullptr, nullptr), -EBUSY);
  Sh(w, "ip -n host link del m1\n");
  EXPECT_EQ(MacvlanPortGet(eth0)->count, 1);
  Sh(w, "ip -n host link del m2\n");
  EXPECT_EQ(eth0->rx_handler, nullptr);
  EXPECT_FALSE(eth0->priv_flags & IFF_MACVLAN_PORT);
}

TEST_F(MacvlanTest, DeletingTheLowerDeletesTheVlansMovingItDoesNot) {
  World w;
  Sh(w, std::string(kBase) + "ip netns add c1\nip -n host link add m1 link eth0 type macvlan\n"
                              "ip -n host link set m1 netns c1\n");
  EXPECT_NE(w.FindNetNs("c1")->DevGetByName("m1"), nullptr);
  std::string out = Sh(w, "ip -n c1 link show m1\n");
  EXPECT_NE(out.find("m1@if2:"), std::string::npos) << out;
  EXPECT_NE(out.find("link-netns host"), std::string::npos) << out;
  Sh(w, "ip -n host link del eth0\n");
  EXPECT_EQ(w.FindNetNs("c1")->DevGetByName("m1"), nullptr);
}

TEST_F(MacvlanTest, BroadcastFromOutsideGoesThroughTheBcQueue) {
  World w;
  Sh(w, std::string(kBase) + "ip netns add c1\nip -n host link add m1 link eth0 type macvlan mode private\n"
                              "ip -n host link set m1 netns c1\nip -n c1 addr add 10.0.0.1/24 dev m1\n"
                              "ip -n c1 link set m1 up\n");
  auto* m1 = NetifIsMacvlan(w.FindNetNs("c1")->DevGetByName("m1"));
  NetDev* up0 = w.FindNetNs("ext")->DevGetByName("up0");
  // a broadcast frame from outside: the lower's stack gets it now, m1 only when bc_work runs
  SkbPtr skb = AllocSkb(up0->net->host, ns3::Create<ns3::Packet>(28));
  skb->dev = up0;
  EthHeader(skb.get(), up0, 0x88b5, MacAddr::Broadcast(), nullptr);
  DevQueueXmit(std::move(skb));
  MacvlanPort* port = MacvlanPortGet(w.FindNetNs("host")->DevGetByName("eth0"));
  EXPECT_EQ(m1->pcpu.rx_multicast, 0u);
  ns3::Simulator::Run();
  EXPECT_TRUE(port->bc_queue.empty());
  EXPECT_EQ(m1->pcpu.rx_multicast, 1u);
  EXPECT_EQ(m1->pcpu.rx_bytes, 42u);
}

TEST_F(MacvlanTest, PrivateSiblingsNeverMeetBridgeSiblingsDoAndTheLowerCannotReachThem) {
  World w;
  std::string s = std::string(kBase) + "ip netns add a\nip netns add b\nip netns add c\nip netns add d\n";
  const char* names[] = {"a", "b", "c", "d"};
  const char* modes[] = {"bridge", "bridge", "private", "private"};
  for (int i = 0; i < 4; i++) {
    std::string n = names[i], dev = std::string("m") + names[i];
    s += "ip -n host link add " + dev + " link eth0 type macvlan mode " + modes[i] + "\n";
    s += "ip -n host link set " + dev + " netns " + n + "\n";
    s += "ip -n " + n + " addr add 10.0.0." + std::to_string(i + 1) + "/24 dev " + dev + "\n";
    s += "ip -n " + n + " link set " + dev + " up\n";
  }
  Sh(w, s);
  EXPECT_NE(Sh(w, "ip netns exec a ping -c 1 -W 1 10.0.0.2\n").find(" 1 received"), std::string::npos);
  EXPECT_NE(Sh(w, "ip netns exec c ping -c 1 -W 1 10.0.0.4\n").find(" 0 received"), std::string::npos);
  EXPECT_NE(Sh(w, "ip netns exec c ping -c 1 -W 1 10.0.0.254\n").find(" 1 received"), std::string::npos);
  Sh(w, "ip -n host addr add 10.0.0.100/24 dev eth0\n");
  EXPECT_NE(Sh(w, "ip netns exec host ping -c 1 -W 1 10.0.0.1\n").find(" 0 received"), std::string::npos);
}

TEST_F(MacvlanTest, PassthruTakesTheLowerAddressAndPromiscuity) {
  World w;
  Sh(w, std::string(kBase) + "ip -n host link add mp link eth0 type macvlan mode passthru\n");
  NetDev* eth0 = w.FindNetNs("host")->DevGetByName("eth0");
  NetDev* mp = w.FindNetNs("host")->DevGetByName("mp");
  EXPECT_EQ(mp->dev_addr, eth0->dev_addr);
  EXPECT_EQ(eth0->promiscuity, 0);
  Sh(w, "ip -n host link set mp up\n");
  EXPECT_EQ(eth0->promiscuity, 1);
  EXPECT_NE(Sh(w, "ip -n host link add m2 link eth0 type macvlan\n").find("Invalid argument"), std::string::npos);
  MacAddr a;
  MacAddr::Parse("02:00:00:00:00:77", &a);
  ASSERT_EQ(DevSetMacAddress(mp, a), 0);
  EXPECT_EQ(eth0->dev_addr, a);  // the change goes to the lower device and comes back
  EXPECT_EQ(mp->dev_addr, a);
  Sh(w, "ip -n host link set mp down\n");
  EXPECT_EQ(eth0->promiscuity, 0);
}

TEST_F(MacvlanTest, MacvtapQueueHoldsTxQueueLenFramesAndCountsDrops) {
  World w;
  Sh(w, std::string(kBase) +
             "ip -n host link add mt link eth0 txqueuelen 2 type macvtap mode bridge\n"
             "ip -n host link set mt up\n");
  NetDev* mt = w.FindNetNs("host")->DevGetByName("mt");
  TapDev* tap = TapDevGet(mt);
  ASSERT_NE(tap, nullptr);
  EXPECT_STREQ(mt->QdiscKind(), "pfifo_fast");
  int err = 0;
  auto q = TapOpen(tap, &err);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->ring_size, 2u);
  NetDev* up0 = w.FindNetNs("ext")->DevGetByName("up0");
  for (int i = 0; i < 3; i++) {
    SkbPtr skb = AllocSkb(up0->net->host, ns3::Create<ns3::Packet>(50));
    skb->dev = up0;
    EthHeader(skb.get(), up0, 0x88b5, mt->dev_addr, nullptr);
    DevQueueXmit(std::move(skb));
  }
  ns3::Simulator::Run();
  EXPECT_EQ(q->ring.size(), 2u);
  LinkStats s = mt->GetStats64();
  EXPECT_EQ(s.rx_packets, 3u);  // macvlan_handle_frame counted all three
  EXPECT_EQ(s.rx_errors, 1u);   // the third found the ring full: macvtap_count_rx_dropped
  EXPECT_EQ(s.rx_dropped, 1u);
  SkbPtr f = TapDoRead(q.get());
  ASSERT_TRUE(f);
  EXPECT_EQ(SkbFrameBytes(*f).size(), 64u);
  TapRelease(q);
  EXPECT_TRUE(tap->taps.empty());
}

}  // namespace
