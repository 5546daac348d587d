// ethtool 6.1 (Debian bookworm's) against the Linux v5.3 kernel. v5.3 has no ethtool generic
// netlink family (it came in 5.6), so netlink_init fails and every subcommand takes the ioctl
// path ethtool.c keeps as its fallback: do_gset, do_gdrv, do_gstats, do_gring/do_sring,
// do_gcoalesce/do_scoalesce, do_gfeatures/do_sfeatures, do_gchannels, answered by
// net/core/ethtool.c (dev_ethtool and its handlers) and the driver's ethtool_ops: e1000's
// (drivers/net/ethernet/intel/e1000/e1000_ethtool.c, for the copper 82545EM the model is) and
// veth's (drivers/net/veth.c). The other drivers of the model (lo, bridge, macvlan, ipvlan, tap)
// are not answered: the tool says so. Options ethtool 6.1 has and this file does not model say so
// too; its usage text, --version, --monitor and the netlink-only subcommands are as 6.1 prints
// them on a kernel without ethtool netlink.
//
// The kernel side is written as the handlers it follows (Kernel* below, each naming its
// function); what the tool prints is written as ethtool.c's functions (named in each comment).
// An ioctl that fails leaves errno as the kernel's -errno, which perror prints as strerror does.
#include <cerrno>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cli/cmd.h"
#include "drivers/net/e1000/e1000.h"
#include "drivers/net/veth.h"
#include "net/core/net_namespace.h"
#include "ns3/object.h"

