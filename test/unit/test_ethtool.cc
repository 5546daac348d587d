// ethtool 6.1 on the model's e1000 (an 82545EM) and veth, against what the sources make the real
// tool print on Linux v5.3: ethtool.c's ioctl path (v5.3 has no ethtool netlink), net/core/
// ethtool.c's handlers, drivers/net/ethernet/intel/e1000/e1000_ethtool.c and drivers/net/veth.c.
// Each test names the functions its expectations were written from.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "cli/cmd.h"
#include "drivers/net/e1000/e1000.h"
#include "drivers/net/wire.h"
#include "net/core/net_namespace.h"
#include "ns3/simulator.h"
#include "world/world.h"

using namespace linuxnet;

namespace {

class EthtoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w = std::make_unique<World>();
    net = w->init_net();
    peer = w->CreateNetNs("peer").operator->();
    eth0 = E1000Probe(net, "eth0", &wire, 0);
    eth1 = E1000Probe(peer, "eth1", &wire, 1);
    ASSERT_TRUE(eth0 && eth1);
  }
  void TearDown() override {
    eth0 = nullptr;
    eth1 = nullptr;
    w.reset();
    ns3::Simulator::Destroy();
  }
  // runs a command line split on spaces in `in` (default: the initial namespace)
  int Run(const std::string& line, NetNs* in = nullptr) {
    std::vector<std::string> argv;
    size_t p = 0;
    while (p < line.size()) {
      size_t q = line.find(' ', p);
      if (q == std::string::npos) q = line.size();
      if (q > p) argv.push_back(line.substr(p, q - p));
      p = q + 1;
    }
    CmdCtx ctx;
    ctx.user = w->userland();
    ctx.net = in ? in : net;
    int rc = RunCommand(ctx, argv);
    out = ctx.out;
    err = ctx.err;
    return rc;
  }
  // both ends up and the watchdog's time to see the link
  void LinkUp() {
    ASSERT_EQ(Run("ip link set eth0 up"), 0) << err;
    ASSERT_EQ(Run("ip link set eth1 up", peer), 0) << err;
    ASSERT_EQ(Run("sleep 3"), 0);
  }
  Wire wire{1000000000, 5000000, 0, 1};  // outlives the World and the devices on it
  std::unique_ptr<World> w;
  NetNs* net = nullptr;
  NetNs* peer = nullptr;
  ns3::Ptr<E1000Dev> eth0, eth1;
  std::string out, err;
};

const char kBadArgs[] = "ethtool: bad command line argument(s)\nFor more information run ethtool -h\n";

// what dump_supported / dump_link_caps print for e1000_get_link_ksettings' copper modes
const char kE1000Modes[] =
    "Settings for eth0:\n"
    "\tSupported ports: [ TP ]\n"
    "\tSupported link modes:   10baseT/Half 10baseT/Full \n"
    "\t                        100baseT/Half 100baseT/Full \n"
    "\t                        1000baseT/Full \n"
    "\tSupported pause frame use: No\n"
    "\tSupports auto-negotiation: Yes\n"
    "\tSupported FEC modes: Not reported\n"
    "\tAdvertised link modes:  10baseT/Half 10baseT/Full \n"
    "\t                        100baseT/Half 100baseT/Full \n"
    "\t                        1000baseT/Full \n"
    "\tAdvertised pause frame use: No\n"
    "\tAdvertised auto-negotiation: Yes\n"
    "\tAdvertised FEC modes: Not reported\n";
const char kE1000Tail[] =
    "\tPort: Twisted Pair\n"
    "\tPHYAD: 0\n"
    "\tTransceiver: internal\n"
    "\tAuto-negotiation: on\n";
const char kE1000WolMsglvl[] =
    "\tSupports Wake-on: umbg\n"
    "\tWake-on: d\n"
    "\tCurrent message level: 0x00000007 (7)\n"
    "\t\t\t       drv probe link\n";

// ethtool.c do_gset / dump_link_usettings / common.c dump_mdix, dump_wol; e1000_ethtool.c
// e1000_get_link_ksettings (no STATUS.LU: SPEED_UNKNOWN, DUPLEX_UNKNOWN; carrier off:
// ETH_TP_MDI_INVALID; hw->mdix AUTO_ALL_MODES: ETH_TP_MDI_AUTO), e1000_get_wol,
// e1000_get_msglevel (DEFAULT_MSG_ENABLE), ethtool_get_link (netif_running && e1000_get_link)
TEST_F(EthtoolTest, SettingsOfALinkDown) {
  ASSERT_EQ(Run("ethtool eth0"), 0) << err;
  EXPECT_EQ(err, "");
  EXPECT_EQ(out, std::string(kE1000Modes) + "\tSpeed: Unknown!\n\tDuplex: Unknown! (255)\n" + kE1000Tail +
                     "\tMDI-X: Unknown (auto)\n" + kE1000WolMsglvl + "\tLink detected: no\n");
}

// the same with the link up: adapter->link_speed 1000, FULL_DUPLEX, MDI (the PHY's MDIX bit 0)
TEST_F(EthtoolTest, SettingsOfALinkUp) {
  LinkUp();
  ASSERT_EQ(Run("ethtool eth0"), 0) << err;
  EXPECT_EQ(err, "");
  EXPECT_EQ(out, std::string(kE1000Modes) + "\tSpeed: 1000Mb/s\n\tDuplex: Full\n" + kE1000Tail +
                     "\tMDI-X: off (auto)\n" + kE1000WolMsglvl + "\tLink detected: yes\n");
  // do_gset takes no further word
  EXPECT_EQ(Run("ethtool eth0 speed"), 1);
  EXPECT_EQ(err, kBadArgs);
  EXPECT_EQ(out, "");
}

