// net/ipv4/devinet.c: per-device IPv4 state and addresses; net/ipv4/fib_frontend.c: the routes
// that addresses and device state create and remove.
#include <algorithm>
#include <cerrno>

#include "net/core/dev.h"
#include "net/core/netdev-notifier.h"
#include "net/ipv4/ipv4.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

InDevice* InDevGet(const NetDev* dev) { return dev->ip_ptr.get(); }

InDevice* InetdevInit(NetDev* dev) {
  auto in = std::make_unique<InDevice>();
  in->dev = dev;
  in->cnf = dev->net->ipv4->devconf_dflt;
  dev->ip_ptr = std::move(in);
  return dev->ip_ptr.get();
}

int IpDevConfForwarding(const NetDev* dev) {
  InDevice* in = InDevGet(dev);
  return in ? in->cnf.forwarding : 0;
}

static bool IfaMatch(const InIfaddr& ifa, uint32_t addr) { return ((addr ^ ifa.address) & ifa.mask) == 0; }

bool InetAddrOnLink(const InDevice* in_dev, uint32_t a, uint32_t b) {
  for (auto& ifa : in_dev->ifa_list) {
    if (IfaMatch(ifa, a) && (!b || IfaMatch(ifa, b))) return true;
  }
  return false;
}

// inet_select_addr: a primary address of dev in dst's subnet with scope <= scope, else the first
// primary of suitable scope, else one from another device of the namespace
uint32_t InetSelectAddr(const NetDev* dev, uint32_t dst, int scope) {
  InDevice* in = InDevGet(dev);
  uint32_t addr = 0;
  if (in) {
    for (auto& ifa : in->ifa_list) {
      if (ifa.flags & IFA_F_SECONDARY) continue;
      if (ifa.scope > scope) continue;
      if (!dst || IfaMatch(ifa, dst)) return ifa.local;
      if (!addr) addr = ifa.local;
    }
  }
  if (addr) return addr;
  for (auto& d : dev->net->devs) {
    InDevice* o = InDevGet(d.operator->());
    if (!o) continue;
    for (auto& ifa : o->ifa_list) {
      if (ifa.flags & IFA_F_SECONDARY) continue;
      if (ifa.scope != RT_SCOPE_LINK && ifa.scope != RT_SCOPE_HOST && ifa.scope <= scope) return ifa.local;
    }
  }
  return 0;
}

// fib_magic
static void FibMagic(bool add, RtnType type, uint32_t dst, int plen, const InIfaddr& prim, NetDev* dev,
                     uint32_t rt_priority) {
  NetNs* net = dev->net;
  FibTable& tb = type == RTN_UNICAST ? net->ipv4->fib_main : net->ipv4->fib_local;
  FibAlias fa;
  fa.dst = dst;
  fa.plen = static_cast<uint8_t>(plen);
  fa.type = type;
  fa.scope = type != RTN_LOCAL ? RT_SCOPE_LINK : RT_SCOPE_HOST;
  fa.protocol = RTPROT_KERNEL;
  fa.prefsrc = prim.local;
  fa.priority = rt_priority;
  fa.table = tb.id;
  fa.nh.dev = dev;
  fa.nh.scope = type == RTN_LOCAL ? RT_SCOPE_NOWHERE : RT_SCOPE_HOST;  // fib_check_nh
  if (add) {
    tb.Insert(fa, false, false);
  } else {
    tb.Delete(dst, fa.plen, fa, true, true, false, false, false, true, false);
  }
}

static const InIfaddr* InetIfaByprefix(const InDevice* in, uint32_t prefix, uint32_t mask) {
  for (auto& ifa : in->ifa_list)
    if (ifa.mask == mask && (ifa.address & mask) == prefix && !(ifa.flags & IFA_F_SECONDARY)) return &ifa;
  return nullptr;
}

// fib_add_ifaddr
static void FibAddIfaddr(NetDev* dev, const InIfaddr& ifa) {
  InDevice* in = InDevGet(dev);
  const InIfaddr* prim = &ifa;
  uint32_t mask = ifa.mask, addr = ifa.local, prefix = ifa.address & mask;
  if (ifa.flags & IFA_F_SECONDARY) {
    prim = InetIfaByprefix(in, prefix, mask);
    if (!prim) return;
  }
  FibMagic(true, RTN_LOCAL, addr, 32, *prim, dev, 0);
  if (!(dev->flags & IFF_UP)) return;
  if (ifa.broadcast && ifa.broadcast != 0xffffffffu) FibMagic(true, RTN_BROADCAST, ifa.broadcast, 32, *prim, dev, 0);
  if (!IpIsZeronet(prefix) && !(ifa.flags & IFA_F_SECONDARY) && (prefix != addr || ifa.prefixlen < 32)) {
    if (!(ifa.flags & IFA_F_NOPREFIXROUTE))
      FibMagic(true, (dev->flags & IFF_LOOPBACK) ? RTN_LOCAL : RTN_UNICAST, prefix, ifa.prefixlen, *prim, dev,
               ifa.rt_priority);
    if (ifa.prefixlen < 31) FibMagic(true, RTN_BROADCAST, prefix | ~mask, 32, *prim, dev, 0);
  }
}