namespace linuxnet {
namespace {

// exit(status) from inside a subcommand (exit_bad_args and the others ethtool.c calls)
struct Exit {
  int status;
};
// what the model does not do: "linuxnet: ethtool WHAT is not modelled", exit status 1
struct NotModelled {
  std::string what;
};

constexpr int kEINVAL = EINVAL, kENODEV = ENODEV, kEOPNOTSUPP = EOPNOTSUPP;

std::string Format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string Format(const char* fmt, ...) {
  char b[512];
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(b, sizeof b, fmt, ap);
  va_end(ap);
  return b;
}

// ---------------------------------------------------------------------------------------------
// include/uapi/linux/ethtool.h and include/linux/netdev_features.h (v5.3)

enum : uint8_t { DUPLEX_HALF = 0, DUPLEX_FULL = 1, DUPLEX_UNKNOWN = 0xff };
enum : uint8_t { PORT_TP = 0, PORT_AUI = 1, PORT_BNC = 2, PORT_MII = 3, PORT_FIBRE = 4, PORT_DA = 5,
                 PORT_NONE = 0xef, PORT_OTHER = 0xff };
enum : uint8_t { XCVR_INTERNAL = 0, XCVR_EXTERNAL = 1 };
enum : uint8_t { AUTONEG_DISABLE = 0, AUTONEG_ENABLE = 1 };
enum : uint8_t { ETH_TP_MDI_INVALID = 0, ETH_TP_MDI = 1, ETH_TP_MDI_X = 2, ETH_TP_MDI_AUTO = 3 };
constexpr uint32_t SPEED_UNKNOWN = 0xffffffffu, SPEED_10000 = 10000;
// enum ethtool_link_mode_bit_indices: the bits the legacy SUPPORTED_* / ADVERTISED_* share
enum : int {
  LM_10baseT_Half = 0, LM_10baseT_Full = 1, LM_100baseT_Half = 2, LM_100baseT_Full = 3,
  LM_1000baseT_Half = 4, LM_1000baseT_Full = 5, LM_Autoneg = 6, LM_TP = 7, LM_AUI = 8, LM_MII = 9,
  LM_FIBRE = 10, LM_BNC = 11, LM_Pause = 13, LM_Asym_Pause = 14, LM_Backplane = 16,
  LM_FEC_NONE = 49, LM_FEC_RS = 50, LM_FEC_BASER = 51, LM_FEC_LLRS = 74,
};
enum : uint32_t { WAKE_PHY = 1, WAKE_UCAST = 2, WAKE_MCAST = 4, WAKE_BCAST = 8, WAKE_ARP = 0x10,
                  WAKE_MAGIC = 0x20, WAKE_MAGICSECURE = 0x40, WAKE_FILTER = 0x80 };
enum : uint32_t { NETIF_MSG_DRV = 1, NETIF_MSG_PROBE = 2, NETIF_MSG_LINK = 4 };
enum StringSet { ETH_SS_TEST = 0, ETH_SS_STATS = 1, ETH_SS_PRIV_FLAGS = 2, ETH_SS_FEATURES = 4 };

// the NETIF_F_*_BIT of v5.3 (v4.18 through v5.5; tx-gso-list came in 5.6)
enum FeatureBit : int {
  F_SG = 0, F_IP_CSUM = 1, F_HW_CSUM = 3, F_IPV6_CSUM = 4, F_HIGHDMA = 5, F_FRAGLIST = 6,
  F_HW_VLAN_CTAG_TX = 7, F_HW_VLAN_CTAG_RX = 8, F_HW_VLAN_CTAG_FILTER = 9, F_VLAN_CHALLENGED = 10,
  F_GSO = 11, F_LLTX = 12, F_NETNS_LOCAL = 13, F_GRO = 14, F_LRO = 15, F_TSO = 16,
  F_GSO_ROBUST = 17, F_TSO_ECN = 18, F_TSO_MANGLEID = 19, F_TSO6 = 20, F_FSO = 21, F_GSO_GRE = 22,
  F_GSO_GRE_CSUM = 23, F_GSO_IPXIP4 = 24, F_GSO_IPXIP6 = 25, F_GSO_UDP_TUNNEL = 26,
  F_GSO_UDP_TUNNEL_CSUM = 27, F_GSO_PARTIAL = 28, F_GSO_TUNNEL_REMCSUM = 29, F_GSO_SCTP = 30,
  F_GSO_ESP = 31, F_GSO_UDP = 32, F_GSO_UDP_L4 = 33, F_FCOE_CRC = 34, F_SCTP_CRC = 35,
  F_FCOE_MTU = 36, F_NTUPLE = 37, F_RXHASH = 38, F_RXCSUM = 39, F_NOCACHE_COPY = 40,
  F_LOOPBACK = 41, F_RXFCS = 42, F_RXALL = 43, F_HW_VLAN_STAG_TX = 44, F_HW_VLAN_STAG_RX = 45,
  F_HW_VLAN_STAG_FILTER = 46, F_HW_L2FW_DOFFLOAD = 47, F_HW_TC = 48, F_HW_ESP = 49,
  F_HW_ESP_TX_CSUM = 50, F_RX_UDP_TUNNEL_PORT = 51, F_HW_TLS_TX = 52, F_HW_TLS_RX = 53,
  F_GRO_HW = 54, F_HW_TLS_RECORD = 55, NETDEV_FEATURE_COUNT = 56,
};
constexpr uint64_t Bit(int b) { return uint64_t{1} << b; }
constexpr uint64_t NETIF_F_CSUM_MASK = Bit(F_IP_CSUM) | Bit(F_IPV6_CSUM) | Bit(F_HW_CSUM);
constexpr uint64_t NETIF_F_ALL_TSO = Bit(F_TSO) | Bit(F_TSO6) | Bit(F_TSO_ECN) | Bit(F_TSO_MANGLEID);
constexpr uint64_t NETIF_F_GSO_SOFTWARE = NETIF_F_ALL_TSO | Bit(F_GSO_SCTP);  // (UDP_L4 from 5.11)
constexpr uint64_t NETIF_F_GSO_ENCAP_ALL = Bit(F_GSO_GRE) | Bit(F_GSO_GRE_CSUM) | Bit(F_GSO_IPXIP4) |
                                           Bit(F_GSO_IPXIP6) | Bit(F_GSO_UDP_TUNNEL) | Bit(F_GSO_UDP_TUNNEL_CSUM);
constexpr uint64_t NETIF_F_SOFT_FEATURES = Bit(F_GSO) | Bit(F_GRO);
constexpr uint64_t NETIF_F_NEVER_CHANGE = Bit(F_VLAN_CHALLENGED) | Bit(F_LLTX) | Bit(F_NETNS_LOCAL);
constexpr uint64_t NETIF_F_ETHTOOL_BITS = (Bit(NETDEV_FEATURE_COUNT) - 1) & ~NETIF_F_NEVER_CHANGE;

// net/core/ethtool.c netdev_features_strings[] (v5.3): "" for the bits without a name
const char* const kFeatureNames[NETDEV_FEATURE_COUNT] = {
    "tx-scatter-gather", "tx-checksum-ipv4", "", "tx-checksum-ip-generic", "tx-checksum-ipv6",
    "highdma", "tx-scatter-gather-fraglist", "tx-vlan-hw-insert", "rx-vlan-hw-parse",
    "rx-vlan-filter", "vlan-challenged", "tx-generic-segmentation", "tx-lockless", "netns-local",
    "rx-gro", "rx-lro", "tx-tcp-segmentation", "tx-gso-robust", "tx-tcp-ecn-segmentation",
    "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation", "tx-fcoe-segmentation",
    "tx-gre-segmentation", "tx-gre-csum-segmentation", "tx-ipxip4-segmentation",
    "tx-ipxip6-segmentation", "tx-udp_tnl-segmentation", "tx-udp_tnl-csum-segmentation",
    "tx-gso-partial", "", "tx-sctp-segmentation", "tx-esp-segmentation", "", "tx-udp-segmentation",
    "tx-checksum-fcoe-crc", "tx-checksum-sctp", "fcoe-mtu", "rx-ntuple-filter", "rx-hashing",
    "rx-checksum", "tx-nocache-copy", "loopback", "rx-fcs", "rx-all", "tx-vlan-stag-hw-insert",
    "rx-vlan-stag-hw-parse", "rx-vlan-stag-filter", "l2-fwd-offload", "hw-tc-offload",
    "esp-hw-offload", "esp-tx-csum-hw-offload", "rx-udp_tunnel-port-offload", "tls-hw-tx-offload",
    "tls-hw-rx-offload", "rx-gro-hw", "tls-hw-record",
};

// the legacy discrete ioctls of the offload flags (ETHTOOL_G*) and GFLAGS
enum LegacyGet { G_NONE, G_RXCSUM, G_TXCSUM, G_SG, G_TSO, G_UFO, G_GSO, G_GRO };

// ---------------------------------------------------------------------------------------------
// The kernel side. The device by name (dev_ethtool's __dev_get_by_name) and its driver.

struct Target {
  NetDev* dev = nullptr;
  E1000Dev* e1000 = nullptr;
  VethDev* veth = nullptr;
};

// e1000_hw.h e1000_mac_type: the modelled 82545EM is e1000_82545; e1000_get_coalesce /
// e1000_set_coalesce answer -EOPNOTSUPP below it (the 82540EM)
enum E1000MacType { e1000_82543 = 3, e1000_82544 = 4, e1000_82540 = 5, e1000_82545 = 6 };
constexpr int kE1000MacType = e1000_82545;  // the modelled NIC: an 82545EM (see drivers/net/e1000/e1000.h)
// e1000.h (E1000_MIN_RXD / E1000_MIN_TXD, 48, are E1000SetRingparam's to apply)
constexpr uint32_t E1000_MAX_RXD = 256, E1000_MAX_82544_RXD = 4096;
constexpr uint32_t E1000_MAX_TXD = 256, E1000_MAX_82544_TXD = 4096;
constexpr uint32_t E1000_MIN_ITR_USECS = 10, E1000_MAX_ITR_USECS = 10000;
// e1000_get_regs_len (E1000_REGS_LEN 32 words); e1000_get_eeprom_len: word_size * 2, the
// 82545's Microwire EEPROM of 64 words (e1000_init_eeprom_params); E1000_TEST_LEN
constexpr uint32_t E1000_REGS_LEN_BYTES = 32 * 4, E1000_EEPROM_LEN = 64 * 2, E1000_TEST_LEN = 5;
// e1000_check_options: AutoNeg on, AutoNeg advertising AUTONEG_ADVERTISE_SPEED_DEFAULT
// (E1000_ALL_SPEED_DUPLEX: 10/100 half and full, 1000 full); netif_msg_init(-1, DEFAULT_MSG_ENABLE)
constexpr uint32_t E1000_ALL_SPEED_DUPLEX = 0x2F;
constexpr uint32_t E1000_MSG_ENABLE = NETIF_MSG_DRV | NETIF_MSG_PROBE | NETIF_MSG_LINK;

// STATUS.LU: the model's e1000_get_speed_and_duplex result is non-zero while the link is up
bool E1000LinkUp(const E1000Dev* a) { return a->link_speed != 0; }

struct DrvInfo {  // struct ethtool_drvinfo
  std::string driver, version, fw_version, erom_version, bus_info;
  uint32_t n_priv_flags = 0, n_stats = 0, testinfo_len = 0, eedump_len = 0, regdump_len = 0;
};
struct LinkSettings {  // struct ethtool_link_usettings
  uint32_t speed = 0;
  uint8_t duplex = 0, port = 0, phy_address = 0, autoneg = 0, mdix = 0, mdix_ctrl = 0, transceiver = 0;
  uint64_t supported[2] = {0, 0}, advertising[2] = {0, 0}, lp_advertising[2] = {0, 0};
};
struct RingParam {  // struct ethtool_ringparam
  uint32_t rx_max_pending = 0, rx_mini_max_pending = 0, rx_jumbo_max_pending = 0, tx_max_pending = 0;
  uint32_t rx_pending = 0, rx_mini_pending = 0, rx_jumbo_pending = 0, tx_pending = 0;
};
struct Coalesce {  // struct ethtool_coalesce
  uint32_t rx_coalesce_usecs = 0, rx_max_coalesced_frames = 0, rx_coalesce_usecs_irq = 0,
           rx_max_coalesced_frames_irq = 0, tx_coalesce_usecs = 0, tx_max_coalesced_frames = 0,
           tx_coalesce_usecs_irq = 0, tx_max_coalesced_frames_irq = 0, stats_block_coalesce_usecs = 0,
           use_adaptive_rx_coalesce = 0, use_adaptive_tx_coalesce = 0, pkt_rate_low = 0,
           rx_coalesce_usecs_low = 0, rx_max_coalesced_frames_low = 0, tx_coalesce_usecs_low = 0,
           tx_max_coalesced_frames_low = 0, pkt_rate_high = 0, rx_coalesce_usecs_high = 0,
           rx_max_coalesced_frames_high = 0, tx_coalesce_usecs_high = 0,
           tx_max_coalesced_frames_high = 0, rate_sample_interval = 0;
};
struct Features {  // struct ethtool_gfeatures, the blocks joined
  uint64_t available = 0, requested = 0, active = 0, never_changed = 0;
};

// ---- netdev features of an e1000 ----
// e1000_probe (mac_type >= e1000_82544, not 82547): hw_features SG | HW_CSUM | HW_VLAN_CTAG_RX |
// TSO, then RXCSUM | RXALL | RXFCS; features those of the first group and HW_VLAN_CTAG_TX |
// HW_VLAN_CTAG_FILTER (HIGHDMA only with pci_using_dac, which a PCI, not PCI-X, bus never sets).
// register_netdevice adds GSO | GRO to both, NOCACHE_COPY and (with TSO) TSO_MANGLEID to
// hw_features, and takes wanted_features = features & hw_features before those two.
constexpr uint64_t kE1000HwFeatures = Bit(F_SG) | Bit(F_HW_CSUM) | Bit(F_HW_VLAN_CTAG_RX) | Bit(F_TSO) |
                                      Bit(F_RXCSUM) | Bit(F_RXALL) | Bit(F_RXFCS) | NETIF_F_SOFT_FEATURES |
                                      Bit(F_NOCACHE_COPY) | Bit(F_TSO_MANGLEID);
// the features E1000Dev has no boolean for, which only this state holds (rx-fcs is refused)
constexpr uint64_t kE1000ExtraFeatures = Bit(F_TSO_MANGLEID) | Bit(F_NOCACHE_COPY) | Bit(F_RXALL);

// dev->wanted_features of an e1000 (and the active bits of kE1000ExtraFeatures), kept beside the
// device: E1000Dev keeps dev->features as booleans (f_sg, ...), not the user's wish that
// netdev_fix_features can leave unmet ("tx-tcp-segmentation: off [requested on]")
class E1000FeatureState : public ns3::Object {
 public:
  static ns3::TypeId GetTypeId() {
    static ns3::TypeId tid =
        ns3::TypeId("linuxnet::E1000EthtoolFeatures").SetParent<ns3::Object>().SetGroupName("Linuxnet");
    return tid;
  }
  uint64_t wanted = 0;
  uint64_t extra = 0;  // active bits of kE1000ExtraFeatures
  uint64_t seen = 0;   // dev->features as this state last saw it
};

uint64_t E1000ActiveBits(const E1000Dev* a, uint64_t extra) {
  uint64_t f = Bit(F_HW_VLAN_CTAG_FILTER) | extra;
  if (a->f_sg) f |= Bit(F_SG);
  if (a->f_txcsum) f |= Bit(F_HW_CSUM);
  if (a->f_tso) f |= Bit(F_TSO);
  if (a->f_gso) f |= Bit(F_GSO);
  if (a->f_gro) f |= Bit(F_GRO);
  if (a->f_rxcsum) f |= Bit(F_RXCSUM);
  if (a->f_rxvlan) f |= Bit(F_HW_VLAN_CTAG_RX);
  if (a->f_txvlan) f |= Bit(F_HW_VLAN_CTAG_TX);
  return f;
}

// The state, made on first use (wanted = features & hw_features, as register_netdevice takes it);
// a change of the booleans made elsewhere is taken as the user's wish for those bits
E1000FeatureState* E1000Features(E1000Dev* a) {
  ns3::Ptr<E1000FeatureState> s = a->GetObject<E1000FeatureState>();
  if (!s) {
    s = ns3::CreateObject<E1000FeatureState>();
    s->seen = E1000ActiveBits(a, 0);
    s->wanted = s->seen & kE1000HwFeatures;
    a->AggregateObject(s);
  }
  uint64_t now = E1000ActiveBits(a, s->extra);
  if (now != s->seen) {
    uint64_t changed = now ^ s->seen;
    s->wanted = (s->wanted & ~changed) | (now & changed & kE1000HwFeatures);
    s->seen = now;
  }
  return ns3::PeekPointer(s);
}

// veth_setup: features LLTX | VETH_FEATURES, hw_features VETH_FEATURES; register_netdevice adds
// GSO | GRO and NOCACHE_COPY as for any device; veth_fix_features drops nothing without XDP
constexpr uint64_t kVethFeatures = Bit(F_SG) | Bit(F_FRAGLIST) | Bit(F_HW_CSUM) | Bit(F_RXCSUM) |
                                   Bit(F_SCTP_CRC) | Bit(F_HIGHDMA) | NETIF_F_GSO_SOFTWARE |
                                   NETIF_F_GSO_ENCAP_ALL | Bit(F_HW_VLAN_CTAG_TX) | Bit(F_HW_VLAN_CTAG_RX) |
                                   Bit(F_HW_VLAN_STAG_TX) | Bit(F_HW_VLAN_STAG_RX);

// netdev_fix_features (net/core/dev.c), for a device without gso_partial_features
uint64_t NetdevFixFeatures(uint64_t f) {
  if ((f & Bit(F_HW_CSUM)) && (f & (Bit(F_IP_CSUM) | Bit(F_IPV6_CSUM)))) f &= ~(Bit(F_IP_CSUM) | Bit(F_IPV6_CSUM));
  if ((f & NETIF_F_ALL_TSO) && !(f & Bit(F_SG))) f &= ~NETIF_F_ALL_TSO;
  if ((f & Bit(F_TSO)) && !(f & Bit(F_HW_CSUM)) && !(f & Bit(F_IP_CSUM))) f &= ~(Bit(F_TSO) | Bit(F_TSO_ECN));
  if ((f & Bit(F_TSO6)) && !(f & Bit(F_HW_CSUM)) && !(f & Bit(F_IPV6_CSUM))) f &= ~Bit(F_TSO6);
  if ((f & Bit(F_TSO_MANGLEID)) && !(f & Bit(F_TSO))) f &= ~Bit(F_TSO_MANGLEID);
  if ((f & NETIF_F_ALL_TSO) == Bit(F_TSO_ECN)) f &= ~Bit(F_TSO_ECN);
  if ((f & Bit(F_GSO)) && !(f & Bit(F_SG))) f &= ~Bit(F_GSO);
  if (!(f & Bit(F_RXCSUM)) && (f & Bit(F_GRO_HW))) f &= ~Bit(F_GRO_HW);
  if (f & Bit(F_RXFCS)) f &= ~(Bit(F_LRO) | Bit(F_GRO_HW));
  if ((f & Bit(F_HW_TLS_RX)) && !(f & Bit(F_RXCSUM))) f &= ~Bit(F_HW_TLS_RX);
  return f;
}

// ethtool_get_features: available = hw_features, requested = wanted_features, active = features
Features KernelFeatures(const Target& t) {
  Features f;
  f.never_changed = NETIF_F_NEVER_CHANGE;
  if (t.e1000) {
    E1000FeatureState* s = E1000Features(t.e1000);
    f.available = kE1000HwFeatures;
    f.requested = s->wanted;
    f.active = s->seen;
  } else {
    f.available = kVethFeatures | NETIF_F_SOFT_FEATURES | Bit(F_NOCACHE_COPY);
    f.requested = kVethFeatures | NETIF_F_SOFT_FEATURES;
    f.active = Bit(F_LLTX) | kVethFeatures | NETIF_F_SOFT_FEATURES;
  }
  return f;
}

// e1000_set_features on top of __netdev_update_features (net/core/dev.c): the features the
// wanted ones give, e1000_fix_features (HW_VLAN_CTAG_TX follows HW_VLAN_CTAG_RX) and
// netdev_fix_features; e1000_set_features writes them and, when RXCSUM or RXALL changed, resets
// the adapter (e1000_reinit_locked when running: e1000_down and e1000_up, which
// E1000SetRingparam with the present ring sizes does; e1000_reset otherwise, nothing to see)
void E1000UpdateFeatures(E1000Dev* a, E1000FeatureState* s) {
  uint64_t f = (s->seen & ~kE1000HwFeatures) | s->wanted;  // netdev_get_wanted_features
  if (f & Bit(F_HW_VLAN_CTAG_RX)) f |= Bit(F_HW_VLAN_CTAG_TX);
  else f &= ~Bit(F_HW_VLAN_CTAG_TX);
  f = NetdevFixFeatures(f);
  if (f == s->seen) return;
  uint64_t changed = f ^ s->seen;
  a->f_sg = f & Bit(F_SG);
  a->f_txcsum = f & Bit(F_HW_CSUM);
  a->f_tso = f & Bit(F_TSO);
  a->f_gso = f & Bit(F_GSO);
  a->f_gro = f & Bit(F_GRO);
  a->f_rxcsum = f & Bit(F_RXCSUM);
  a->f_rxvlan = f & Bit(F_HW_VLAN_CTAG_RX);  // e1000_vlan_mode
  a->f_txvlan = f & Bit(F_HW_VLAN_CTAG_TX);
  s->extra = f & kE1000ExtraFeatures;
  s->seen = f;
  if (changed & (Bit(F_RXCSUM) | Bit(F_RXALL))) E1000SetRingparam(a, a->rx_count, a->tx_count);
}

// e1000_gstrings_stats (the 46 of them, in order), read as e1000_get_ethtool_stats does after
// e1000_update_stats: E1000_STAT from the adapter, E1000_NETDEV_STAT from netdev->stats.
// stats.rlerrc and stats.txerrc are what e1000_update_stats makes them (ruc + roc, ecol +
// latecol), netdev->stats.rx_frame_errors is its algnerrc; rx_over_errors, tx_fifo_errors and
// tx_heartbeat_errors e1000 never counts
std::vector<std::pair<const char*, uint64_t>> E1000Stats(const E1000Dev* a) {
  const E1000HwStats& s = a->hw;
  return {
      {"rx_packets", s.gprc}, {"tx_packets", s.gptc}, {"rx_bytes", s.gorcl}, {"tx_bytes", s.gotcl},
      {"rx_broadcast", s.bprc}, {"tx_broadcast", s.bptc}, {"rx_multicast", s.mprc},
      {"tx_multicast", s.mptc}, {"rx_errors", s.rxerrc}, {"tx_errors", s.ecol + s.latecol},
      {"tx_dropped", a->stats.tx_dropped}, {"multicast", s.mprc}, {"collisions", s.colc},
      {"rx_length_errors", s.ruc + s.roc}, {"rx_over_errors", 0}, {"rx_crc_errors", s.crcerrs},
      {"rx_frame_errors", s.algnerrc}, {"rx_no_buffer_count", s.rnbc}, {"rx_missed_errors", s.mpc},
      {"tx_aborted_errors", s.ecol}, {"tx_carrier_errors", s.tncrs}, {"tx_fifo_errors", 0},
      {"tx_heartbeat_errors", 0}, {"tx_window_errors", s.latecol}, {"tx_abort_late_coll", s.latecol},
      {"tx_deferred_ok", s.dc}, {"tx_single_coll_ok", s.scc}, {"tx_multi_coll_ok", s.mcc},
      {"tx_timeout_count", a->tx_timeout_count}, {"tx_restart_queue", a->restart_queue},
      {"rx_long_length_errors", s.roc}, {"rx_short_length_errors", s.ruc},
      {"rx_align_errors", s.algnerrc}, {"tx_tcp_seg_good", s.tsctc}, {"tx_tcp_seg_failed", s.tsctfc},
      {"rx_flow_control_xon", s.xonrxc}, {"rx_flow_control_xoff", s.xoffrxc},
      {"tx_flow_control_xon", s.xontxc}, {"tx_flow_control_xoff", s.xofftxc},
      {"rx_long_byte_count", s.gorcl}, {"rx_csum_offload_good", a->hw_csum_good},
      {"rx_csum_offload_errors", a->hw_csum_err}, {"alloc_rx_buff_failed", a->alloc_rx_buff_failed},
      {"tx_smbus", s.mgptc}, {"rx_smbus", s.mgprc}, {"dropped_smbus", s.mgpdc},
  };
}
constexpr uint32_t E1000_STATS_LEN = 46;  // E1000_GLOBAL_STATS_LEN

// veth_get_strings / veth_get_ethtool_stats: ethtool_stats_keys (peer_ifindex), then
// veth_rq_stats_desc for each of the real_num_rx_queues ("rx_queue_%u_%.11s"): the XDP counters,
// which stay 0 (the model runs no XDP program)
std::vector<std::pair<std::string, uint64_t>> VethStats(const VethDev* v) {
  std::vector<std::pair<std::string, uint64_t>> r;
  r.emplace_back("peer_ifindex", v->peer ? static_cast<uint64_t>(v->peer->ifindex) : 0);
  for (uint32_t i = 0; i < v->num_rx_queues; i++)
    for (const char* d : {"xdp_packets", "xdp_bytes", "xdp_drops"})
      r.emplace_back("rx_queue_" + std::to_string(i) + "_" + d, 0);
  return r;
}

// ---- dev_ethtool's handlers (net/core/ethtool.c); each returns 0 or -errno ----

// ethtool_get_drvinfo with e1000_get_drvinfo / veth_get_drvinfo, the counts from the driver's
// get_sset_count (ETH_SS_TEST, ETH_SS_STATS, ETH_SS_PRIV_FLAGS), get_regs_len, get_eeprom_len
int KernelGetDrvinfo(const Target& t, DrvInfo* info) {
  if (!t.dev) return -kENODEV;
  *info = DrvInfo();
  if (t.e1000) {
    info->driver = "e1000";
    info->version = "7.3.21-k8-NAPI";
    info->bus_info = t.e1000->bus_info;
    info->testinfo_len = E1000_TEST_LEN;
    info->n_stats = E1000_STATS_LEN;
    info->regdump_len = E1000_REGS_LEN_BYTES;
    info->eedump_len = E1000_EEPROM_LEN;
  } else {
    info->driver = "veth";
    info->version = "1.0";
    info->n_stats = static_cast<uint32_t>(VethStats(t.veth).size());
  }
  return 0;
}

// ethtool_get_link_ksettings (the nwords handshake then the zeroed struct the driver fills):
// e1000_get_link_ksettings for copper (ports, modes, phy_addr 0, speed and duplex while
// STATUS.LU, autoneg, MDI from phy_info.mdix_mode while the carrier is on, mdix control from
// hw->mdix = AUTO_ALL_MODES) / veth_get_link_ksettings
int KernelGetLinkKsettings(const Target& t, LinkSettings* ls) {
  if (!t.dev) return -kENODEV;
  *ls = LinkSettings();
  if (t.e1000) {
    uint64_t modes = Bit(LM_10baseT_Half) | Bit(LM_10baseT_Full) | Bit(LM_100baseT_Half) |
                     Bit(LM_100baseT_Full) | Bit(LM_1000baseT_Full);
    ls->supported[0] = modes | Bit(LM_Autoneg) | Bit(LM_TP);
    ls->advertising[0] = Bit(LM_TP) | Bit(LM_Autoneg) | E1000_ALL_SPEED_DUPLEX;  // hw->autoneg == 1
    ls->port = PORT_TP;
    ls->phy_address = 0;
    if (E1000LinkUp(t.e1000)) {
      ls->speed = t.e1000->link_speed;
      ls->duplex = t.e1000->link_duplex_full ? DUPLEX_FULL : DUPLEX_HALF;
    } else {
      ls->speed = SPEED_UNKNOWN;
      ls->duplex = DUPLEX_UNKNOWN;
    }
    ls->autoneg = AUTONEG_ENABLE;
    // the M88 PHY's MDIX bit (M88E1000_PSSR_MDIX) as e1000_phy_get_info reads it: MDI
    ls->mdix = t.e1000->carrier ? ETH_TP_MDI : ETH_TP_MDI_INVALID;
    ls->mdix_ctrl = ETH_TP_MDI_AUTO;
  } else {
    ls->speed = SPEED_10000;
    ls->duplex = DUPLEX_FULL;
    ls->port = PORT_TP;
    ls->autoneg = AUTONEG_DISABLE;
  }
  return 0;
}

// ethtool_get_wol: e1000_get_wol (the 82545EM is not excluded by e1000_wol_exclusion; wolopts
// from adapter->wol, which an EEPROM without APME leaves 0); veth has no get_wol
int KernelGetWol(const Target& t, uint32_t* supported, uint32_t* wolopts) {
  if (!t.dev) return -kENODEV;
  if (!t.e1000) return -kEOPNOTSUPP;
  *supported = WAKE_UCAST | WAKE_MCAST | WAKE_BCAST | WAKE_MAGIC;
  *wolopts = 0;
  return 0;
}

// ETHTOOL_GMSGLVL: e1000_get_msglevel; veth has none
int KernelGetMsglevel(const Target& t, uint32_t* v) {
  if (!t.dev) return -kENODEV;
  if (!t.e1000) return -kEOPNOTSUPP;
  *v = E1000_MSG_ENABLE;
  return 0;
}

// ethtool_get_link: netif_running(dev) && get_link (e1000_get_link: e1000_has_link, the PHY's
// link; veth: ethtool_op_get_link, netif_carrier_ok)
int KernelGetLink(const Target& t, uint32_t* v) {
  if (!t.dev) return -kENODEV;
  bool link = t.e1000 ? E1000LinkUp(t.e1000) : t.dev->carrier;
  *v = t.dev->IsUp() && link;
  return 0;
}

// __ethtool_get_sset_count: ETH_SS_FEATURES from the core, the rest from the driver
int KernelGetSsetCount(const Target& t, int sset) {
  if (sset == ETH_SS_FEATURES) return NETDEV_FEATURE_COUNT;
  if (sset != ETH_SS_STATS) return -kEOPNOTSUPP;
  if (t.e1000) return static_cast<int>(E1000_STATS_LEN);
  return static_cast<int>(VethStats(t.veth).size());
}

// ethtool_get_sset_info for one set: the mask comes back empty when the set has no count
int KernelGetSsetInfo(const Target& t, int sset, bool* present, uint32_t* len) {
  if (!t.dev) return -kENODEV;
  int rc = KernelGetSsetCount(t, sset);
  *present = rc >= 0;
  *len = rc >= 0 ? static_cast<uint32_t>(rc) : 0;
  return 0;
}

// ethtool_get_strings: netdev_features_strings, e1000_get_strings / veth_get_strings
int KernelGetStrings(const Target& t, int sset, std::vector<std::string>* out) {
  if (!t.dev) return -kENODEV;
  int rc = KernelGetSsetCount(t, sset);
  if (rc < 0) return rc;
  out->clear();
  if (sset == ETH_SS_FEATURES) {
    for (const char* n : kFeatureNames) out->push_back(n);
  } else if (t.e1000) {
    for (const auto& s : E1000Stats(t.e1000)) out->push_back(s.first);
  } else {
    for (const auto& s : VethStats(t.veth)) out->push_back(s.first);
  }
  return 0;
}

// ethtool_get_stats: e1000_get_ethtool_stats (e1000_update_stats first) / veth_get_ethtool_stats
int KernelGetStats(const Target& t, std::vector<uint64_t>* out) {
  if (!t.dev) return -kENODEV;
  out->clear();
  if (t.e1000) {
    E1000UpdateStats(t.e1000);
    for (const auto& s : E1000Stats(t.e1000)) out->push_back(s.second);
  } else {
    for (const auto& s : VethStats(t.veth)) out->push_back(s.second);
  }
  return 0;
}

// ethtool_get_ringparam: e1000_get_ringparam (82544 and later: 4096 descriptors at most, no
// mini or jumbo rings); veth has no get_ringparam
int KernelGetRingparam(const Target& t, RingParam* r) {
  if (!t.dev) return -kENODEV;
  if (!t.e1000) return -kEOPNOTSUPP;
  *r = RingParam();
  r->rx_max_pending = kE1000MacType < e1000_82544 ? E1000_MAX_RXD : E1000_MAX_82544_RXD;
  r->tx_max_pending = kE1000MacType < e1000_82544 ? E1000_MAX_TXD : E1000_MAX_82544_TXD;
  r->rx_pending = t.e1000->rx_count;
  r->tx_pending = t.e1000->tx_count;
  return 0;
}

// ethtool_set_ringparam: the request against the driver's maximums, then e1000_set_ringparam
// (no mini or jumbo ring; the sizes within E1000_MIN_RXD..MAX and ALIGNed to
// REQ_RX/TX_DESCRIPTOR_MULTIPLE (8) by E1000SetRingparam, the device down and up if running)
int KernelSetRingparam(const Target& t, const RingParam& r) {
  if (!t.dev) return -kENODEV;
  if (!t.e1000) return -kEOPNOTSUPP;
  RingParam max;
  KernelGetRingparam(t, &max);
  if (r.rx_pending > max.rx_max_pending || r.rx_mini_pending > max.rx_mini_max_pending ||
      r.rx_jumbo_pending > max.rx_jumbo_max_pending || r.tx_pending > max.tx_max_pending)
    return -kEINVAL;
  if (r.rx_mini_pending || r.rx_jumbo_pending) return -kEINVAL;
  E1000SetRingparam(t.e1000, r.rx_pending, r.tx_pending);
  return 0;
}

// e1000_get_coalesce: -EOPNOTSUPP below the 82545, else rx-usecs from itr_setting
int E1000GetCoalesce(const E1000Dev* a, Coalesce* ec) {
  if (kE1000MacType < e1000_82545) return -kEOPNOTSUPP;
  ec->rx_coalesce_usecs = a->itr_setting <= 4 ? a->itr_setting : 1000000 / a->itr_setting;
  return 0;
}

// ethtool_get_coalesce (v5.3 does not look at what get_coalesce returns: an 82540EM's request
// comes back zeroed, and succeeds); veth has no get_coalesce
int KernelGetCoalesce(const Target& t, Coalesce* ec) {
  if (!t.dev) return -kENODEV;
  if (!t.e1000) return -kEOPNOTSUPP;
  *ec = Coalesce();
  E1000GetCoalesce(t.e1000, ec);
  return 0;
}

// ethtool_set_coalesce (v5.3: no supported_coalesce_params check) and e1000_set_coalesce:
// -EOPNOTSUPP below the 82545; rx-usecs above E1000_MAX_ITR_USECS, between 4 and
// E1000_MIN_ITR_USECS, or 2 is -EINVAL; the ITR part is E1000SetCoalesce
int KernelSetCoalesce(const Target& t, const Coalesce& ec) {
  if (!t.dev) return -kENODEV;
  if (!t.e1000) return -kEOPNOTSUPP;
  if (kE1000MacType < e1000_82545) return -kEOPNOTSUPP;
  if (ec.rx_coalesce_usecs > E1000_MAX_ITR_USECS ||
      (ec.rx_coalesce_usecs > 4 && ec.rx_coalesce_usecs < E1000_MIN_ITR_USECS) || ec.rx_coalesce_usecs == 2)
    return -kEINVAL;
  E1000SetCoalesce(t.e1000, ec.rx_coalesce_usecs);
  return 0;
}

// ethtool_get_channels: neither e1000 nor veth (in v5.3) has get_channels
int KernelGetChannels(const Target& t) {
  if (!t.dev) return -kENODEV;
  return -kEOPNOTSUPP;
}

// ethtool_get_features
int KernelGetFeatures(const Target& t, Features* f) {
  if (!t.dev) return -kENODEV;
  *f = KernelFeatures(t);
  return 0;
}

// ethtool_get_one_feature (ethtool_get_feature_mask) for the legacy G* ioctls; ETHTOOL_GUFO is
// no longer a command (-EOPNOTSUPP)
int KernelGetOneFeature(const Target& t, LegacyGet cmd, uint32_t* v) {
  if (!t.dev) return -kENODEV;
  uint64_t mask = 0;
  switch (cmd) {
    case G_TXCSUM: mask = NETIF_F_CSUM_MASK | Bit(F_SCTP_CRC); break;
    case G_RXCSUM: mask = Bit(F_RXCSUM); break;
    case G_SG: mask = Bit(F_SG); break;
    case G_TSO: mask = NETIF_F_ALL_TSO; break;
    case G_GSO: mask = Bit(F_GSO); break;
    case G_GRO: mask = Bit(F_GRO); break;
    default: return -kEOPNOTSUPP;
  }
  *v = (KernelFeatures(t).active & mask) != 0;
  return 0;
}

// ethtool_set_features: valid bits outside NETIF_F_ETHTOOL_BITS are -EINVAL, those outside
// hw_features dropped (ETHTOOL_F_UNSUPPORTED, not an error); the wanted features updated and
// __netdev_update_features run. Only an e1000 is changed here (veth is refused by the caller).
int KernelSetFeatures(const Target& t, uint64_t valid, uint64_t requested) {
  if (!t.dev) return -kENODEV;
  if (valid & ~NETIF_F_ETHTOOL_BITS) return -kEINVAL;
  E1000FeatureState* s = E1000Features(t.e1000);
  valid &= kE1000HwFeatures;
  uint64_t wanted = (s->wanted & ~valid) | (requested & valid);
  // NETIF_F_RXFCS would hand the stack frames with their FCS, which the model's receive path
  // does not do
  if (wanted & Bit(F_RXFCS)) throw NotModelled{"-K rx-fcs on"};
  s->wanted = wanted;
  E1000UpdateFeatures(t.e1000, s);
  return 0;  // the ETHTOOL_F_UNSUPPORTED / ETHTOOL_F_WISH bits, which ethtool does not look at
}

// ---------------------------------------------------------------------------------------------
// User space: ethtool 6.1 (ethtool.c, common.c, netlink/netlink.c)

// show_usage's text (the args[] table's help lines, nl_monitor_usage, the FLAGS), as ethtool 6.1
// prints it; generated from its sources
const char kUsage[] = R"USAGE(ethtool version 6.1
Usage:
        ethtool [ FLAGS ]  DEVNAME	Display standard information about device
        ethtool [ FLAGS ] -s|--change DEVNAME	Change generic options
		[ speed %d ]
		[ lanes %d ]
		[ duplex half|full ]
		[ port tp|aui|bnc|mii|fibre|da ]
		[ mdix auto|on|off ]
		[ autoneg on|off ]
		[ advertise %x[/%x] | mode on|off ... [--] ]
		[ phyad %d ]
		[ xcvr internal|external ]
		[ wol %d[/%d] | p|u|m|b|a|g|s|f|d... ]
		[ sopass %x:%x:%x:%x:%x:%x ]
		[ msglvl %d[/%d] | type on|off ... [--] ]
		[ master-slave preferred-master|preferred-slave|forced-master|forced-slave ]
        ethtool [ FLAGS ] -a|--show-pause DEVNAME	Show pause options
        ethtool [ FLAGS ] -A|--pause DEVNAME	Set pause options
		[ autoneg on|off ]
		[ rx on|off ]
		[ tx on|off ]
        ethtool [ FLAGS ] -c|--show-coalesce DEVNAME	Show coalesce options
        ethtool [ FLAGS ] -C|--coalesce DEVNAME	Set coalesce options
		[adaptive-rx on|off]
		[adaptive-tx on|off]
		[rx-usecs N]
		[rx-frames N]
		[rx-usecs-irq N]
		[rx-frames-irq N]
		[tx-usecs N]
		[tx-frames N]
		[tx-usecs-irq N]
		[tx-frames-irq N]
		[stats-block-usecs N]
		[pkt-rate-low N]
		[rx-usecs-low N]
		[rx-frames-low N]
		[tx-usecs-low N]
		[tx-frames-low N]
		[pkt-rate-high N]
		[rx-usecs-high N]
		[rx-frames-high N]
		[tx-usecs-high N]
		[tx-frames-high N]
		[sample-interval N]
		[cqe-mode-rx on|off]
		[cqe-mode-tx on|off]
        ethtool [ FLAGS ] -g|--show-ring DEVNAME	Query RX/TX ring parameters
        ethtool [ FLAGS ] -G|--set-ring DEVNAME	Set RX/TX ring parameters
		[ rx N ]
		[ rx-mini N ]
		[ rx-jumbo N ]
		[ tx N ]
		[ rx-buf-len N]
             [ cqe-size N]
		[ tx-push on|off]
        ethtool [ FLAGS ] -k|--show-features|--show-offload DEVNAME	Get state of protocol offload and other features
        ethtool [ FLAGS ] -K|--features|--offload DEVNAME	Set protocol offload and other features
		FEATURE on|off ...
        ethtool [ FLAGS ] -i|--driver DEVNAME	Show driver information
        ethtool [ FLAGS ] -d|--register-dump DEVNAME	Do a register dump
		[ raw on|off ]
		[ file FILENAME ]
        ethtool [ FLAGS ] -e|--eeprom-dump DEVNAME	Do a EEPROM dump
		[ raw on|off ]
		[ offset N ]
		[ length N ]
        ethtool [ FLAGS ] -E|--change-eeprom DEVNAME	Change bytes in device EEPROM
		[ magic N ]
		[ offset N ]
		[ length N ]
		[ value N ]
        ethtool [ FLAGS ] -r|--negotiate DEVNAME	Restart N-WAY negotiation
        ethtool [ FLAGS ] -p|--identify DEVNAME	Show visible port identification (e.g. blinking)
               [ TIME-IN-SECONDS ]
        ethtool [ FLAGS ] -t|--test DEVNAME	Execute adapter self test
               [ online | offline | external_lb ]
        ethtool [ FLAGS ] -S|--statistics DEVNAME	Show adapter statistics
               [ --all-groups | --groups [eth-phy] [eth-mac] [eth-ctrl] [rmon] ]
        ethtool [ FLAGS ] --phy-statistics DEVNAME	Show phy statistics
        ethtool [ FLAGS ] -n|-u|--show-nfc|--show-ntuple DEVNAME	Show Rx network flow classification options or rules
		[ rx-flow-hash tcp4|udp4|ah4|esp4|sctp4|tcp6|udp6|ah6|esp6|sctp6 [context %d] |
		  rule %d ]
        ethtool [ FLAGS ] -N|-U|--config-nfc|--config-ntuple DEVNAME	Configure Rx network flow classification options or rules
		rx-flow-hash tcp4|udp4|ah4|esp4|sctp4|tcp6|udp6|ah6|esp6|sctp6 m|v|t|s|d|f|n|r... [context %d] |
		flow-type ether|ip4|tcp4|udp4|sctp4|ah4|esp4|ip6|tcp6|udp6|ah6|esp6|sctp6
			[ src %x:%x:%x:%x:%x:%x [m %x:%x:%x:%x:%x:%x] ]
			[ dst %x:%x:%x:%x:%x:%x [m %x:%x:%x:%x:%x:%x] ]
			[ proto %d [m %x] ]
			[ src-ip IP-ADDRESS [m IP-ADDRESS] ]
			[ dst-ip IP-ADDRESS [m IP-ADDRESS] ]
			[ tos %d [m %x] ]
			[ tclass %d [m %x] ]
			[ l4proto %d [m %x] ]
			[ src-port %d [m %x] ]
			[ dst-port %d [m %x] ]
			[ spi %d [m %x] ]
			[ vlan-etype %x [m %x] ]
			[ vlan %x [m %x] ]
			[ user-def %x [m %x] ]
			[ dst-mac %x:%x:%x:%x:%x:%x [m %x:%x:%x:%x:%x:%x] ]
			[ action %d ] | [ vf %d queue %d ]
			[ context %d ]
			[ loc %d]] |
		delete %d
        ethtool [ FLAGS ] -T|--show-time-stamping DEVNAME	Show time stamping capabilities
        ethtool [ FLAGS ] -x|--show-rxfh-indir|--show-rxfh DEVNAME	Show Rx flow hash indirection table and/or RSS hash key
		[ context %d ]
        ethtool [ FLAGS ] -X|--set-rxfh-indir|--rxfh DEVNAME	Set Rx flow hash indirection table and/or RSS hash key
		[ context %d|new ]
		[ equal N | weight W0 W1 ... | default ]
		[ hkey %x:%x:%x:%x:%x:.... ]
		[ hfunc FUNC ]
		[ delete ]
        ethtool [ FLAGS ] -f|--flash DEVNAME	Flash firmware image from the specified file to a region on the device
               FILENAME [ REGION-NUMBER-TO-FLASH ]
        ethtool [ FLAGS ] -P|--show-permaddr DEVNAME	Show permanent hardware address
        ethtool [ FLAGS ] -w|--get-dump DEVNAME	Get dump flag, data
		[ data FILENAME ]
        ethtool [ FLAGS ] -W|--set-dump DEVNAME	Set dump flag of the device
		N
        ethtool [ FLAGS ] -l|--show-channels DEVNAME	Query Channels
        ethtool [ FLAGS ] -L|--set-channels DEVNAME	Set Channels
               [ rx N ]
               [ tx N ]
               [ other N ]
               [ combined N ]
        ethtool [ FLAGS ] --show-priv-flags DEVNAME	Query private flags
        ethtool [ FLAGS ] --set-priv-flags DEVNAME	Set private flags
		FLAG on|off ...
        ethtool [ FLAGS ] -m|--dump-module-eeprom|--module-info DEVNAME	Query/Decode Module EEPROM information and optical diagnostics if available
		[ raw on|off ]
		[ hex on|off ]
		[ offset N ]
		[ length N ]
		[ page N ]
		[ bank N ]
		[ i2c N ]
        ethtool [ FLAGS ] --show-eee DEVNAME	Show EEE settings
        ethtool [ FLAGS ] --set-eee DEVNAME	Set EEE settings
		[ eee on|off ]
		[ advertise %x ]
		[ tx-lpi on|off ]
		[ tx-timer %d ]
        ethtool [ FLAGS ] --set-phy-tunable DEVNAME	Set PHY tunable
		[ downshift on|off [count N] ]
		[ fast-link-down on|off [msecs N] ]
		[ energy-detect-power-down on|off [msecs N] ]
        ethtool [ FLAGS ] --get-phy-tunable DEVNAME	Get PHY tunable
		[ downshift ]
		[ fast-link-down ]
		[ energy-detect-power-down ]
        ethtool [ FLAGS ] --get-tunable DEVNAME	Get tunable
		[ rx-copybreak ]
		[ tx-copybreak ]
		[ tx-buf-size ]
		[ pfc-precention-tout ]
        ethtool [ FLAGS ] --set-tunable DEVNAME	Set tunable
		[ rx-copybreak N]
		[ tx-copybreak N]
		[ tx-buf-size N]
		[ pfc-precention-tout N]
        ethtool [ FLAGS ] --reset DEVNAME	Reset components
		[ flags %x ]
		[ mgmt ]
		[ mgmt-shared ]
		[ irq ]
		[ irq-shared ]
		[ dma ]
		[ dma-shared ]
		[ filter ]
		[ filter-shared ]
		[ offload ]
		[ offload-shared ]
		[ mac ]
		[ mac-shared ]
		[ phy ]
		[ phy-shared ]
		[ ram ]
		[ ram-shared ]
		[ ap ]
		[ ap-shared ]
		[ dedicated ]
		[ all ]
        ethtool [ FLAGS ] --show-fec DEVNAME	Show FEC settings
        ethtool [ FLAGS ] --set-fec DEVNAME	Set FEC settings
		[ encoding auto|off|rs|baser|llrs [...]]
        ethtool [ FLAGS ] -Q|--per-queue DEVNAME	Apply per-queue command. 
The supported sub commands include --show-coalesce, --coalesce             [queue_mask %x] SUB_COMMAND
        ethtool [ FLAGS ] --cable-test DEVNAME	Perform a cable test
        ethtool [ FLAGS ] --cable-test-tdr DEVNAME	Print cable test time domain reflectrometery data
		[ first N ]
		[ last N ]
		[ step N ]
		[ pair N ]
        ethtool [ FLAGS ] --show-tunnels DEVNAME	Show NIC tunnel offload information
        ethtool [ FLAGS ] --show-module DEVNAME	Show transceiver module settings
        ethtool [ FLAGS ] --set-module DEVNAME	Set transceiver module settings
		[ power-mode-policy high|auto ]
        ethtool [ FLAGS ] -h|--help 		Show this help
        ethtool [ FLAGS ] --version 		Show version number
        ethtool --monitor               Show kernel notifications
                ( [ --all ]
                  | -s | --change
                  | -k | --show-features | --show-offload | -K | --features | --offload
                  | --show-priv-flags | --set-priv-flags
                  | -g | --show-ring | -G | --set-ring
                  | -l | --show-channels | -L | --set-channels
                  | -c | --show-coalesce | -C | --coalesce
                  | -a | --show-pause | -A | --pause
                  | --show-eee | --set-eee
                  | --cable-test
                  | --cable-test-tdr
                  | --show-module | --set-module )
                [ DEVNAME | * ]

FLAGS:
	--debug MASK	turn on debugging messages
	--json		enable JSON output format (not supported by all commands)
	-I|--include-statistics		request device statistics related to the command (not supported by all commands)
)USAGE";

