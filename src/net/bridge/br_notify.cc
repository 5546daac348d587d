// net/bridge/br.c br_device_event: what the bridge does when one of its ports (or itself) changes
#include "net/bridge/br_private.h"
#include "net/core/netdev-notifier.h"

namespace linuxnet {

// br_device_event
static void BrDeviceEvent(unsigned event, NetDev* dev) {
  NetBridgePort* p = BrPortGet(dev);
  if (!p) return;  // not a port of a bridge
  BridgeDev* br = p->br;
  bool notified = false;
  switch (event) {
    case NETDEV_CHANGEMTU:
      BrMtuAutoAdjust(br);
      break;
    case NETDEV_CHANGEADDR: {
      BrFdbChangeaddr(p, dev->dev_addr);
      bool changed_addr = BrStpRecalculateBridgeId(br);
      if (changed_addr) CallNetdeviceNotifiers(NETDEV_CHANGEADDR, br);
      break;
    }
    case NETDEV_CHANGE:
      BrPortCarrierCheck(p, &notified);
      break;
    case NETDEV_DOWN:
      if (br->IsUp()) BrStpDisablePort(p);
      break;
    case NETDEV_UP:
      if (br->IsUp() && (dev->operstate == IF_OPER_UP || dev->operstate == IF_OPER_UNKNOWN)) BrStpEnablePort(p);
      break;
    case NETDEV_UNREGISTER:
      BrDelIf(br, dev);
      break;
    default:
      break;
  }
}

// br_init: module_init registers the notifier
static const NetdevNotifierRegistrar br_notifier(&BrDeviceEvent, 0, NOTIFIER_ORDER_BRIDGE);

}  // namespace linuxnet