// fib_del_ifaddr: remove what this address added unless another address still needs it
static void FibDelIfaddr(NetDev* dev, const InIfaddr& ifa) {
  InDevice* in = InDevGet(dev);
  NetNs* net = dev->net;
  uint32_t mask = ifa.mask, prefix = ifa.address & mask;
  const InIfaddr* prim = &ifa;
  if (ifa.flags & IFA_F_SECONDARY) {
    prim = InetIfaByprefix(in, prefix, mask);
    if (!prim) prim = &ifa;
  } else if (!IpIsZeronet(prefix) && (prefix != ifa.local || ifa.prefixlen < 32)) {
    if (!(ifa.flags & IFA_F_NOPREFIXROUTE))
      FibMagic(false, (dev->flags & IFF_LOOPBACK) ? RTN_LOCAL : RTN_UNICAST, prefix, ifa.prefixlen, *prim, dev, 0);
  }
  bool need_local = false, need_brd = false, need_netbrd = false;
  uint32_t netbrd = prefix | ~mask;
  for (auto& d : net->devs) {
    InDevice* o = InDevGet(d.operator->());
    if (!o) continue;
    for (auto& x : o->ifa_list) {
      if (x.local == ifa.local) need_local = true;
      if (o == in) {
        if (ifa.broadcast && (x.broadcast == ifa.broadcast || (x.address | ~x.mask) == ifa.broadcast)) need_brd = true;
        if (x.broadcast == netbrd || ((x.address | ~x.mask) == netbrd && x.prefixlen < 31)) need_netbrd = true;
      }
    }
  }
  NetDev* d = dev;
  auto del_local = [&](RtnType t, uint32_t a) {
    FibAlias m;
    m.type = t;
    m.nh.dev = d;
    net->ipv4->fib_local.Delete(a, 32, m, true, true, false, false, false, false, false);
  };
  if (ifa.broadcast && !need_brd) del_local(RTN_BROADCAST, ifa.broadcast);
  if (!(ifa.flags & IFA_F_SECONDARY) && ifa.prefixlen < 31 && !need_netbrd) del_local(RTN_BROADCAST, netbrd);
  if (!need_local) del_local(RTN_LOCAL, ifa.local);
}

static std::vector<InetaddrNotifierFn>& InetaddrChain() {
  static std::vector<InetaddrNotifierFn> v;  // filled by static registrars, then read-only
  return v;
}

void RegisterInetaddrNotifier(InetaddrNotifierFn fn) {
  for (auto f : InetaddrChain())
    if (f == fn) return;
  InetaddrChain().push_back(fn);
}

static void CallInetaddrNotifiers(unsigned event, NetDev* dev, const InIfaddr& ifa) {
  for (auto f : InetaddrChain()) f(event, dev, ifa);
}

// __inet_insert_ifa
int InetInsertIfa(NetDev* dev, InIfaddr ifa) {
  InDevice* in = InDevGet(dev);
  if (!in) return -ENOBUFS;
  if (ifa.local == 0) return -EINVAL;
  ifa.mask = PrefixMask(ifa.prefixlen);
  if (!ifa.address) ifa.address = ifa.local;
  if (ifa.label.empty()) ifa.label = dev->name;
  ifa.flags &= ~IFA_F_SECONDARY;
  size_t last_primary = 0;
  for (size_t i = 0; i < in->ifa_list.size(); i++) {
    const InIfaddr& x = in->ifa_list[i];
    if (!(x.flags & IFA_F_SECONDARY) && ifa.scope <= x.scope) last_primary = i + 1;
    if (x.mask == ifa.mask && IfaMatch(x, ifa.address) && ((x.address ^ ifa.address) & ifa.mask) == 0) {
      if (x.local == ifa.local) return -EEXIST;
      if (x.scope != ifa.scope) return -EINVAL;
      ifa.flags |= IFA_F_SECONDARY;
    }
  }
  size_t pos = (ifa.flags & IFA_F_SECONDARY) ? in->ifa_list.size() : last_primary;
  in->ifa_list.insert(in->ifa_list.begin() + pos, ifa);
  // inetaddr notifier: fib_inetaddr_event NETDEV_UP
  FibAddIfaddr(dev, in->ifa_list[pos]);
  return 0;
}