// args[]: the option words, no_dev and json, and whether it has an ioctl handler (func), a
// netlink one (nlfunc) and an nlchk
struct Option {
  const char* opts;
  bool no_dev, json, func, nlfunc, nlchk;
};
const Option kArgs[] = {
    {"", false, false, true, true, false},
    {"-s|--change", false, false, true, true, false},
    {"-a|--show-pause", false, true, true, true, false},
    {"-A|--pause", false, false, true, true, false},
    {"-c|--show-coalesce", false, false, true, true, false},
    {"-C|--coalesce", false, false, true, true, false},
    {"-g|--show-ring", false, false, true, true, false},
    {"-G|--set-ring", false, false, true, true, false},
    {"-k|--show-features|--show-offload", false, true, true, true, false},
    {"-K|--features|--offload", false, false, true, true, false},
    {"-i|--driver", false, false, true, false, false},
    {"-d|--register-dump", false, false, true, false, false},
    {"-e|--eeprom-dump", false, false, true, false, false},
    {"-E|--change-eeprom", false, false, true, false, false},
    {"-r|--negotiate", false, false, true, false, false},
    {"-p|--identify", false, false, true, false, false},
    {"-t|--test", false, false, true, false, false},
    {"-S|--statistics", false, true, true, true, true},
    {"--phy-statistics", false, false, true, false, false},
    {"-n|-u|--show-nfc|--show-ntuple", false, false, true, false, false},
    {"-N|-U|--config-nfc|--config-ntuple", false, false, true, false, false},
    {"-T|--show-time-stamping", false, false, true, true, false},
    {"-x|--show-rxfh-indir|--show-rxfh", false, false, true, false, false},
    {"-X|--set-rxfh-indir|--rxfh", false, false, true, false, false},
    {"-f|--flash", false, false, true, false, false},
    {"-P|--show-permaddr", false, false, true, true, false},
    {"-w|--get-dump", false, false, true, false, false},
    {"-W|--set-dump", false, false, true, false, false},
    {"-l|--show-channels", false, false, true, true, false},
    {"-L|--set-channels", false, false, true, true, false},
    {"--show-priv-flags", false, false, true, true, false},
    {"--set-priv-flags", false, false, true, true, false},
    {"-m|--dump-module-eeprom|--module-info", false, false, true, true, false},
    {"--show-eee", false, false, true, true, false},
    {"--set-eee", false, false, true, true, false},
    {"--set-phy-tunable", false, false, true, false, false},
    {"--get-phy-tunable", false, false, true, false, false},
    {"--get-tunable", false, false, true, false, false},
    {"--set-tunable", false, false, true, false, false},
    {"--reset", false, false, true, false, false},
    {"--show-fec", false, true, true, true, false},
    {"--set-fec", false, false, true, true, false},
    {"-Q|--per-queue", false, false, true, false, false},
    {"--cable-test", false, true, false, true, false},
    {"--cable-test-tdr", false, true, false, true, false},
    {"--show-tunnels", false, false, false, true, false},
    {"--show-module", false, true, false, true, false},
    {"--set-module", false, false, false, true, false},
    {"-h|--help", true, false, true, false, false},
    {"--version", true, false, true, false, false},
    {nullptr, false, false, false, false, false},
};

