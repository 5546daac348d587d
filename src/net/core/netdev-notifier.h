// The netdevice notifier chain (register_netdevice_notifier / call_netdevice_notifiers): IPv4,
// the bridge, macvlan and friends learn of device events through it, as in the kernel.
// Subsystems register from static registrars in their own files; the chain is then read-only.
#pragma once

namespace linuxnet {

class NetDev;

enum NetdevEvent : unsigned {
  NETDEV_UP = 1, NETDEV_DOWN, NETDEV_REBOOT, NETDEV_CHANGE, NETDEV_REGISTER, NETDEV_UNREGISTER,
  NETDEV_CHANGEMTU, NETDEV_CHANGEADDR, NETDEV_PRE_CHANGEADDR, NETDEV_GOING_DOWN,
  NETDEV_CHANGENAME, NETDEV_CHANGE_NETNS = 100,
};

// The order in which the kernel registers its notifiers at equal priority: built-in subsystems
// at boot, then modules as they load. Static registration has no order of its own, so each
// registrar states its place.
enum NotifierOrder : int {
  NOTIFIER_ORDER_BRIDGE = 10,   // br_init
  NOTIFIER_ORDER_INETDEV = 20,  // devinet_init / fib / arp
  NOTIFIER_ORDER_MACVLAN = 30,  // macvlan_init_module
  NOTIFIER_ORDER_IPVLAN = 40,   // ipvlan_init_module
  NOTIFIER_ORDER_NAT_MASQ = 50, // nf_nat_masquerade_inet_register_notifiers
};

using NetdevNotifierFn = void (*)(unsigned event, NetDev* dev);
// priority: higher runs first (as notifier_block.priority); equal priorities run by `order`
void RegisterNetdeviceNotifier(NetdevNotifierFn fn, int priority, int order);
void CallNetdeviceNotifiers(unsigned event, NetDev* dev);
struct NetdevNotifierRegistrar {
  NetdevNotifierRegistrar(NetdevNotifierFn fn, int priority, int order) { RegisterNetdeviceNotifier(fn, priority, order); }
};

}  // namespace linuxnet
