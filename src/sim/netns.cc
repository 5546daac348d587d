#include "sim/netns.h"

#include <algorithm>

#include "net/ipv4/ipv4.h"
#include "net/ipv4/linux-ipv4.h"
#include "net/netfilter/nf_conntrack.h"
#include "net/netfilter/x_tables.h"
#include "net/netfilter/core.h"

namespace linuxnet {

ns3::TypeId NetNs::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("linuxnet::NetNs").SetParent<ns3::Object>().SetGroupName("Linuxnet");
  return tid;
}

NetNs::NetNs() = default;
NetNs::~NetNs() = default;

void NetNs::DoDispose() {
  // the devices go with the namespace (default_device_exit / cleanup_net); Dispose breaks the
  // references between them (veth peers, bridge ports, macvlan ports)
  for (auto& d : devs) d->Dispose();
  devs.clear();
  loopback_dev = nullptr;
  ipv4.reset();
  nf.reset();
  ns3_ipv4 = nullptr;
  node = nullptr;
  ns3::Object::DoDispose();
}

NetDev* NetNs::DevGetByName(const std::string& n) const {
  for (auto& d : devs)
    if (d->name == n) return d.operator->();
  return nullptr;
}

NetDev* NetNs::DevGetByIndex(int idx) const {
  // devs is kept sorted by ifindex
  auto it = std::lower_bound(devs.begin(), devs.end(), idx,
                             [](const ns3::Ptr<NetDev>& d, int i) { return d->ifindex < i; });
  return (it != devs.end() && (*it)->ifindex == idx) ? it->operator->() : nullptr;
}

int NetNs::DevIndexReserve(int want) {
  if (want > 0) return want;
  // xa_alloc_cyclic from net->ifindex
  int idx = ifindex_next;
  while (DevGetByIndex(idx)) idx++;
  ifindex_next = idx + 1;
  return idx;
}

void NetNs::ListNetdevice(ns3::Ptr<NetDev> dev) {
  auto it = std::lower_bound(devs.begin(), devs.end(), dev->ifindex,
                             [](const ns3::Ptr<NetDev>& d, int i) { return d->ifindex < i; });
  devs.insert(it, dev);
}

ns3::Ptr<NetDev> NetNs::UnlistNetdevice(NetDev* dev) {
  for (auto it = devs.begin(); it != devs.end(); ++it) {
    if (it->operator->() == dev) {
      ns3::Ptr<NetDev> keep = *it;
      devs.erase(it);
      return keep;
    }
  }
  return nullptr;
}

int NetNs::Peernet2id(const NetNs* peer) const {
  auto it = netns_ids.find(peer);
  return it == netns_ids.end() ? -1 : it->second;
}

int NetNs::Peernet2idAlloc(const NetNs* peer) {
  int id = Peernet2id(peer);
  if (id >= 0) return id;
  // alloc_netid: the lowest free id
  for (id = 0;; id++) {
    bool used = false;
    for (auto& e : netns_ids) used |= e.second == id;
    if (!used) break;
  }
  netns_ids[peer] = id;
  return id;
}

}  // namespace linuxnet