// common.c off_flag_def: the legacy offload flags, their long names and the kernel feature
// names (one wildcard) they stand for; lro..txvlan come from ETHTOOL_GFLAGS
struct OffFlagDef {
  const char* short_name;
  const char* long_name;
  const char* kernel_name;
  LegacyGet get_cmd;
  unsigned min_kernel_ver;
};
constexpr unsigned KernelVersion(unsigned a, unsigned b, unsigned c) { return (a << 16) + (b << 8) + c; }
const OffFlagDef kOffFlagDef[] = {
    {"rx", "rx-checksumming", "rx-checksum", G_RXCSUM, 0},
    {"tx", "tx-checksumming", "tx-checksum-*", G_TXCSUM, 0},
    {"sg", "scatter-gather", "tx-scatter-gather*", G_SG, 0},
    {"tso", "tcp-segmentation-offload", "tx-tcp*-segmentation", G_TSO, 0},
    {"ufo", "udp-fragmentation-offload", "tx-udp-fragmentation", G_UFO, 0},
    {"gso", "generic-segmentation-offload", "tx-generic-segmentation", G_GSO, 0},
    {"gro", "generic-receive-offload", "rx-gro", G_GRO, 0},
    {"lro", "large-receive-offload", "rx-lro", G_NONE, KernelVersion(2, 6, 24)},
    {"rxvlan", "rx-vlan-offload", "rx-vlan-hw-parse", G_NONE, KernelVersion(2, 6, 37)},
    {"txvlan", "tx-vlan-offload", "tx-vlan-hw-insert", G_NONE, KernelVersion(2, 6, 37)},
    {"ntuple", "ntuple-filters", "rx-ntuple-filter", G_NONE, 0},
    {"rxhash", "receive-hashing", "rx-hashing", G_NONE, 0},
};
constexpr int OFF_FLAG_DEF_SIZE = 12;
constexpr int kOffLro = 7, kOffRxvlan = 8, kOffTxvlan = 9, kOffNtuple = 10, kOffRxhash = 11;
// the off flag's value in feature_state.off_flags (ETH_FLAG_* in ethtool; any distinct bits do)
constexpr uint32_t OffFlagValue(int i) { return 1u << i; }
// uname -r of the machine: the v5.3 kernel (dump_features hides ufo from 4.14 on)
constexpr unsigned kKernelVersion = KernelVersion(5, 3, 0);