// ethtool.c do_gdrv / dump_drvinfo; e1000_get_drvinfo (e1000_driver_version "7.3.21-k8-NAPI",
// pci_name), ethtool_get_drvinfo's counts: E1000_TEST_LEN, E1000_STATS_LEN, e1000_get_regs_len,
// e1000_get_eeprom_len, no ETH_SS_PRIV_FLAGS
TEST_F(EthtoolTest, DriverInformation) {
  ASSERT_EQ(Run("ethtool -i eth0"), 0) << err;
  EXPECT_EQ(out, "driver: e1000\nversion: 7.3.21-k8-NAPI\nfirmware-version: \nexpansion-rom-version: \n"
                 "bus-info: " + eth0->bus_info + "\nsupports-statistics: yes\nsupports-test: yes\n"
                 "supports-eeprom-access: yes\nsupports-register-dump: yes\nsupports-priv-flags: no\n");
  EXPECT_EQ(Run("ethtool --driver eth0"), 0);
  EXPECT_EQ(Run("ethtool -i eth0 x"), 1);
  EXPECT_EQ(err, kBadArgs);
}

// ethtool.c do_gstats ("NIC statistics:", "     %.*s: %llu"); e1000_ethtool.c
// e1000_gstrings_stats / e1000_get_ethtool_stats, with e1000_update_stats's rlerrc (ruc + roc),
// txerrc (ecol + latecol) and netdev->stats.rx_frame_errors (algnerrc)
TEST_F(EthtoolTest, NicStatistics) {
  eth0->hw.gprc = 10, eth0->hw.gptc = 20, eth0->hw.gorcl = 1000, eth0->hw.gotcl = 2000, eth0->hw.mprc = 3;
  eth0->hw.ruc = 1, eth0->hw.roc = 2, eth0->hw.ecol = 4, eth0->hw.latecol = 5, eth0->hw.algnerrc = 6;
  eth0->hw.tncrs = 7, eth0->restart_queue = 8, eth0->stats.tx_dropped = 9, eth0->hw_csum_good = 11;
  ASSERT_EQ(Run("ethtool -S eth0"), 0) << err;
  EXPECT_EQ(out,
            "NIC statistics:\n"
            "     rx_packets: 10\n     tx_packets: 20\n     rx_bytes: 1000\n     tx_bytes: 2000\n"
            "     rx_broadcast: 0\n     tx_broadcast: 0\n     rx_multicast: 3\n     tx_multicast: 0\n"
            "     rx_errors: 0\n     tx_errors: 9\n     tx_dropped: 9\n     multicast: 3\n"
            "     collisions: 0\n     rx_length_errors: 3\n     rx_over_errors: 0\n     rx_crc_errors: 0\n"
            "     rx_frame_errors: 6\n     rx_no_buffer_count: 0\n     rx_missed_errors: 0\n"
            "     tx_aborted_errors: 4\n     tx_carrier_errors: 7\n     tx_fifo_errors: 0\n"
            "     tx_heartbeat_errors: 0\n     tx_window_errors: 5\n     tx_abort_late_coll: 5\n"
            "     tx_deferred_ok: 0\n     tx_single_coll_ok: 0\n     tx_multi_coll_ok: 0\n"
            "     tx_timeout_count: 0\n     tx_restart_queue: 8\n     rx_long_length_errors: 2\n"
            "     rx_short_length_errors: 1\n     rx_align_errors: 6\n     tx_tcp_seg_good: 0\n"
            "     tx_tcp_seg_failed: 0\n     rx_flow_control_xon: 0\n     rx_flow_control_xoff: 0\n"
            "     tx_flow_control_xon: 0\n     tx_flow_control_xoff: 0\n     rx_long_byte_count: 1000\n"
            "     rx_csum_offload_good: 11\n     rx_csum_offload_errors: 0\n     alloc_rx_buff_failed: 0\n"
            "     tx_smbus: 0\n     rx_smbus: 0\n     dropped_smbus: 0\n");
  // -S with words goes to nl_gstats, which netlink_init's failure sends back to do_gstats
  EXPECT_EQ(Run("ethtool -S eth0 --all-groups"), 1);
  EXPECT_EQ(err, kBadArgs);
}

// the counters after traffic are the device's (e1000_get_ethtool_stats after e1000_update_stats)
TEST_F(EthtoolTest, NicStatisticsFollowTheDevice) {
  LinkUp();
  ASSERT_EQ(Run("ethtool -S eth0"), 0) << err;
  EXPECT_NE(out.find("     tx_packets: " + std::to_string(eth0->hw.gptc) + "\n"), std::string::npos) << out;
  EXPECT_NE(out.find("     rx_bytes: " + std::to_string(eth0->hw.gorcl) + "\n"), std::string::npos) << out;
}

std::string Rings(unsigned rx, unsigned tx) {
  return "Ring parameters for eth0:\nPre-set maximums:\nRX:\t\t4096\nRX Mini:\t0\nRX Jumbo:\t0\nTX:\t\t4096\n"
         "Current hardware settings:\nRX:\t\t" + std::to_string(rx) + "\nRX Mini:\t0\nRX Jumbo:\t0\nTX:\t\t" +
         std::to_string(tx) + "\n\n";
}

