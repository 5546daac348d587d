// net/core/net_namespace.c: setup_net / cleanup_net over the pernet operations, peernet2id
#include "net/core/net_namespace.h"

#include <algorithm>

#include "net/core/dev.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/linux-ipv4.h"
#include "net/netfilter/core.h"
#include "net/netfilter/nf_conntrack.h"
#include "net/netfilter/x_tables.h"

namespace linuxnet {

ns3::TypeId NetNs::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("linuxnet::NetNs").SetParent<ns3::Object>().SetGroupName("Linuxnet");
  return tid;
}

NetNs::NetNs() = default;
NetNs::~NetNs() = default;

void NetDevList::Insert(ns3::Ptr<NetDev> dev) {
  by_name_[dev->name] = dev.operator->();
  by_index_[dev->ifindex] = dev;
}

ns3::Ptr<NetDev> NetDevList::Erase(NetDev* dev) {
  auto it = by_index_.find(dev->ifindex);
  if (it == by_index_.end() || it->second.operator->() != dev) return nullptr;
  ns3::Ptr<NetDev> keep = it->second;
  by_index_.erase(it);
  auto n = by_name_.find(dev->name);
  if (n != by_name_.end() && n->second == dev) by_name_.erase(n);
  return keep;
}

void NetDevList::Rename(NetDev* dev, const std::string& newname) {
  auto n = by_name_.find(dev->name);
  if (n != by_name_.end() && n->second == dev) by_name_.erase(n);
  dev->name = newname;
  by_name_[newname] = dev;
}

void NetNs::DoDispose() {
  // whatever cleanup_net left (a namespace disposed without it): break the references
  for (auto& d : devs) d->Dispose();
  devs.Clear();
  loopback_dev = nullptr;
  ipv4.reset();
  nf.reset();
  ns3_ipv4 = nullptr;
  node = nullptr;
  ns3::Object::DoDispose();
}

int NetNs::DevIndexReserve(int want) {
  if (want > 0) return want;
  // xa_alloc_cyclic from net->ifindex
  int idx = ifindex_next;
  while (DevGetByIndex(idx)) idx++;
  ifindex_next = idx + 1;
  return idx;
}

int NetNs::Peernet2id(const NetNs* peer) const {
  auto it = netns_ids_.find(peer);
  return it == netns_ids_.end() ? -1 : it->second;
}

NetNs* NetNs::GetNetNsById(int id) const {
  auto it = ids_netns_.find(id);
  return it == ids_netns_.end() ? nullptr : it->second;
}

int NetNs::Peernet2idAlloc(NetNs* peer) {
  int id = Peernet2id(peer);
  if (id >= 0 || peer->dead_ || dead_) return id;
  // alloc_netid: idr_alloc from 0, the lowest free id
  if (!free_ids_.empty()) {
    id = *free_ids_.begin();
    free_ids_.erase(free_ids_.begin());
  } else {
    id = next_id_++;
  }
  netns_ids_[peer] = id;
  ids_netns_[id] = peer;
  peer->id_holders_.insert(this);
  return id;
}

namespace {
std::vector<const PernetOperations*>& PernetList() {
  static std::vector<const PernetOperations*> v;  // filled by static registrars, then read-only
  return v;
}
}  // namespace

void RegisterPernetSubsys(const PernetOperations* ops) {
  auto& v = PernetList();
  auto it = std::find_if(v.begin(), v.end(), [&](const PernetOperations* o) { return o->order > ops->order; });
  v.insert(it, ops);
}

ns3::Ptr<NetNs> CopyNetNs(Host* host) {
  ns3::Ptr<NetNs> net = ns3::CreateObject<NetNs>();
  net->host = host;
  net->node = ns3::CreateObject<ns3::Node>();
  net->node->AggregateObject(net);
  for (const PernetOperations* ops : PernetList()) ops->init(net.operator->());
  return net;
}

void CleanupNet(NetNs* net) {
  if (net->dead_) return;
  // default_device_exit_batch: every device but lo is unregistered (a veth takes its peer with it)
  while (!net->devs.empty() && net->devs.back().operator->() != net->loopback_dev)
    UnregisterNetdevice(net->devs.back().operator->());
  LinkwatchRunQueue(net->host);
  auto& v = PernetList();
  for (auto it = v.rbegin(); it != v.rend(); ++it)
    if ((*it)->exit) (*it)->exit(net);
  // the ids other namespaces gave this one (idr_remove in each), and the ones it gave
  for (NetNs* other : net->id_holders_) {
    auto it = other->netns_ids_.find(net);
    if (it == other->netns_ids_.end()) continue;
    other->ids_netns_.erase(it->second);
    other->free_ids_.insert(it->second);
    other->netns_ids_.erase(it);
  }
  net->id_holders_.clear();
  for (auto& e : net->netns_ids_) const_cast<NetNs*>(e.first)->id_holders_.erase(net);
  net->netns_ids_.clear();
  net->ids_netns_.clear();
  net->dead_ = true;
  net->Dispose();
}

}  // namespace linuxnet