struct FeatureDefs {  // struct feature_defs
  size_t n_features = 0;
  unsigned off_flag_matched[OFF_FLAG_DEF_SIZE] = {};
  std::vector<std::string> name;
  std::vector<int> off_flag_index;
};
struct FeatureState {  // struct feature_state
  uint32_t off_flags = 0;
  Features features;
};

enum CmdlType { CMDL_BOOL, CMDL_S32, CMDL_FLAG };
struct CmdlineInfo {  // struct cmdline_info, for the types these subcommands use
  const char* name;
  CmdlType type;
  int* wanted_val = nullptr;     // BOOL, S32: the value asked for (-1 when not)
  uint32_t* ioctl_val = nullptr;  // the ioctl struct's field it is for
  uint64_t flag_val = 0;          // FLAG: the bit, set in *wanted_flags on "on"
  uint64_t* wanted_flags = nullptr;
  uint64_t* seen_flags = nullptr;  // FLAG: every bit named
};

class Ethtool {
 public:
  explicit Ethtool(CmdCtx& ctx) : ctx_(ctx) {}
  int Main(const std::vector<std::string>& argv);

 private:
  CmdCtx& ctx_;
  bool json_ = false;
  bool have_dev_ = false;
  std::string devname_;
  std::vector<std::string> argp_;  // ctx->argp: what follows the device name
  Target target_;
  bool resolved_ = false;
  int errno_ = 0;

  void Out(const std::string& s) { ctx_.Out(s); }
  void Err(const std::string& s) { ctx_.Err(s); }
  // perror(s)
  void Perror(const std::string& s) { Err(s + ": " + std::strerror(errno_) + "\n"); }
  // exit_bad_args
  [[noreturn]] void ExitBadArgs() {
    Err("ethtool: bad command line argument(s)\nFor more information run ethtool -h\n");
    throw Exit{1};
  }
  // send_ioctl: 0, or -1 with errno set from the kernel's -errno
  int Ioctl(int rc) {
    if (rc < 0) {
      errno_ = -rc;
      return -1;
    }
    return 0;
  }
  // the device the ioctls address (ctx->ifr.ifr_name), looked up at the first of them
  const Target& Dev();

  void NetlinkRunHandler(const Option& opt);
  long long GetIntRange(const std::string& s, long long min, long long max);
  void ParseGenericCmdline(int* changed, std::vector<CmdlineInfo>& info);
  void DoGenericSet(std::vector<CmdlineInfo>& info, int* changed);
  FeatureDefs* GetFeatureDefs(FeatureDefs* defs);
  bool GetStringset(int set_id, bool drvinfo_fallback, std::vector<std::string>* strings);
  bool GetFeatures(const FeatureDefs& defs, FeatureState* state);
  void DumpOneFeature(const char* indent, const std::string& name, const FeatureState& state,
                      const FeatureState* ref, size_t index);
  void DumpFeatures(const FeatureDefs& defs, const FeatureState& state, const FeatureState* ref);
  void DumpLinkCaps(const char* prefix, const char* an_prefix, const uint64_t* mask, bool link_mode_only);
  void DumpLinkUsettings(const LinkSettings& ls);
  void DumpMdix(uint8_t mdix, uint8_t mdix_ctrl);
  void PrintFlagsMsglvl(uint32_t value);
  static std::string UnparseWolopts(uint32_t wolopts);

  int DoGset();
  int DoGdrv();
  int DoGstats();
  int DoGring();
  int DoSring();
  int DoGcoalesce();
  int DoScoalesce();
  int DoGfeatures();
  int DoSfeatures();
  int DoGchannels();
};

const Target& Ethtool::Dev() {
  if (!resolved_) {
    resolved_ = true;
    target_.dev = ctx_.net ? ctx_.net->DevGetByName(devname_) : nullptr;
    if (target_.dev) {
      target_.e1000 = dynamic_cast<E1000Dev*>(target_.dev);
      target_.veth = dynamic_cast<VethDev*>(target_.dev);
      // the other drivers' ethtool_ops (loopback, bridge, macvlan, ipvlan, tun) are not written
      if (!target_.e1000 && !target_.veth) throw NotModelled{"on " + devname_};
    }
  }
  return target_;
}

