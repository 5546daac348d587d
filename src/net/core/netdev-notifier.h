// The netdevice notifier chain (register_netdevice_notifier / call_netdevice_notifiers): IPv4,
// the bridge, macvlan and friends learn of device events through it, as in the kernel.
#pragma once

namespace linuxnet {

class NetDev;

enum NetdevEvent : unsigned {
  NETDEV_UP = 1, NETDEV_DOWN, NETDEV_REBOOT, NETDEV_CHANGE, NETDEV_REGISTER, NETDEV_UNREGISTER,
  NETDEV_CHANGEMTU, NETDEV_CHANGEADDR, NETDEV_PRE_CHANGEADDR, NETDEV_GOING_DOWN,
  NETDEV_CHANGENAME, NETDEV_CHANGE_NETNS = 100,
};

using NetdevNotifierFn = void (*)(unsigned event, NetDev* dev);
// priority: higher runs first (as notifier_block.priority)
void RegisterNetdeviceNotifier(NetdevNotifierFn fn, int priority = 0);
void CallNetdeviceNotifiers(unsigned event, NetDev* dev);

}  // namespace linuxnet