// ethtool.c do_gring / dump_ring, do_sring (parse_generic_cmdline, get_int_range base 0,
// do_generic_set1's "unmodified, ignoring", 80 and 81); net/core/ethtool.c
// ethtool_set_ringparam (above the maximums: -EINVAL); e1000_ethtool.c e1000_get_ringparam
// (E1000_MAX_82544_RXD/TXD), e1000_set_ringparam (ALIGN to REQ_RX/TX_DESCRIPTOR_MULTIPLE)
TEST_F(EthtoolTest, RingParameters) {
  ASSERT_EQ(Run("ethtool -g eth0"), 0) << err;
  EXPECT_EQ(out, Rings(256, 256));
  ASSERT_EQ(Run("ethtool -G eth0 rx 100 tx 4000"), 0) << err;
  EXPECT_EQ(out + err, "");
  ASSERT_EQ(Run("ethtool -g eth0"), 0);
  EXPECT_EQ(out, Rings(104, 4000));
  EXPECT_EQ(eth0->rx_count, 104u);
  EXPECT_EQ(Run("ethtool -G eth0 rx 104"), 80);
  EXPECT_EQ(err, "rx unmodified, ignoring\nno ring parameters changed, aborting\n");
  EXPECT_EQ(Run("ethtool -G eth0"), 80);
  EXPECT_EQ(err, "no ring parameters changed, aborting\n");
  EXPECT_EQ(Run("ethtool -G eth0 rx-jumbo 0"), 80);
  EXPECT_EQ(err, "rx-jumbo unmodified, ignoring\nno ring parameters changed, aborting\n");
  EXPECT_EQ(Run("ethtool -G eth0 rx -5"), 80);  // a negative wish is no wish
  EXPECT_EQ(Run("ethtool -G eth0 rx 5000"), 81);
  EXPECT_EQ(err, "Cannot set device ring parameters: Invalid argument\n");
  EXPECT_EQ(Run("ethtool -G eth0 rx-mini 1"), 81);
  EXPECT_EQ(err, "Cannot set device ring parameters: Invalid argument\n");
  ASSERT_EQ(Run("ethtool --set-ring eth0 rx 0x200"), 0) << err;
  ASSERT_EQ(Run("ethtool --show-ring eth0"), 0);
  EXPECT_EQ(out, Rings(512, 4000));
  for (const char* bad : {"ethtool -G eth0 rx", "ethtool -G eth0 rx ten", "ethtool -G eth0 rx 1x",
                          "ethtool -G eth0 foo 1", "ethtool -G eth0 rx 4294967296", "ethtool -g eth0 rx"}) {
    EXPECT_EQ(Run(bad), 1) << bad;
    EXPECT_EQ(err, kBadArgs) << bad;
  }
  EXPECT_EQ(eth0->rx_count, 512u);
}

// e1000_set_ringparam: max(rx_pending, E1000_MIN_RXD), E1000_MIN_RXD being 48 in v5.3's e1000.h
// (80 was the 2.6 driver's), then ALIGN(.., 8)
TEST_F(EthtoolTest, RingMinimumIsE1000MinRxd) {
  ASSERT_EQ(Run("ethtool -G eth0 rx 50 tx 1"), 0) << err;
  ASSERT_EQ(Run("ethtool -g eth0"), 0);
  EXPECT_EQ(out, Rings(56, 48));
}

// ethtool 6.1's dump_coalesce (the ioctl path v5.3 takes) with rx-usecs N and every other field 0
std::string Coalesce(int rx_usecs) {
  return "Coalesce parameters for eth0:\n"
         "Adaptive RX: off  TX: off\n"
         "stats-block-usecs: 0\nsample-interval: 0\npkt-rate-low: 0\npkt-rate-high: 0\n\n"
         "rx-usecs: " + std::to_string(rx_usecs) + "\nrx-frames: 0\nrx-usecs-irq: 0\nrx-frames-irq: 0\n\n"
         "tx-usecs: 0\ntx-frames: 0\ntx-usecs-irq: 0\ntx-frames-irq: 0\n\n"
         "rx-usecs-low: 0\nrx-frames-low: 0\ntx-usecs-low: 0\ntx-frames-low: 0\n\n"
         "rx-usecs-high: 0\nrx-frames-high: 0\ntx-usecs-high: 0\ntx-frames-high: 0\n\n";
}