// get_int_range (base 0, as strtoll reads it)
long long Ethtool::GetIntRange(const std::string& s, long long min, long long max) {
  char* endp = nullptr;
  errno = 0;
  long long v = std::strtoll(s.c_str(), &endp, 0);
  if (errno || *endp || v < min || v > max) ExitBadArgs();
  return v;
}

// parse_generic_cmdline
void Ethtool::ParseGenericCmdline(int* changed, std::vector<CmdlineInfo>& info) {
  for (size_t i = 0; i < argp_.size(); i++) {
    bool found = false;
    for (CmdlineInfo& in : info) {
      if (argp_[i] != in.name) continue;
      found = true;
      *changed = 1;
      i += 1;
      if (i >= argp_.size()) ExitBadArgs();
      const std::string& v = argp_[i];
      switch (in.type) {
        case CMDL_BOOL:
          if (v == "on") *in.wanted_val = 1;
          else if (v == "off") *in.wanted_val = 0;
          else ExitBadArgs();
          break;
        case CMDL_S32:
          *in.wanted_val = static_cast<int>(GetIntRange(v, -0x80000000LL, 0x7fffffff));
          break;
        case CMDL_FLAG:
          *in.seen_flags |= in.flag_val;
          if (v == "on") *in.wanted_flags |= in.flag_val;
          else if (v != "off") ExitBadArgs();
          break;
      }
      break;
    }
    if (!found) ExitBadArgs();
  }
}

// do_generic_set / do_generic_set1
void Ethtool::DoGenericSet(std::vector<CmdlineInfo>& info, int* changed) {
  for (CmdlineInfo& in : info) {
    int wanted = *in.wanted_val;
    if (wanted < 0) continue;
    if (wanted == static_cast<int>(*in.ioctl_val)) {
      Err(std::string(in.name) + " unmodified, ignoring\n");
    } else {
      *in.ioctl_val = static_cast<uint32_t>(wanted);
      *changed = 1;
    }
  }
}

// netlink_run_handler: on v5.3 netlink_init fails (no "ethtool" genetlink family), so every
// subcommand with an ioctl handler falls back to it; the others end here
void Ethtool::NetlinkRunHandler(const Option& opt) {
  std::string reason;
  if (opt.nlchk && argp_.empty()) {  // nl_gstats_chk: netlink only for --groups and the like
    reason = "ioctl-only request";
  } else {
    if (have_dev_ && devname_.size() >= 128) {  // ALTIFNAMSIZ
      Err("device name '" + devname_ + "' longer than 127 characters\n");
      throw Exit{1};
    }
    reason = opt.nlfunc ? "netlink interface initialization failed" : "ethtool netlink support for subcommand missing";
  }
  if (!opt.func) {
    Err(reason + ", subcommand not supported by ioctl\n");
    throw Exit{1};
  }
  if (have_dev_ && devname_ == "*") {  // WILDCARD_DEVNAME
    Err(reason + ", wildcard dump not supported\n");
    throw Exit{1};
  }
  if (have_dev_ && devname_.size() >= 16) {  // IFNAMSIZ
    Err(reason + ", device name longer than 15 not supported\n");
    throw Exit{1};
  }
}

// ---- do_gset and what it prints (dump_link_usettings, dump_supported, dump_link_caps,
// common.c dump_wol, dump_mdix, print_flags) ----

void Ethtool::DumpLinkCaps(const char* prefix, const char* an_prefix, const uint64_t* mask, bool link_mode_only) {
  // mode_defs (the first of them: the others are link modes neither device reports)
  static const struct {
    bool same_line;
    int bit;
    const char* name;
  } kModeDefs[] = {
      {false, LM_10baseT_Half, "10baseT/Half"},   {true, LM_10baseT_Full, "10baseT/Full"},
      {false, LM_100baseT_Half, "100baseT/Half"}, {true, LM_100baseT_Full, "100baseT/Full"},
      {false, LM_1000baseT_Half, "1000baseT/Half"}, {true, LM_1000baseT_Full, "1000baseT/Full"},
  };
  auto test = [mask](int b) { return (mask[b / 64] >> (b % 64)) & 1; };
  int indent = static_cast<int>(std::strlen(prefix)) + 14;
  if (indent < 24) indent = 24;
  Out(Format("\t%s link modes:%*s", prefix, indent - static_cast<int>(std::strlen(prefix)) - 12, ""));
  int did1 = 0;
  bool new_line_pend = false;
  for (const auto& m : kModeDefs) {
    if (did1 && !m.same_line) new_line_pend = true;
    if (test(m.bit)) {
      if (new_line_pend) {
        Out("\n");
        Out(Format("\t%*s", indent, ""));
        new_line_pend = false;
      }
      did1++;
      Out(std::string(m.name) + " ");
    }
  }
  if (did1 == 0) Out("Not reported");
  Out("\n");
  if (link_mode_only) return;
  Out(Format("\t%s pause frame use: ", prefix));
  if (test(LM_Pause)) Out(test(LM_Asym_Pause) ? "Symmetric Receive-only\n" : "Symmetric\n");
  else Out(test(LM_Asym_Pause) ? "Transmit-only\n" : "No\n");
  Out(Format("\t%s auto-negotiation: %s\n", an_prefix, test(LM_Autoneg) ? "Yes" : "No"));
  Out(Format("\t%s FEC modes:", prefix));
  bool fecreported = false;
  if (test(LM_FEC_NONE)) Out(" None"), fecreported = true;
  if (test(LM_FEC_BASER)) Out(" BaseR"), fecreported = true;
  if (test(LM_FEC_RS)) Out(" RS"), fecreported = true;
  if (test(LM_FEC_LLRS)) Out(" LLRS"), fecreported = true;
  if (!fecreported) Out(" Not reported");
  Out("\n");
}

void Ethtool::DumpMdix(uint8_t mdix, uint8_t mdix_ctrl) {
  Out("\tMDI-X: ");
  if (mdix_ctrl == ETH_TP_MDI) {
    Out("off (forced)\n");
  } else if (mdix_ctrl == ETH_TP_MDI_X) {
    Out("on (forced)\n");
  } else {
    Out(mdix == ETH_TP_MDI ? "off" : mdix == ETH_TP_MDI_X ? "on" : "Unknown");
    if (mdix_ctrl == ETH_TP_MDI_AUTO) Out(" (auto)");
    Out("\n");
  }
}

void Ethtool::DumpLinkUsettings(const LinkSettings& ls) {
  // dump_supported
  auto sup = [&ls](int b) { return (ls.supported[b / 64] >> (b % 64)) & 1; };
  Out("\tSupported ports: [ ");
  if (sup(LM_TP)) Out("TP ");
  if (sup(LM_AUI)) Out("AUI ");
  if (sup(LM_BNC)) Out("BNC ");
  if (sup(LM_MII)) Out("MII ");
  if (sup(LM_FIBRE)) Out("FIBRE ");
  if (sup(LM_Backplane)) Out("Backplane ");
  Out("]\n");
  DumpLinkCaps("Supported", "Supports", ls.supported, false);
  DumpLinkCaps("Advertised", "Advertised", ls.advertising, false);
  if (ls.lp_advertising[0] || ls.lp_advertising[1])
    DumpLinkCaps("Link partner advertised", "Link partner advertised", ls.lp_advertising, false);
  Out("\tSpeed: ");
  if (ls.speed == 0 || ls.speed == 0xffff || ls.speed == 0xffffffffu) Out("Unknown!\n");
  else Out(Format("%uMb/s\n", ls.speed));
  Out("\tDuplex: ");
  switch (ls.duplex) {
    case DUPLEX_HALF: Out("Half\n"); break;
    case DUPLEX_FULL: Out("Full\n"); break;
    default: Out(Format("Unknown! (%i)\n", ls.duplex)); break;
  }
  Out("\tPort: ");
  switch (ls.port) {
    case PORT_TP: Out("Twisted Pair\n"); break;
    case PORT_AUI: Out("AUI\n"); break;
    case PORT_BNC: Out("BNC\n"); break;
    case PORT_MII: Out("MII\n"); break;
    case PORT_FIBRE: Out("FIBRE\n"); break;
    case PORT_DA: Out("Direct Attach Copper\n"); break;
    case PORT_NONE: Out("None\n"); break;
    case PORT_OTHER: Out("Other\n"); break;
    default: Out(Format("Unknown! (%i)\n", ls.port)); break;
  }
  Out(Format("\tPHYAD: %d\n", ls.phy_address));
  Out("\tTransceiver: ");
  Out(ls.transceiver == XCVR_INTERNAL ? "internal\n" : ls.transceiver == XCVR_EXTERNAL ? "external\n" : "Unknown!\n");
  Out(Format("\tAuto-negotiation: %s\n", ls.autoneg == AUTONEG_DISABLE ? "off" : "on"));
  if (ls.port == PORT_TP) DumpMdix(ls.mdix, ls.mdix_ctrl);
}

// common.c unparse_wolopts
std::string Ethtool::UnparseWolopts(uint32_t w) {
  if (!w) return "d";
  std::string s;
  if (w & WAKE_PHY) s += 'p';
  if (w & WAKE_UCAST) s += 'u';
  if (w & WAKE_MCAST) s += 'm';
  if (w & WAKE_BCAST) s += 'b';
  if (w & WAKE_ARP) s += 'a';
  if (w & WAKE_MAGIC) s += 'g';
  if (w & WAKE_MAGICSECURE) s += 's';
  if (w & WAKE_FILTER) s += 'f';
  return s;
}

// common.c print_flags(flags_msglvl, ...)
void Ethtool::PrintFlagsMsglvl(uint32_t value) {
  static const char* const kNames[] = {"drv",       "probe",   "link",      "timer",   "ifdown",
                                       "ifup",      "rx_err",  "tx_err",    "tx_queued", "intr",
                                       "tx_done",   "rx_status", "pktdata", "hw",      "wol"};
  const char* sep = "";
  for (int i = 0; i < 15; i++) {
    if (value & (1u << i)) {
      Out(std::string(sep) + kNames[i]);
      sep = " ";
      value &= ~(1u << i);
    }
  }
  if (value) Out(Format("%s%#x", sep, value));
}

// do_gset (ETHTOOL_GLINKSETTINGS, then ETHTOOL_GSET, ETHTOOL_GWOL, ETHTOOL_GMSGLVL, ETHTOOL_GLINK)
int Ethtool::DoGset() {
  if (!argp_.empty()) ExitBadArgs();
  Out("Settings for " + devname_ + ":\n");
  bool allfail = true;
  LinkSettings ls;
  // do_ioctl_glinksettings, else do_ioctl_gset: both ask get_link_ksettings in v5.3
  if (Ioctl(KernelGetLinkKsettings(Dev(), &ls)) == 0 || Ioctl(KernelGetLinkKsettings(Dev(), &ls)) == 0) {
    DumpLinkUsettings(ls);
    allfail = false;
  } else if (errno_ != kEOPNOTSUPP) {
    Perror("Cannot get device settings");
  }
  uint32_t supported = 0, wolopts = 0;
  if (Ioctl(KernelGetWol(Dev(), &supported, &wolopts)) == 0) {
    Out("\tSupports Wake-on: " + UnparseWolopts(supported) + "\n");
    Out("\tWake-on: " + UnparseWolopts(wolopts) + "\n");
    allfail = false;
  } else if (errno_ != kEOPNOTSUPP) {
    Perror("Cannot get wake-on-lan settings");
  }
  uint32_t data = 0;
  if (Ioctl(KernelGetMsglevel(Dev(), &data)) == 0) {
    Out(Format("\tCurrent message level: 0x%08x (%d)\n\t\t\t       ", data, static_cast<int>(data)));
    PrintFlagsMsglvl(data);
    Out("\n");
    allfail = false;
  } else if (errno_ != kEOPNOTSUPP) {
    Perror("Cannot get message level");
  }
  if (Ioctl(KernelGetLink(Dev(), &data)) == 0) {
    Out(std::string("\tLink detected: ") + (data ? "yes" : "no") + "\n");
    allfail = false;
  } else if (errno_ != kEOPNOTSUPP) {
    Perror("Cannot get link status");
  }
  if (allfail) {
    Out("No data available\n");
    return 75;
  }
  return 0;
}

