// drivers/net/macvtap.c: a macvlan whose received frames go to tap queues (drivers/net/tap.c).
// tap_handle_frame is the macvtap device's own rx_handler, registered before the macvlan part,
// so a frame macvlan_handle_frame hands to the device (RX_HANDLER_ANOTHER) lands on a queue.
#include <cerrno>

#include "drivers/net/macvlan.h"
#include "drivers/net/tap.h"
#include "net/core/dev.h"

namespace linuxnet {

static const LinkKind kMacvtapKind{"macvtap"};

// struct macvtap_dev
class MacvtapDev : public MacvlanDev {
 public:
  static ns3::TypeId GetTypeId() {
    static ns3::TypeId tid =
        ns3::TypeId("linuxnet::MacvtapDev").SetParent<MacvlanDev>().SetGroupName("Linuxnet");
    return tid;
  }
  TapDev tap;
  // macvtap_setup does not set IFF_NO_QUEUE: with tx_queue_len 500 the default qdisc is pfifo_fast
  const char* QdiscKind() const override { return qdisc_attached ? "pfifo_fast" : "noop"; }
  // macvtap_dellink: tap_del_queues, the handler goes, then macvlan_dellink
  void Uninit() override {
    TapDelQueues(&tap);
    if (rx_handler == &TapHandleFrame) NetdevRxHandlerUnregister(this);
    MacvlanDev::Uninit();
  }
};

// macvtap_count_rx_dropped
static void MacvtapCountRxDropped(TapDev* tap) {
  MacvlanCountRx(static_cast<MacvtapDev*>(tap->dev), 0, false, false);
}

// macvtap_count_tx_dropped
static void MacvtapCountTxDropped(TapDev* tap) { static_cast<MacvtapDev*>(tap->dev)->pcpu.tx_dropped++; }

// macvtap_newlink (with macvtap_setup: tx_queue_len TUN_READQ_SIZE)
int MacvtapNewlink(NetNs* net, NetDev* lower, const MacvlanParams& p) {
  ns3::Ptr<MacvtapDev> dev = ns3::CreateObject<MacvtapDev>();
  MacvlanCommonSetup(dev.operator->(), &kMacvtapKind);
  int err = TapNewlinkSetup(dev.operator->(), &dev->tap, &MacvtapCountRxDropped, &MacvtapCountTxDropped);
  if (err) return err;
  err = MacvlanCommonNewlink(net, lower, dev, p);
  if (err) NetdevRxHandlerUnregister(dev.operator->());
  return err;
}

}  // namespace linuxnet