// ethtool.c do_gcoalesce / dump_coalesce, do_scoalesce; e1000_ethtool.c on an 82545EM:
// e1000_get_coalesce gives rx_coalesce_usecs = itr_setting when <= 4 (3, dynamic conservative,
// by default) else 1000000 / itr_setting; e1000_set_coalesce refuses above E1000_MAX_ITR_USECS
// (10000), between 4 and E1000_MIN_ITR_USECS (10) and 2 (-EINVAL), sets itr_setting 4, 0..3 (itr
// 20000) or itr = 1000000 / usecs with itr_setting its low two bits cleared, and writes ITR =
// 1e9 / (itr x 256), 0 when itr_setting is 0; the other fields it ignores (v5.3's core does not
// check supported_coalesce_params)
TEST_F(EthtoolTest, CoalesceIsTheInterruptThrottleRate) {
  ASSERT_EQ(Run("ethtool -c eth0"), 0) << err;
  EXPECT_EQ(out, Coalesce(3));
  EXPECT_EQ(err, "");
  ASSERT_EQ(Run("ethtool -C eth0 rx-usecs 125"), 0) << err;
  EXPECT_EQ(eth0->itr_setting, 8000u);
  EXPECT_EQ(eth0->itr_reg, 1000000000u / (8000u * 256u));
  ASSERT_EQ(Run("ethtool -c eth0"), 0);
  EXPECT_EQ(out, Coalesce(125));
  ASSERT_EQ(Run("ethtool -C eth0 rx-usecs 0"), 0) << err;
  EXPECT_EQ(eth0->itr_setting, 0u);
  EXPECT_EQ(eth0->itr_reg, 0u);  // no throttling
  ASSERT_EQ(Run("ethtool -C eth0 rx-usecs 4"), 0) << err;
  EXPECT_EQ(eth0->itr_setting, 4u);
  ASSERT_EQ(Run("ethtool --show-coalesce eth0"), 0);
  EXPECT_EQ(out, Coalesce(4));
  for (const char* bad : {"ethtool -C eth0 rx-usecs 2", "ethtool -C eth0 rx-usecs 5", "ethtool -C eth0 rx-usecs 10001"}) {
    EXPECT_EQ(Run(bad), 81) << bad;
    EXPECT_EQ(err, "Cannot set device coalesce parameters: Invalid argument\n") << bad;
  }
  EXPECT_EQ(eth0->itr_setting, 4u);  // refused: unchanged
  EXPECT_EQ(Run("ethtool -C eth0 rx-usecs 4"), 80);
  EXPECT_EQ(err, "rx-usecs unmodified, ignoring\nno coalesce parameters changed, aborting\n");
  EXPECT_EQ(Run("ethtool -C eth0"), 80);
  EXPECT_EQ(err, "no coalesce parameters changed, aborting\n");
  EXPECT_EQ(Run("ethtool -C eth0 tx-usecs 5"), 0) << err;  // accepted, and not kept
  ASSERT_EQ(Run("ethtool -c eth0"), 0);
  EXPECT_EQ(out, Coalesce(4));
  for (const char* bad : {"ethtool -C eth0 adaptive-rx yes", "ethtool -C eth0 rx-usecs",
                          "ethtool -C eth0 cqe-mode-rx on", "ethtool -c eth0 rx-usecs 1"}) {
    EXPECT_EQ(Run(bad), 1) << bad;
    EXPECT_EQ(err, kBadArgs) << bad;
  }
}

// ethtool.c do_gchannels; neither e1000 nor v5.3's veth has get_channels:
// ethtool_get_channels -EOPNOTSUPP
TEST_F(EthtoolTest, ChannelsAreNotSupported) {
  EXPECT_EQ(Run("ethtool -l eth0"), 1);
  EXPECT_EQ(out, "Channel parameters for eth0:\n");
  EXPECT_EQ(err, "Cannot get device channel parameters: Operation not supported\n");
  EXPECT_EQ(Run("ethtool -l eth0 x"), 1);
  EXPECT_EQ(err, kBadArgs);
}

// the features an 82545EM has after e1000_probe and register_netdevice (NETIF_F_RXCSUM only in
// hw_features, HIGHDMA off on a PCI bus), as dump_features lists them: the legacy flags in
// off_flag_def order with their features, then the unmatched features in bit order;
// "[fixed]" for what hw_features lacks or NETIF_F_NEVER_CHANGE holds
std::string E1000Features(const char* rx) {
  return std::string("Features for eth0:\nrx-checksumming: ") + rx +
         "\n"
         "tx-checksumming: on\n"
         "\ttx-checksum-ipv4: off [fixed]\n\ttx-checksum-ip-generic: on\n\ttx-checksum-ipv6: off [fixed]\n"
         "\ttx-checksum-fcoe-crc: off [fixed]\n\ttx-checksum-sctp: off [fixed]\n"
         "scatter-gather: on\n\ttx-scatter-gather: on\n\ttx-scatter-gather-fraglist: off [fixed]\n"
         "tcp-segmentation-offload: on\n\ttx-tcp-segmentation: on\n\ttx-tcp-ecn-segmentation: off [fixed]\n"
         "\ttx-tcp-mangleid-segmentation: off\n\ttx-tcp6-segmentation: off [fixed]\n"
         "generic-segmentation-offload: on\ngeneric-receive-offload: on\nlarge-receive-offload: off [fixed]\n"
         "rx-vlan-offload: on\ntx-vlan-offload: on [fixed]\nntuple-filters: off [fixed]\n"
         "receive-hashing: off [fixed]\nhighdma: off [fixed]\nrx-vlan-filter: on [fixed]\n"
         "vlan-challenged: off [fixed]\ntx-lockless: off [fixed]\nnetns-local: off [fixed]\n"
         "tx-gso-robust: off [fixed]\ntx-fcoe-segmentation: off [fixed]\ntx-gre-segmentation: off [fixed]\n"
         "tx-gre-csum-segmentation: off [fixed]\ntx-ipxip4-segmentation: off [fixed]\n"
         "tx-ipxip6-segmentation: off [fixed]\ntx-udp_tnl-segmentation: off [fixed]\n"
         "tx-udp_tnl-csum-segmentation: off [fixed]\ntx-gso-partial: off [fixed]\n"
         "tx-sctp-segmentation: off [fixed]\ntx-esp-segmentation: off [fixed]\n"
         "tx-udp-segmentation: off [fixed]\nfcoe-mtu: off [fixed]\ntx-nocache-copy: off\n"
         "loopback: off [fixed]\nrx-fcs: off\nrx-all: off\ntx-vlan-stag-hw-insert: off [fixed]\n"
         "rx-vlan-stag-hw-parse: off [fixed]\nrx-vlan-stag-filter: off [fixed]\n"
         "l2-fwd-offload: off [fixed]\nhw-tc-offload: off [fixed]\nesp-hw-offload: off [fixed]\n"
         "esp-tx-csum-hw-offload: off [fixed]\nrx-udp_tunnel-port-offload: off [fixed]\n"
         "tls-hw-tx-offload: off [fixed]\ntls-hw-rx-offload: off [fixed]\nrx-gro-hw: off [fixed]\n"
         "tls-hw-record: off [fixed]\n";
}

