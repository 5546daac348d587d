// drivers/net/ipvlan/ (v5.3): slaves that share their lower (master) device's MAC address and are
// told apart by IP address. The port's rx_handler (IpvlanHandleFrame) hands a frame to the slave
// that owns its destination address (ipvlan_addr_lookup); l2 mode also floods broadcasts to the
// slaves from a work item; l3/l3s slaves do no ARP and their outbound traffic is routed in the
// master's namespace. bridge (default) / private / vepa say whether slaves reach each other
// directly, never, or only through the outside switch.
#pragma once
#include <cerrno>
#include <deque>
#include <list>
#include <memory>
#include <string>

#include "net/core/netdevice.h"

namespace linuxnet {

enum IpvlanMode : uint16_t { IPVLAN_MODE_L2 = 0, IPVLAN_MODE_L3 = 1, IPVLAN_MODE_L3S = 2 };
enum : uint16_t { IPVLAN_F_PRIVATE = 1, IPVLAN_F_VEPA = 2 };
constexpr size_t IPVLAN_QBACKLOG_LIMIT = 1000;

class IpvlDev;

// one deferred multicast frame (IPVL_SKB_CB(skb)->tx_pkt, skb->dev held)
struct IpvlBacklogItem {
  SkbPtr skb;
  bool tx_pkt;
  ns3::Ptr<NetDev> dev;
};

// struct ipvl_port
struct IpvlPort : std::enable_shared_from_this<IpvlPort> {
  NetDev* dev = nullptr;
  uint16_t mode = IPVLAN_MODE_L3;
  uint16_t flags = 0;
  std::list<IpvlDev*> ipvlans;
  std::deque<IpvlBacklogItem> backlog;
  bool wq_scheduled = false;
  int count = 0;
  bool dead = false;
};

// struct ipvl_pcpu_stats
struct IpvlPcpuStats {
  uint64_t rx_pkts = 0, rx_bytes = 0, rx_mcast = 0, tx_pkts = 0, tx_bytes = 0, rx_errs = 0, tx_drps = 0;
};

// struct ipvl_dev
class IpvlDev : public NetDev {
 public:
  static ns3::TypeId GetTypeId();
  NetDev* phy_dev = nullptr;
  std::shared_ptr<IpvlPort> port;
  IpvlPcpuStats pcpu;

  NetdevTx NdoStartXmit(SkbPtr skb) override;  // ipvlan_start_xmit
  int NdoOpen() override;                      // ipvlan_open
  int NdoStop() override;                      // ipvlan_stop
  int NdoChangeMtu(uint32_t new_mtu) override;
  int NdoSetMacAddress(const MacAddr& a) override { return -EOPNOTSUPP; }  // no ndo_set_mac_address
  int NdoGetIflink() const override;           // ipvlan_get_iflink
  NetNs* NdoGetLinkNet() const override;       // ipvlan_get_link_net
  LinkStats GetStats64() const override;       // ipvlan_get_stats64
  void Uninit() override;                      // ipvlan_link_delete + ipvlan_uninit
};

struct IpvlanParams {
  std::string name;
  bool has_mtu = false, has_qlen = false;
  uint32_t mtu = 0, qlen = 0;
  bool has_mode = false;
  uint16_t mode = IPVLAN_MODE_L3;
  bool has_flags = false;
  uint16_t flags = 0;
};

IpvlDev* NetifIsIpvlan(NetDev* dev);
IpvlPort* IpvlanPortGet(NetDev* phy);
RxHandlerResult IpvlanHandleFrame(SkbPtr* pskb);
// ipvlan_addr_lookup: the up slave of the port that has IPv4 address `addr`, or nullptr
IpvlDev* IpvlanAddrLookup(const IpvlPort* port, uint32_t addr);
// ipvlan_link_new (ipvlan and ipvtap): 0 or -errno
int IpvlanLinkNew(NetNs* net, NetDev* phy, ns3::Ptr<IpvlDev> dev, const IpvlanParams& p);
int IpvlanNewlink(NetNs* net, NetDev* phy, const IpvlanParams& p);
int IpvtapNewlink(NetNs* net, NetDev* phy, const IpvlanParams& p);
// ipvlan_nl_changelink: a new mode / flags for the whole port
int IpvlanChangelink(IpvlDev* dev, const IpvlanParams& p);
void IpvlanCountRx(IpvlDev* ipvlan, uint32_t len, bool success, bool mcast);
void IpvlanProcessMulticast(std::shared_ptr<IpvlPort> port);  // the port's work item
void IpvlanSetupDev(IpvlDev* dev, const LinkKind* kind);

}  // namespace linuxnet