// do_gdrv and dump_drvinfo
int Ethtool::DoGdrv() {
  if (!argp_.empty()) ExitBadArgs();
  DrvInfo info;
  if (Ioctl(KernelGetDrvinfo(Dev(), &info)) < 0) {
    Perror("Cannot get driver information");
    return 71;
  }
  Out("driver: " + info.driver + "\nversion: " + info.version + "\nfirmware-version: " + info.fw_version +
      "\nexpansion-rom-version: " + info.erom_version + "\nbus-info: " + info.bus_info +
      "\nsupports-statistics: " + (info.n_stats ? "yes" : "no") +
      "\nsupports-test: " + (info.testinfo_len ? "yes" : "no") +
      "\nsupports-eeprom-access: " + (info.eedump_len ? "yes" : "no") +
      "\nsupports-register-dump: " + (info.regdump_len ? "yes" : "no") +
      "\nsupports-priv-flags: " + (info.n_priv_flags ? "yes" : "no") + "\n");
  return 0;
}

// get_stringset: ETHTOOL_GSSET_INFO (ETHTOOL_GDRVINFO's count when that is not supported and
// a fallback is given), then ETHTOOL_GSTRINGS
bool Ethtool::GetStringset(int set_id, bool drvinfo_fallback, std::vector<std::string>* strings) {
  bool present = false;
  uint32_t len = 0;
  if (Ioctl(KernelGetSsetInfo(Dev(), set_id, &present, &len)) == 0) {
    if (!present) len = 0;
  } else if (errno_ == kEOPNOTSUPP && drvinfo_fallback) {
    DrvInfo info;
    if (Ioctl(KernelGetDrvinfo(Dev(), &info)) < 0) return false;
    len = info.n_stats;
  } else {
    return false;
  }
  strings->clear();
  if (len != 0 && Ioctl(KernelGetStrings(Dev(), set_id, strings)) < 0) return false;
  strings->resize(len);
  return true;
}

// do_gstats(ETHTOOL_GSTATS, ETH_SS_STATS, "NIC") (do_gnicstats)
int Ethtool::DoGstats() {
  if (!argp_.empty()) ExitBadArgs();
  std::vector<std::string> strings;
  if (!GetStringset(ETH_SS_STATS, true, &strings)) {
    Perror("Cannot get stats strings information");
    return 96;
  }
  if (strings.empty()) {
    Err("no stats available\n");
    return 94;
  }
  std::vector<uint64_t> stats;
  if (Ioctl(KernelGetStats(Dev(), &stats)) < 0) {
    Perror("Cannot get stats information");
    return 97;
  }
  Out("NIC statistics:\n");
  for (size_t i = 0; i < strings.size(); i++)
    Out(Format("     %.*s: %llu\n", 32, strings[i].c_str(),
               static_cast<unsigned long long>(i < stats.size() ? stats[i] : 0)));
  return 0;
}

// do_gring and dump_ring
int Ethtool::DoGring() {
  if (!argp_.empty()) ExitBadArgs();
  Out("Ring parameters for " + devname_ + ":\n");
  RingParam r;
  if (Ioctl(KernelGetRingparam(Dev(), &r)) < 0) {
    Perror("Cannot get device ring settings");
    return 76;
  }
  Out(Format("Pre-set maximums:\nRX:\t\t%u\nRX Mini:\t%u\nRX Jumbo:\t%u\nTX:\t\t%u\n", r.rx_max_pending,
             r.rx_mini_max_pending, r.rx_jumbo_max_pending, r.tx_max_pending));
  Out(Format("Current hardware settings:\nRX:\t\t%u\nRX Mini:\t%u\nRX Jumbo:\t%u\nTX:\t\t%u\n", r.rx_pending,
             r.rx_mini_pending, r.rx_jumbo_pending, r.tx_pending));
  Out("\n");
  return 0;
}

// do_sring
int Ethtool::DoSring() {
  RingParam r;
  int rx = -1, rx_mini = -1, rx_jumbo = -1, tx = -1;
  std::vector<CmdlineInfo> info = {
      {"rx", CMDL_S32, &rx, &r.rx_pending},
      {"rx-mini", CMDL_S32, &rx_mini, &r.rx_mini_pending},
      {"rx-jumbo", CMDL_S32, &rx_jumbo, &r.rx_jumbo_pending},
      {"tx", CMDL_S32, &tx, &r.tx_pending},
  };
  int gring_changed = 0, changed = 0;
  ParseGenericCmdline(&gring_changed, info);
  if (Ioctl(KernelGetRingparam(Dev(), &r)) < 0) {
    Perror("Cannot get device ring settings");
    return 76;
  }
  DoGenericSet(info, &changed);
  if (!changed) {
    Err("no ring parameters changed, aborting\n");
    return 80;
  }
  if (Ioctl(KernelSetRingparam(Dev(), r)) < 0) {
    Perror("Cannot set device ring parameters");
    return 81;
  }
  return 0;
}

// do_gcoalesce and dump_coalesce
int Ethtool::DoGcoalesce() {
  if (!argp_.empty()) ExitBadArgs();
  Out("Coalesce parameters for " + devname_ + ":\n");
  Coalesce c;
  if (Ioctl(KernelGetCoalesce(Dev(), &c)) < 0) {
    Perror("Cannot get device coalesce settings");
    return 82;
  }
  Out(Format("Adaptive RX: %s  TX: %s\n", c.use_adaptive_rx_coalesce ? "on" : "off",
             c.use_adaptive_tx_coalesce ? "on" : "off"));
  Out(Format("stats-block-usecs: %u\nsample-interval: %u\npkt-rate-low: %u\npkt-rate-high: %u\n\n",
             c.stats_block_coalesce_usecs, c.rate_sample_interval, c.pkt_rate_low, c.pkt_rate_high));
  Out(Format("rx-usecs: %u\nrx-frames: %u\nrx-usecs-irq: %u\nrx-frames-irq: %u\n\n", c.rx_coalesce_usecs,
             c.rx_max_coalesced_frames, c.rx_coalesce_usecs_irq, c.rx_max_coalesced_frames_irq));
  Out(Format("tx-usecs: %u\ntx-frames: %u\ntx-usecs-irq: %u\ntx-frames-irq: %u\n\n", c.tx_coalesce_usecs,
             c.tx_max_coalesced_frames, c.tx_coalesce_usecs_irq, c.tx_max_coalesced_frames_irq));
  Out(Format("rx-usecs-low: %u\nrx-frames-low: %u\ntx-usecs-low: %u\ntx-frames-low: %u\n\n",
             c.rx_coalesce_usecs_low, c.rx_max_coalesced_frames_low, c.tx_coalesce_usecs_low,
             c.tx_max_coalesced_frames_low));
  Out(Format("rx-usecs-high: %u\nrx-frames-high: %u\ntx-usecs-high: %u\ntx-frames-high: %u\n\n",
             c.rx_coalesce_usecs_high, c.rx_max_coalesced_frames_high, c.tx_coalesce_usecs_high,
             c.tx_max_coalesced_frames_high));
  return 0;
}

// do_scoalesce (COALESCE_CMDLINE_INFO: the parameters the ioctl carries, in its order)
int Ethtool::DoScoalesce() {
  Coalesce c;
  struct Param {
    const char* name;
    CmdlType type;
    uint32_t Coalesce::*field;
  };
  static const Param kParams[] = {
      {"adaptive-rx", CMDL_BOOL, &Coalesce::use_adaptive_rx_coalesce},
      {"adaptive-tx", CMDL_BOOL, &Coalesce::use_adaptive_tx_coalesce},
      {"sample-interval", CMDL_S32, &Coalesce::rate_sample_interval},
      {"stats-block-usecs", CMDL_S32, &Coalesce::stats_block_coalesce_usecs},
      {"pkt-rate-low", CMDL_S32, &Coalesce::pkt_rate_low},
      {"pkt-rate-high", CMDL_S32, &Coalesce::pkt_rate_high},
      {"rx-usecs", CMDL_S32, &Coalesce::rx_coalesce_usecs},
      {"rx-frames", CMDL_S32, &Coalesce::rx_max_coalesced_frames},
      {"rx-usecs-irq", CMDL_S32, &Coalesce::rx_coalesce_usecs_irq},
      {"rx-frames-irq", CMDL_S32, &Coalesce::rx_max_coalesced_frames_irq},
      {"tx-usecs", CMDL_S32, &Coalesce::tx_coalesce_usecs},
      {"tx-frames", CMDL_S32, &Coalesce::tx_max_coalesced_frames},
      {"tx-usecs-irq", CMDL_S32, &Coalesce::tx_coalesce_usecs_irq},
      {"tx-frames-irq", CMDL_S32, &Coalesce::tx_max_coalesced_frames_irq},
      {"rx-usecs-low", CMDL_S32, &Coalesce::rx_coalesce_usecs_low},
      {"rx-frames-low", CMDL_S32, &Coalesce::rx_max_coalesced_frames_low},
      {"tx-usecs-low", CMDL_S32, &Coalesce::tx_coalesce_usecs_low},
      {"tx-frames-low", CMDL_S32, &Coalesce::tx_max_coalesced_frames_low},
      {"rx-usecs-high", CMDL_S32, &Coalesce::rx_coalesce_usecs_high},
      {"rx-frames-high", CMDL_S32, &Coalesce::rx_max_coalesced_frames_high},
      {"tx-usecs-high", CMDL_S32, &Coalesce::tx_coalesce_usecs_high},
      {"tx-frames-high", CMDL_S32, &Coalesce::tx_max_coalesced_frames_high},
  };
  constexpr size_t kN = sizeof kParams / sizeof kParams[0];
  int wanted[kN];
  std::vector<CmdlineInfo> info;
  for (size_t i = 0; i < kN; i++) {
    wanted[i] = -1;
    info.push_back({kParams[i].name, kParams[i].type, &wanted[i], &(c.*kParams[i].field)});
  }
  int gcoalesce_changed = 0, changed = 0;
  ParseGenericCmdline(&gcoalesce_changed, info);
  if (Ioctl(KernelGetCoalesce(Dev(), &c)) < 0) {
    Perror("Cannot get device coalesce settings");
    return 76;
  }
  DoGenericSet(info, &changed);
  if (!changed) {
    Err("no coalesce parameters changed, aborting\n");
    return 80;
  }
  if (Ioctl(KernelSetCoalesce(Dev(), c)) < 0) {
    Perror("Cannot set device coalesce parameters");
    return 81;
  }
  return 0;
}

// do_gchannels
int Ethtool::DoGchannels() {
  if (!argp_.empty()) ExitBadArgs();
  Out("Channel parameters for " + devname_ + ":\n");
  if (Ioctl(KernelGetChannels(Dev())) < 0) {
    Perror("Cannot get device channel parameters");
    return 1;
  }
  return 0;  // (no driver of the model has get_channels: dump_channels is never reached)
}

// ---- features (get_feature_defs, get_features, dump_features, do_gfeatures, do_sfeatures) ----

// get_feature_defs: the kernel's feature names, each matched to the first off flag whose
// kernel_name (with at most one '*') it fits
FeatureDefs* Ethtool::GetFeatureDefs(FeatureDefs* defs) {
  std::vector<std::string> names;
  size_t n_features = 0;
  if (GetStringset(ETH_SS_FEATURES, false, &names)) n_features = names.size();
  else if (errno_ == kEOPNOTSUPP || errno_ == kEINVAL || errno_ == EPERM) n_features = 0;
  else return nullptr;
  defs->n_features = n_features;
  defs->name = names;
  defs->off_flag_index.assign(n_features, -1);
  for (size_t i = 0; i < n_features; i++) {
    for (int j = 0; j < OFF_FLAG_DEF_SIZE && defs->off_flag_index[i] < 0; j++) {
      const char* pattern = kOffFlagDef[j].kernel_name;
      const char* name = defs->name[i].c_str();
      for (;;) {
        if (*pattern == '*') {
          size_t pattern_len = std::strlen(pattern + 1), name_len = std::strlen(name);
          if (name_len < pattern_len) break;
          name += name_len - pattern_len;
          ++pattern;
        } else if (*pattern != *name) {
          break;
        } else if (*pattern == 0) {
          defs->off_flag_index[i] = j;
          defs->off_flag_matched[j]++;
          break;
        } else {
          ++name;
          ++pattern;
        }
      }
    }
  }
  return defs;
}