// ethtool.c do_gfeatures / get_feature_defs / get_features / dump_features / dump_one_feature;
// net/core/ethtool.c netdev_features_strings (v5.3), ethtool_get_features,
// ethtool_get_one_feature; e1000_main.c e1000_probe's features; net/core/dev.c
// register_netdevice. e1000_probe leaves rx-checksumming off; the test starts from that.
TEST_F(EthtoolTest, FeaturesOfAnE1000) {
  eth0->f_rxcsum = false;
  ASSERT_EQ(Run("ethtool -k eth0"), 0) << err;
  EXPECT_EQ(err, "");
  EXPECT_EQ(out, E1000Features("off"));
  ASSERT_EQ(Run("ethtool --show-offload eth0"), 0);
  EXPECT_EQ(out, E1000Features("off"));
  EXPECT_EQ(Run("ethtool -k eth0 gro"), 1);
  EXPECT_EQ(err, kBadArgs);
  EXPECT_EQ(Run("ethtool --json -k eth0"), 1);  // -k takes --json, the ioctl path does not
  EXPECT_EQ(err, kBadArgs);
}

// ethtool.c do_sfeatures: the flag's features set, an unmet wish ("Actual changes:", "[requested
// on]"), net/core/dev.c netdev_fix_features (TSO needs a checksum and SG, GSO needs SG) and
// __netdev_update_features keeping wanted_features; e1000_main.c e1000_set_features
TEST_F(EthtoolTest, SetFeaturesTxAndSg) {
  eth0->f_rxcsum = false;
  ASSERT_EQ(Run("ethtool -K eth0 tx off"), 0) << err;
  EXPECT_EQ(out, "Actual changes:\ntx-checksumming: off\n\ttx-checksum-ip-generic: off\n"
                 "tcp-segmentation-offload: off\n\ttx-tcp-segmentation: off [requested on]\n");
  EXPECT_FALSE(eth0->f_txcsum);
  EXPECT_FALSE(eth0->f_tso);
  ASSERT_EQ(Run("ethtool -k eth0"), 0);
  EXPECT_NE(out.find("tcp-segmentation-offload: off\n\ttx-tcp-segmentation: off [requested on]\n"), std::string::npos)
      << out;
  // the wish kept: TSO comes back with the checksum
  ASSERT_EQ(Run("ethtool -K eth0 tx on"), 0) << err;
  EXPECT_EQ(out, "Actual changes:\ntx-checksumming: on\n\ttx-checksum-ip-generic: on\n"
                 "tcp-segmentation-offload: on\n\ttx-tcp-segmentation: on\n");
  EXPECT_TRUE(eth0->f_txcsum && eth0->f_tso);

  ASSERT_EQ(Run("ethtool -K eth0 sg off"), 0) << err;
  EXPECT_EQ(out, "Actual changes:\nscatter-gather: off\n\ttx-scatter-gather: off\n"
                 "tcp-segmentation-offload: off\n\ttx-tcp-segmentation: off [requested on]\n"
                 "generic-segmentation-offload: off [requested on]\n");
  EXPECT_FALSE(eth0->f_sg || eth0->f_tso || eth0->f_gso);
  // a wish the dependencies still refuse
  EXPECT_EQ(Run("ethtool -K eth0 gso on"), 1);
  EXPECT_EQ(err, "Could not change any device features\n");
  ASSERT_EQ(Run("ethtool -K eth0 sg on"), 0) << err;
  EXPECT_EQ(out, "Actual changes:\nscatter-gather: on\n\ttx-scatter-gather: on\n"
                 "tcp-segmentation-offload: on\n\ttx-tcp-segmentation: on\n"
                 "generic-segmentation-offload: on\n");
  EXPECT_TRUE(eth0->f_sg && eth0->f_tso && eth0->f_gso);
  ASSERT_EQ(Run("ethtool -k eth0"), 0);
  EXPECT_EQ(out, E1000Features("off"));
}

// do_sfeatures without a mismatch prints nothing; the booleans follow
TEST_F(EthtoolTest, SetFeaturesGroGsoTsoRx) {
  eth0->f_rxcsum = false;
  ASSERT_EQ(Run("ethtool -K eth0 gro off gso off"), 0) << err;
  EXPECT_EQ(out + err, "");
  EXPECT_FALSE(eth0->f_gro || eth0->f_gso);
  ASSERT_EQ(Run("ethtool -K eth0 gro off"), 0);  // already off: no change, no mismatch
  EXPECT_EQ(out + err, "");
  ASSERT_EQ(Run("ethtool --features eth0 tso off"), 0) << err;
  EXPECT_EQ(out + err, "");
  EXPECT_FALSE(eth0->f_tso);
  ASSERT_EQ(Run("ethtool -k eth0"), 0);
  EXPECT_NE(out.find("tcp-segmentation-offload: off\n\ttx-tcp-segmentation: off\n"), std::string::npos) << out;
  EXPECT_NE(out.find("generic-segmentation-offload: off\ngeneric-receive-offload: off\n"), std::string::npos) << out;
  // rx: NETIF_F_RXCSUM, which e1000_set_features answers with e1000_reinit_locked
  ASSERT_EQ(Run("ethtool --offload eth0 rx on gro on gso on tso on"), 0) << err;
  EXPECT_EQ(out + err, "");
  EXPECT_TRUE(eth0->f_rxcsum && eth0->f_gro && eth0->f_gso && eth0->f_tso);
  ASSERT_EQ(Run("ethtool -k eth0"), 0);
  EXPECT_NE(out.find("rx-checksumming: on\n"), std::string::npos);
  // "tso on" also turned on tx-tcp-mangleid-segmentation, the other changeable feature of the flag
  EXPECT_NE(out.find("\ttx-tcp-mangleid-segmentation: on\n"), std::string::npos) << out;
  // the kernel name works as the flag does
  ASSERT_EQ(Run("ethtool -K eth0 rx-gro off"), 0) << err;
  EXPECT_FALSE(eth0->f_gro);
  // a boolean changed elsewhere is what -k shows
  eth0->f_gro = true;
  ASSERT_EQ(Run("ethtool -k eth0"), 0);
  EXPECT_NE(out.find("generic-receive-offload: on\n"), std::string::npos) << out;
}