// inet_rtm_deladdr → __inet_del_ifa: deleting a primary takes its secondaries with it (unless
// promote_secondaries)
int InetDelIfa(NetDev* dev, uint32_t local, uint8_t prefixlen, bool match_prefix) {
  InDevice* in = InDevGet(dev);
  if (!in) return -EADDRNOTAVAIL;
  for (size_t i = 0; i < in->ifa_list.size(); i++) {
    InIfaddr ifa = in->ifa_list[i];
    if (ifa.local != local) continue;
    if (match_prefix && ifa.prefixlen != prefixlen) continue;
    std::vector<InIfaddr> gone;
    if (!(ifa.flags & IFA_F_SECONDARY)) {
      bool promote = in->cnf.promote_secondaries || dev->net->ipv4->devconf_all.promote_secondaries;
      bool promoted = false;
      for (size_t j = 0; j < in->ifa_list.size(); j++) {
        InIfaddr& x = in->ifa_list[j];
        if (!(x.flags & IFA_F_SECONDARY) || x.mask != ifa.mask || !IfaMatch(x, ifa.address)) continue;
        if (promote && !promoted) {
          promoted = true;
          continue;
        }
        if (!promote) gone.push_back(x);
      }
    }
    // __inet_del_ifa: the secondaries go first, then the address itself; each leaves the list
    // before fib_del_ifaddr looks at what remains
    auto& l = in->ifa_list;
    for (auto& g : gone) {
      l.erase(std::remove_if(l.begin(), l.end(), [&](const InIfaddr& x) { return x.local == g.local && x.prefixlen == g.prefixlen; }), l.end());
      FibDelIfaddr(dev, g);
      CallInetaddrNotifiers(NETDEV_DOWN, dev, g);
    }
    l.erase(std::remove_if(l.begin(), l.end(), [&](const InIfaddr& x) { return x.local == ifa.local && x.prefixlen == ifa.prefixlen; }), l.end());
    FibDelIfaddr(dev, ifa);
    CallInetaddrNotifiers(NETDEV_DOWN, dev, ifa);
    if (in->cnf.promote_secondaries || dev->net->ipv4->devconf_all.promote_secondaries) {
      for (auto& x : in->ifa_list) {
        if ((x.flags & IFA_F_SECONDARY) && x.mask == ifa.mask && IfaMatch(x, ifa.address)) {
          x.flags &= ~IFA_F_SECONDARY;
          FibAddIfaddr(dev, x);
          break;
        }
      }
    }
    return 0;
  }
  return -EADDRNOTAVAIL;
}

// inetdev_event + fib_netdev_event + arp_netdev_event, in the order their notifier blocks run
static void InetdevEvent(unsigned event, NetDev* dev) {
  InDevice* in = InDevGet(dev);
  switch (event) {
    case NETDEV_REGISTER:
      if (!in) in = InetdevInit(dev);
      in->cnf = dev->net->ipv4->devconf_dflt;
      break;
    case NETDEV_UP: {
      if (!in) break;
      if (dev->flags & IFF_LOOPBACK) {
        InIfaddr lo;
        lo.local = lo.address = 0x7f000001;
        lo.prefixlen = 8;
        lo.scope = RT_SCOPE_HOST;
        lo.label = dev->name;
        InetInsertIfa(dev, lo);
      }
      // fib_netdev_event NETDEV_UP: routes for every address
      for (auto& ifa : in->ifa_list) FibAddIfaddr(dev, ifa);
      break;
    }
    case NETDEV_DOWN: {
      NetNs* net = dev->net;
      // fib_disable_ip: routes through the device die and are flushed
      net->ipv4->fib_main.FlushDev(dev, false);
      net->ipv4->fib_local.FlushDev(dev, false);
      net->ipv4->arp_tbl.FlushDev(dev);  // arp_ifdown
      break;
    }
    case NETDEV_CHANGEADDR:
      // arp_netdev_event → neigh_changeaddr: the entries learned for the old address go
      dev->net->ipv4->arp_tbl.FlushDev(dev);
      break;
    case NETDEV_UNREGISTER: {
      NetNs* net = dev->net;
      net->ipv4->fib_main.FlushDev(dev, true);
      net->ipv4->fib_local.FlushDev(dev, true);
      net->ipv4->arp_tbl.FlushDev(dev);
      dev->ip_ptr.reset();  // inetdev_destroy: addresses go with the namespace
      break;
    }
    case NETDEV_CHANGE_NETNS:
      break;
  }
}

void InetdevEventUp(NetDev* dev) { InetdevEvent(NETDEV_UP, dev); }
void InetdevEventDown(NetDev* dev) { InetdevEvent(NETDEV_DOWN, dev); }
void InetdevEventUnregister(NetDev* dev) { InetdevEvent(NETDEV_UNREGISTER, dev); }

// devinet_init: the inetdev / fib / arp netdevice notifier
static const NetdevNotifierRegistrar inetdev_notifier(&InetdevEvent, 0, NOTIFIER_ORDER_INETDEV);

}  // namespace linuxnet
