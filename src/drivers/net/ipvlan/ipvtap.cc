// drivers/net/ipvlan/ipvtap.c: an ipvlan whose frames go to tap queues (drivers/net/tap.c)
#include "drivers/net/ipvlan/ipvlan.h"
#include "drivers/net/tap.h"
#include "net/core/dev.h"

namespace linuxnet {

static const LinkKind kIpvtapKind{"ipvtap"};

// struct ipvtap_dev
class IpvtapDev : public IpvlDev {
 public:
  static ns3::TypeId GetTypeId() {
    static ns3::TypeId tid = ns3::TypeId("linuxnet::IpvtapDev").SetParent<IpvlDev>().SetGroupName("Linuxnet");
    return tid;
  }
  TapDev tap;
  const char* QdiscKind() const override { return qdisc_attached ? "pfifo_fast" : "noop"; }
  // ipvtap_dellink
  void Uninit() override {
    TapDelQueues(&tap);
    if (rx_handler == &TapHandleFrame) NetdevRxHandlerUnregister(this);
    IpvlDev::Uninit();
  }
};

// ipvtap_count_rx_dropped
static void IpvtapCountRxDropped(TapDev* tap) { IpvlanCountRx(static_cast<IpvtapDev*>(tap->dev), 0, false, false); }
// ipvtap_count_tx_dropped
static void IpvtapCountTxDropped(TapDev* tap) { static_cast<IpvtapDev*>(tap->dev)->pcpu.tx_drps++; }

// ipvtap_newlink (ipvtap_setup: tx_queue_len TUN_READQ_SIZE, a queue)
int IpvtapNewlink(NetNs* net, NetDev* phy, const IpvlanParams& p) {
  ns3::Ptr<IpvtapDev> dev = ns3::CreateObject<IpvtapDev>();
  IpvlanSetupDev(dev.operator->(), &kIpvtapKind);
  int err = TapNewlinkSetup(dev.operator->(), &dev->tap, &IpvtapCountRxDropped, &IpvtapCountTxDropped);
  if (err) return err;
  err = IpvlanLinkNew(net, phy, dev, p);
  if (err) NetdevRxHandlerUnregister(dev.operator->());
  return err;
}

}  // namespace linuxnet