// rxvlan: e1000_fix_features makes HW_VLAN_CTAG_TX follow; fixed flags, fixed and never-changed
// features, bad words (do_sfeatures, ethtool_set_features)
TEST_F(EthtoolTest, SetFeaturesRefusals) {
  ASSERT_EQ(Run("ethtool -K eth0 rxvlan off"), 0) << err;
  EXPECT_EQ(out, "Actual changes:\nrx-vlan-offload: off\ntx-vlan-offload: off [fixed]\n");
  EXPECT_FALSE(eth0->f_rxvlan || eth0->f_txvlan);
  EXPECT_EQ(Run("ethtool -K eth0 txvlan on"), 1);
  EXPECT_EQ(err, "Cannot change tx-vlan-offload\nCould not change any device features\n");
  EXPECT_EQ(Run("ethtool -K eth0 lro on"), 1);
  EXPECT_EQ(err, "Cannot change large-receive-offload\nCould not change any device features\n");
  EXPECT_EQ(Run("ethtool -K eth0 ufo on"), 1);
  EXPECT_EQ(err, "Cannot change udp-fragmentation-offload\nCould not change any device features\n");
  EXPECT_EQ(Run("ethtool -K eth0 highdma on"), 1);
  EXPECT_EQ(err, "Could not change any device features\n");
  EXPECT_EQ(Run("ethtool -K eth0 tx-lockless on"), 1);
  EXPECT_EQ(err, "Cannot set device feature settings: Invalid argument\n");
  ASSERT_EQ(Run("ethtool -K eth0"), 0);
  EXPECT_EQ(out, "no features changed\n");
  for (const char* bad : {"ethtool -K eth0 gro", "ethtool -K eth0 gro yes", "ethtool -K eth0 foo on",
                          "ethtool -K eth0 on gro"}) {
    EXPECT_EQ(Run(bad), 1) << bad;
    EXPECT_EQ(err, kBadArgs) << bad;
  }
  EXPECT_EQ(Run("ethtool -K eth0 rx-fcs on"), 1);
  EXPECT_EQ(err, "linuxnet: ethtool -K rx-fcs on is not modelled\n");
}

// ENODEV from dev_ethtool for each subcommand, as ethtool.c prints it (perror and its status)
TEST_F(EthtoolTest, NoSuchDevice) {
  EXPECT_EQ(Run("ethtool nodev"), 75);
  EXPECT_EQ(out, "Settings for nodev:\nNo data available\n");
  EXPECT_EQ(err, "Cannot get device settings: No such device\nCannot get wake-on-lan settings: No such device\n"
                 "Cannot get message level: No such device\nCannot get link status: No such device\n");
  EXPECT_EQ(Run("ethtool -i nodev"), 71);
  EXPECT_EQ(err, "Cannot get driver information: No such device\n");
  EXPECT_EQ(Run("ethtool -S nodev"), 96);
  EXPECT_EQ(err, "Cannot get stats strings information: No such device\n");
  EXPECT_EQ(Run("ethtool -g nodev"), 76);
  EXPECT_EQ(out, "Ring parameters for nodev:\n");
  EXPECT_EQ(err, "Cannot get device ring settings: No such device\n");
  EXPECT_EQ(Run("ethtool -G nodev rx 100"), 76);
  EXPECT_EQ(err, "Cannot get device ring settings: No such device\n");
  EXPECT_EQ(Run("ethtool -G nodev rx x"), 1);  // the words are parsed first
  EXPECT_EQ(err, kBadArgs);
  EXPECT_EQ(Run("ethtool -c nodev"), 82);
  EXPECT_EQ(out, "Coalesce parameters for nodev:\n");
  EXPECT_EQ(err, "Cannot get device coalesce settings: No such device\n");
  EXPECT_EQ(Run("ethtool -C nodev rx-usecs 10"), 76);
  EXPECT_EQ(err, "Cannot get device coalesce settings: No such device\n");
  EXPECT_EQ(Run("ethtool -k nodev"), 1);
  EXPECT_EQ(out, "");
  EXPECT_EQ(err, "Cannot get device feature names: No such device\n");
  EXPECT_EQ(Run("ethtool -K nodev gro off"), 1);
  EXPECT_EQ(err, "Cannot get device feature names: No such device\n");
  EXPECT_EQ(Run("ethtool -l nodev"), 1);
  EXPECT_EQ(out, "Channel parameters for nodev:\n");
  EXPECT_EQ(err, "Cannot get device channel parameters: No such device\n");
  // eth1 is in the other namespace
  EXPECT_EQ(Run("ethtool -i eth1"), 71);
  EXPECT_EQ(Run("ethtool -i eth1", peer), 0);
}