// get_features: the legacy flags (ETHTOOL_G* and ETHTOOL_GFLAGS), then ETHTOOL_GFEATURES
bool Ethtool::GetFeatures(const FeatureDefs& defs, FeatureState* state) {
  bool allfail = true;
  state->off_flags = 0;
  for (int i = 0; i < OFF_FLAG_DEF_SIZE; i++) {
    if (kOffFlagDef[i].get_cmd == G_NONE) continue;
    uint32_t data = 0;
    if (Ioctl(KernelGetOneFeature(Dev(), kOffFlagDef[i].get_cmd, &data)) < 0) {
      if (errno_ == kEOPNOTSUPP && kOffFlagDef[i].get_cmd == G_UFO) continue;
      Err(std::string("Cannot get device ") + kOffFlagDef[i].long_name + " settings: " + std::strerror(errno_) + "\n");
    } else {
      if (data) state->off_flags |= OffFlagValue(i);
      allfail = false;
    }
  }
  // ETHTOOL_GFLAGS: __ethtool_get_flags
  Features f;
  if (Ioctl(KernelGetFeatures(Dev(), &f)) < 0) {
    Perror("Cannot get device flags");
  } else {
    if (f.active & Bit(F_LRO)) state->off_flags |= OffFlagValue(kOffLro);
    if (f.active & Bit(F_HW_VLAN_CTAG_RX)) state->off_flags |= OffFlagValue(kOffRxvlan);
    if (f.active & Bit(F_HW_VLAN_CTAG_TX)) state->off_flags |= OffFlagValue(kOffTxvlan);
    if (f.active & Bit(F_NTUPLE)) state->off_flags |= OffFlagValue(kOffNtuple);
    if (f.active & Bit(F_RXHASH)) state->off_flags |= OffFlagValue(kOffRxhash);
    allfail = false;
  }
  if (defs.n_features) {
    if (Ioctl(KernelGetFeatures(Dev(), &state->features)) < 0) Perror("Cannot get device generic features");
    else allfail = false;
  }
  return !allfail;
}

// dump_one_feature
void Ethtool::DumpOneFeature(const char* indent, const std::string& name, const FeatureState& state,
                             const FeatureState* ref, size_t index) {
  const Features& f = state.features;
  bool active = (f.active >> index) & 1;
  if (ref && active == (((ref->features.active >> index) & 1) != 0)) return;
  bool requested = (f.requested >> index) & 1;
  const char* mark = "";
  if (!((f.available >> index) & 1) || ((f.never_changed >> index) & 1)) mark = " [fixed]";
  else if (requested != active) mark = requested ? " [requested on]" : " [requested off]";
  Out(std::string(indent) + name + ": " + (active ? "on" : "off") + mark + "\n");
}

// dump_features
void Ethtool::DumpFeatures(const FeatureDefs& defs, const FeatureState& state, const FeatureState* ref) {
  for (int i = 0; i < OFF_FLAG_DEF_SIZE; i++) {
    // features whose state is unknown on this kernel version (ufo from 4.14 on)
    if (defs.off_flag_matched[i] == 0 &&
        ((kOffFlagDef[i].get_cmd == G_NONE && kKernelVersion < kOffFlagDef[i].min_kernel_ver) ||
         (kOffFlagDef[i].get_cmd == G_UFO && kKernelVersion >= KernelVersion(4, 14, 0))))
      continue;
    uint32_t value = OffFlagValue(i);
    bool indent = false;
    // a flag matching exactly one feature is shown by it, under the flag's name
    if (defs.off_flag_matched[i] != 1 && (!ref || ((state.off_flags ^ ref->off_flags) & value))) {
      Out(std::string(kOffFlagDef[i].long_name) + ": " + ((state.off_flags & value) ? "on" : "off") + "\n");
      indent = true;
    }
    for (size_t j = 0; j < defs.n_features; j++) {
      if (defs.off_flag_index[j] != i) continue;
      if (defs.off_flag_matched[i] != 1) DumpOneFeature(indent ? "\t" : "", defs.name[j], state, ref, j);
      else DumpOneFeature("", kOffFlagDef[i].long_name, state, ref, j);
    }
  }
  for (size_t j = 0; j < defs.n_features; j++)
    if (defs.off_flag_index[j] < 0 && !defs.name[j].empty()) DumpOneFeature("", defs.name[j], state, ref, j);
}

// do_gfeatures
int Ethtool::DoGfeatures() {
  if (!argp_.empty()) ExitBadArgs();
  FeatureDefs defs;
  if (!GetFeatureDefs(&defs)) {
    Perror("Cannot get device feature names");
    return 1;
  }
  Out("Features for " + devname_ + ":\n");
  FeatureState features;
  if (!GetFeatures(defs, &features)) {
    Out("no feature info available\n");
    return 1;
  }
  DumpFeatures(defs, features, nullptr);
  return 0;
}

// do_sfeatures: the legacy flag names and the kernel's feature names parsed, every feature a
// named flag stands for and the user did not name set as the flag says (unless it is fixed:
// "Cannot change"), one ETHTOOL_SFEATURES, then what changed against what was asked
int Ethtool::DoSfeatures() {
  FeatureDefs defs;
  if (!GetFeatureDefs(&defs)) {
    Perror("Cannot get device feature names");
    return 1;
  }
  uint64_t off_flags_wanted = 0, off_flags_mask = 0, requested = 0, valid = 0;
  std::vector<CmdlineInfo> info;
  for (int i = 0; i < OFF_FLAG_DEF_SIZE; i++) {
    for (const char* name : {kOffFlagDef[i].short_name, kOffFlagDef[i].long_name}) {
      CmdlineInfo c{name, CMDL_FLAG};
      c.flag_val = OffFlagValue(i);
      c.wanted_flags = &off_flags_wanted;
      c.seen_flags = &off_flags_mask;
      info.push_back(c);
    }
  }
  for (size_t i = 0; i < defs.n_features; i++) {
    CmdlineInfo c{defs.name[i].c_str(), CMDL_FLAG};
    c.flag_val = Bit(static_cast<int>(i));
    c.wanted_flags = &requested;
    c.seen_flags = &valid;
    info.push_back(c);
  }
  int any_changed = 0;
  ParseGenericCmdline(&any_changed, info);
  if (!any_changed) {
    Out("no features changed\n");
    return 0;
  }
  // (a veth's features live nowhere in the model to be changed)
  if (Dev().veth) throw NotModelled{"-K on a veth"};
  FeatureState old_state;
  if (!GetFeatures(defs, &old_state)) return 1;
  if (defs.n_features) {
    for (int i = 0; i < OFF_FLAG_DEF_SIZE; i++) {
      if (!(off_flags_mask & OffFlagValue(i))) continue;
      bool fixed = true;
      for (size_t j = 0; j < defs.n_features; j++) {
        if (defs.off_flag_index[j] != i || !((old_state.features.available >> j) & 1) ||
            ((old_state.features.never_changed >> j) & 1))
          continue;
        fixed = false;
        if (!((valid >> j) & 1)) {
          valid |= Bit(static_cast<int>(j));
          if (off_flags_wanted & OffFlagValue(i)) requested |= Bit(static_cast<int>(j));
        }
      }
      if (fixed) Err(std::string("Cannot change ") + kOffFlagDef[i].long_name + "\n");
    }
    if (Ioctl(KernelSetFeatures(Dev(), valid, requested)) < 0) {
      Perror("Cannot set device feature settings");
      return 1;
    }
  }
  FeatureState new_state;
  if (!GetFeatures(defs, &new_state)) return 1;
  bool changed = new_state.off_flags != old_state.off_flags;
  bool mismatch = new_state.off_flags != ((old_state.off_flags & ~off_flags_mask) | off_flags_wanted);
  if (new_state.features.active != old_state.features.active) changed = true;
  if (new_state.features.active != ((old_state.features.active & ~valid) | requested)) mismatch = true;
  if (mismatch) {
    if (!changed) {
      Err("Could not change any device features\n");
      return 1;
    }
    Out("Actual changes:\n");
    DumpFeatures(defs, new_state, &old_state);
  }
  return 0;
}

// find_option
int FindOption(const std::string& arg) {
  for (int k = 1; kArgs[k].opts; k++) {
    std::string opts = kArgs[k].opts;
    size_t at = 0;
    for (;;) {
      size_t bar = opts.find('|', at);
      if (opts.compare(at, bar == std::string::npos ? std::string::npos : bar - at, arg) == 0) return k;
      if (bar == std::string::npos) break;
      at = bar + 1;
    }
  }
  return -1;
}

// main
int Ethtool::Main(const std::vector<std::string>& argv) {
  std::vector<std::string> a(argv.begin() + 1, argv.end());
  size_t p = 0;
  auto argc = [&] { return a.size() - p; };
  for (;;) {
    if (p < a.size() && a[p] == "--debug") {
      if (argc() < 2) ExitBadArgs();
      char* eptr = nullptr;
      std::strtoul(a[p + 1].c_str(), &eptr, 0);  // ctx.debug: the netlink code's, unused on ioctl
      if (a[p + 1].empty() || *eptr) ExitBadArgs();
      p += 2;
      continue;
    }
    if (p < a.size() && a[p] == "--json") {
      json_ = true;
      p++;
      continue;
    }
    if (p < a.size() && (a[p] == "--include-statistics" || a[p] == "-I")) {  // netlink only
      p++;
      continue;
    }
    break;
  }
  if (p < a.size() && a[p] == "--monitor") {  // nl_monitor: netlink_init fails
    Err("Netlink interface initialization failed, option --monitor not supported.\n");
    return 1;
  }
  if (argc() == 0) ExitBadArgs();
  int k = FindOption(a[p]);
  if (k > 0) {
    p++;
  } else {
    if (!a[p].empty() && a[p][0] == '-') ExitBadArgs();
    k = 0;
  }
  const Option& opt = kArgs[k];
  if (!opt.no_dev) {
    if (p >= a.size()) ExitBadArgs();
    devname_ = a[p++];
    have_dev_ = true;
  }
  if (json_ && !opt.json) ExitBadArgs();
  argp_.assign(a.begin() + static_cast<long>(p), a.end());
  NetlinkRunHandler(opt);
  if (json_) ExitBadArgs();  // no ioctl command supports JSON output
  // ioctl_init
  if (!opt.no_dev && devname_.size() >= 16) {
    Err("Device name longer than 15 characters\n");
    ExitBadArgs();
  }
  const std::string o = opt.opts;
  if (o.empty()) return DoGset();
  if (o == "-i|--driver") return DoGdrv();
  if (o == "-S|--statistics") return DoGstats();
  if (o == "-g|--show-ring") return DoGring();
  if (o == "-G|--set-ring") return DoSring();
  if (o == "-c|--show-coalesce") return DoGcoalesce();
  if (o == "-C|--coalesce") return DoScoalesce();
  if (o == "-k|--show-features|--show-offload") return DoGfeatures();
  if (o == "-K|--features|--offload") return DoSfeatures();
  if (o == "-l|--show-channels") return DoGchannels();
  if (o == "-h|--help") {  // show_usage
    Out(kUsage);
    return 0;
  }
  if (o == "--version") {  // do_version
    Out("ethtool version 6.1\n");
    return 0;
  }
  throw NotModelled{o.substr(0, o.find('|'))};
}

int CmdEthtool(CmdCtx& ctx, const std::vector<std::string>& argv) {
  Ethtool e(ctx);
  try {
    return e.Main(argv);
  } catch (const Exit& x) {
    return x.status;
  } catch (const NotModelled& n) {
    ctx.Err("linuxnet: ethtool " + n.what + " is not modelled\n");
    return 1;
  }
}

const struct Registrar {
  Registrar() { RegisterCommand("ethtool", &CmdEthtool); }
} registrar;

}  // namespace
}  // namespace linuxnet