// veth (drivers/net/veth.c, v5.3): veth_get_link_ksettings (10000, full, TP, autoneg off, no
// modes), no get_wol or get_msglevel (silent in do_gset), ethtool_op_get_link
TEST_F(EthtoolTest, VethSettingsAndDriver) {
  ASSERT_EQ(Run("ip link add va type veth peer name vb"), 0) << err;
  const std::string settings =
      "Settings for va:\n\tSupported ports: [ ]\n\tSupported link modes:   Not reported\n"
      "\tSupported pause frame use: No\n\tSupports auto-negotiation: No\n\tSupported FEC modes: Not reported\n"
      "\tAdvertised link modes:  Not reported\n\tAdvertised pause frame use: No\n"
      "\tAdvertised auto-negotiation: No\n\tAdvertised FEC modes: Not reported\n\tSpeed: 10000Mb/s\n"
      "\tDuplex: Full\n\tPort: Twisted Pair\n\tPHYAD: 0\n\tTransceiver: internal\n\tAuto-negotiation: off\n"
      "\tMDI-X: Unknown\n";
  ASSERT_EQ(Run("ethtool va"), 0) << err;
  EXPECT_EQ(err, "");
  EXPECT_EQ(out, settings + "\tLink detected: no\n");
  ASSERT_EQ(Run("ip link set va up"), 0);
  ASSERT_EQ(Run("ip link set vb up"), 0);
  ASSERT_EQ(Run("ethtool va"), 0);
  EXPECT_EQ(out, settings + "\tLink detected: yes\n");
  // veth_get_drvinfo, no ETH_SS_TEST count, no regs or EEPROM
  ASSERT_EQ(Run("ethtool -i va"), 0);
  EXPECT_EQ(out, "driver: veth\nversion: 1.0\nfirmware-version: \nexpansion-rom-version: \nbus-info: \n"
                 "supports-statistics: yes\nsupports-test: no\nsupports-eeprom-access: no\n"
                 "supports-register-dump: no\nsupports-priv-flags: no\n");
}

// veth_get_strings / veth_get_ethtool_stats: peer_ifindex, then rx_queue_N_xdp_* per rx queue;
// no get_ringparam, get_coalesce or get_channels
TEST_F(EthtoolTest, VethStatisticsAndUnsupported) {
  ASSERT_EQ(Run("ip link add va type veth peer name vb"), 0) << err;
  NetDev* va = net->DevGetByName("va");
  NetDev* vb = net->DevGetByName("vb");
  ASSERT_TRUE(va && vb);
  std::string want = "NIC statistics:\n     peer_ifindex: " + std::to_string(vb->ifindex) + "\n";
  for (uint32_t i = 0; i < va->num_rx_queues; i++)
    for (const char* d : {"xdp_packets", "xdp_bytes", "xdp_drops"})
      want += "     rx_queue_" + std::to_string(i) + "_" + d + ": 0\n";
  ASSERT_EQ(Run("ethtool -S va"), 0) << err;
  EXPECT_EQ(out, want);
  EXPECT_EQ(Run("ethtool -g va"), 76);
  EXPECT_EQ(out, "Ring parameters for va:\n");
  EXPECT_EQ(err, "Cannot get device ring settings: Operation not supported\n");
  EXPECT_EQ(Run("ethtool -G va rx 100"), 76);
  EXPECT_EQ(err, "Cannot get device ring settings: Operation not supported\n");
  EXPECT_EQ(Run("ethtool -c va"), 82);
  EXPECT_EQ(out, "Coalesce parameters for va:\n");
  EXPECT_EQ(err, "Cannot get device coalesce settings: Operation not supported\n");
  EXPECT_EQ(Run("ethtool -C va rx-usecs 10"), 76);
  EXPECT_EQ(err, "Cannot get device coalesce settings: Operation not supported\n");
  EXPECT_EQ(Run("ethtool -l va"), 1);
  EXPECT_EQ(err, "Cannot get device channel parameters: Operation not supported\n");
}

// veth_setup's VETH_FEATURES (NETIF_F_GSO_SOFTWARE without UDP_L4 before 5.11), LLTX, and what
// register_netdevice adds
TEST_F(EthtoolTest, VethFeatures) {
  ASSERT_EQ(Run("ip link add va type veth peer name vb"), 0) << err;
  ASSERT_EQ(Run("ethtool -k va"), 0) << err;
  EXPECT_EQ(out,
            "Features for va:\nrx-checksumming: on\ntx-checksumming: on\n"
            "\ttx-checksum-ipv4: off [fixed]\n\ttx-checksum-ip-generic: on\n\ttx-checksum-ipv6: off [fixed]\n"
            "\ttx-checksum-fcoe-crc: off [fixed]\n\ttx-checksum-sctp: on\n"
            "scatter-gather: on\n\ttx-scatter-gather: on\n\ttx-scatter-gather-fraglist: on\n"
            "tcp-segmentation-offload: on\n\ttx-tcp-segmentation: on\n\ttx-tcp-ecn-segmentation: on\n"
            "\ttx-tcp-mangleid-segmentation: on\n\ttx-tcp6-segmentation: on\n"
            "generic-segmentation-offload: on\ngeneric-receive-offload: on\nlarge-receive-offload: off [fixed]\n"
            "rx-vlan-offload: on\ntx-vlan-offload: on\nntuple-filters: off [fixed]\n"
            "receive-hashing: off [fixed]\nhighdma: on\nrx-vlan-filter: off [fixed]\n"
            "vlan-challenged: off [fixed]\ntx-lockless: on [fixed]\nnetns-local: off [fixed]\n"
            "tx-gso-robust: off [fixed]\ntx-fcoe-segmentation: off [fixed]\ntx-gre-segmentation: on\n"
            "tx-gre-csum-segmentation: on\ntx-ipxip4-segmentation: on\ntx-ipxip6-segmentation: on\n"
            "tx-udp_tnl-segmentation: on\ntx-udp_tnl-csum-segmentation: on\ntx-gso-partial: off [fixed]\n"
            "tx-sctp-segmentation: on\ntx-esp-segmentation: off [fixed]\ntx-udp-segmentation: off [fixed]\n"
            "fcoe-mtu: off [fixed]\ntx-nocache-copy: off\nloopback: off [fixed]\nrx-fcs: off [fixed]\n"
            "rx-all: off [fixed]\ntx-vlan-stag-hw-insert: on\nrx-vlan-stag-hw-parse: on\n"
            "rx-vlan-stag-filter: off [fixed]\nl2-fwd-offload: off [fixed]\nhw-tc-offload: off [fixed]\n"
            "esp-hw-offload: off [fixed]\nesp-tx-csum-hw-offload: off [fixed]\n"
            "rx-udp_tunnel-port-offload: off [fixed]\ntls-hw-tx-offload: off [fixed]\n"
            "tls-hw-rx-offload: off [fixed]\nrx-gro-hw: off [fixed]\ntls-hw-record: off [fixed]\n");
  ASSERT_EQ(Run("ethtool -K va"), 0);
  EXPECT_EQ(out, "no features changed\n");
  EXPECT_EQ(Run("ethtool -K va gro off"), 1);
  EXPECT_EQ(err, "linuxnet: ethtool -K on a veth is not modelled\n");
}

// ethtool.c main, find_option, netlink_run_handler (netlink_init failing on v5.3), show_usage,
// do_version, nl_monitor
TEST_F(EthtoolTest, CommandLine) {
  for (const char* bad : {"ethtool", "ethtool -Z eth0", "ethtool -i", "ethtool --json -i eth0",
                          "ethtool --debug", "ethtool --debug x -i eth0", "ethtool --json -S eth0"}) {
    EXPECT_EQ(Run(bad), 1) << bad;
    EXPECT_EQ(err, kBadArgs) << bad;
    EXPECT_EQ(out, "") << bad;
  }
  EXPECT_EQ(Run("ethtool --debug 0x7 -I -i eth0"), 0) << err;
  ASSERT_EQ(Run("ethtool --version"), 0);
  EXPECT_EQ(out, "ethtool version 6.1\n");
  ASSERT_EQ(Run("ethtool -h"), 0);
  EXPECT_EQ(out.compare(0, 31, "ethtool version 6.1\nUsage:\n    "), 0) << out;
  EXPECT_NE(out.find("        ethtool [ FLAGS ] -G|--set-ring DEVNAME\tSet RX/TX ring parameters\n"
                     "\t\t[ rx N ]\n\t\t[ rx-mini N ]\n"),
            std::string::npos);
  EXPECT_NE(out.find("        ethtool [ FLAGS ] --version \t\tShow version number\n"
                     "        ethtool --monitor               Show kernel notifications\n"),
            std::string::npos);
  const std::string last =
      "\t-I|--include-statistics\t\trequest device statistics related to the command (not supported by all commands)\n";
  ASSERT_GT(out.size(), last.size());
  EXPECT_EQ(out.substr(out.size() - last.size()), last);
  EXPECT_EQ(Run("ethtool --monitor"), 1);
  EXPECT_EQ(err, "Netlink interface initialization failed, option --monitor not supported.\n");
  EXPECT_EQ(Run("ethtool --cable-test eth0"), 1);
  EXPECT_EQ(err, "netlink interface initialization failed, subcommand not supported by ioctl\n");
  EXPECT_EQ(Run("ethtool --show-tunnels"), 1);
  EXPECT_EQ(err, kBadArgs);
  EXPECT_EQ(Run("ethtool -k *"), 1);
  EXPECT_EQ(err, "netlink interface initialization failed, wildcard dump not supported\n");
  EXPECT_EQ(Run("ethtool -i sixteen-chars-xx"), 1);
  EXPECT_EQ(err, "ethtool netlink support for subcommand missing, device name longer than 15 not supported\n");
  EXPECT_EQ(Run("ethtool -S sixteen-chars-xx"), 1);
  EXPECT_EQ(err, "ioctl-only request, device name longer than 15 not supported\n");
  EXPECT_EQ(Run("ethtool sixteen-chars-xx"), 1);
  EXPECT_EQ(err, "netlink interface initialization failed, device name longer than 15 not supported\n");
  // options ethtool 6.1 has that the model does not
  EXPECT_EQ(Run("ethtool -s eth0 speed 100"), 1);
  EXPECT_EQ(err, "linuxnet: ethtool -s is not modelled\n");
  EXPECT_EQ(Run("ethtool --show-eee eth0"), 1);
  EXPECT_EQ(err, "linuxnet: ethtool --show-eee is not modelled\n");
  // a driver whose ethtool_ops the model does not write
  EXPECT_EQ(Run("ethtool -i lo"), 1);
  EXPECT_EQ(err, "linuxnet: ethtool on lo is not modelled\n");
}

}  // namespace
