// struct net (include/net/net_namespace.h, net/core/net_namespace.c): one network namespace =
// one ns3::Node (so ns-3 applications and sockets install on it) with this object aggregated as
// its Linux stack. Devices, the IPv4 state and the netfilter state hang off it, as they do off
// struct net in the kernel. Each subsystem creates and frees its part of a namespace through the
// pernet operations it registers from its own file (register_pernet_subsys); CopyNetNs runs
// their init in order (setup_net), CleanupNet their exit in reverse (cleanup_net).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ns3/node.h"
#include "ns3/object.h"
#include "net/core/netdevice.h"

namespace linuxnet {

class Host;
struct Ipv4Net;
struct NfNet;
class LinuxIpv4;

// The namespace's devices in ifindex order (dev_base_head), with the kernel's name and index
// hashes (dev_name_head, dev_index_head). Iterating yields ns3::Ptr<NetDev>&.
class NetDevList {
  using Map = std::map<int, ns3::Ptr<NetDev>>;

 public:
  class iterator {
   public:
    explicit iterator(Map::const_iterator it) : it_(it) {}
    const ns3::Ptr<NetDev>& operator*() const { return it_->second; }
    const ns3::Ptr<NetDev>* operator->() const { return &it_->second; }
    iterator& operator++() { ++it_; return *this; }
    bool operator!=(const iterator& o) const { return it_ != o.it_; }
    bool operator==(const iterator& o) const { return it_ == o.it_; }
   private:
    Map::const_iterator it_;
  };
  iterator begin() const { return iterator(by_index_.begin()); }
  iterator end() const { return iterator(by_index_.end()); }
  size_t size() const { return by_index_.size(); }
  bool empty() const { return by_index_.empty(); }
  const ns3::Ptr<NetDev>& back() const { return std::prev(by_index_.end())->second; }
  NetDev* ByName(const std::string& n) const {
    auto it = by_name_.find(n);
    return it == by_name_.end() ? nullptr : it->second;
  }
  NetDev* ByIndex(int idx) const {
    auto it = by_index_.find(idx);
    return it == by_index_.end() ? nullptr : it->second.operator->();
  }
  void Insert(ns3::Ptr<NetDev> dev);
  ns3::Ptr<NetDev> Erase(NetDev* dev);
  void Rename(NetDev* dev, const std::string& newname);  // dev->name changes with the hash entry
  void Clear() { by_index_.clear(); by_name_.clear(); }

 private:
  Map by_index_;
  std::unordered_map<std::string, NetDev*> by_name_;
};

class NetNs : public ns3::Object {
 public:
  static ns3::TypeId GetTypeId();
  NetNs();
  ~NetNs() override;

  std::string name;               // the name user space gave it (`ip netns add`), for traces; "" for init_net
  Host* host = nullptr;           // the machine whose kernel holds it
  ns3::Ptr<ns3::Node> node;
  NetDevList devs;                // in ifindex order
  NetDev* loopback_dev = nullptr;
  int ifindex_next = 1;           // net->ifindex: the next index dev_index_reserve tries
  std::unique_ptr<Ipv4Net> ipv4;  // net->ipv4
  std::unique_ptr<NfNet> nf;      // net->nf and the x_tables state
  ns3::Ptr<LinuxIpv4> ns3_ipv4;   // the ns3::Ipv4 facade, aggregated on node
  // ptype_all taps bound to this namespace (tcpdump, pcap)
  std::vector<std::pair<int, std::function<void(const SkBuff&, NetDev*, bool)>>> taps;
  int next_tap_id = 1;

  // peernet2id / peernet2id_alloc (net->netns_ids, an idr): the id this namespace gives `peer`,
  // allocated the first time it is needed (-1: none); GetNetNsById is the idr's reverse lookup
  int Peernet2id(const NetNs* peer) const;
  int Peernet2idAlloc(NetNs* peer);
  NetNs* GetNetNsById(int id) const;

  NetDev* DevGetByName(const std::string& n) const { return devs.ByName(n); }  // dev_get_by_name
  NetDev* DevGetByIndex(int idx) const { return devs.ByIndex(idx); }           // dev_get_by_index
  // dev_index_reserve: the requested index if free, else the next free one from ifindex_next
  int DevIndexReserve(int want);
  // list_netdevice / unlist_netdevice
  void ListNetdevice(ns3::Ptr<NetDev> dev) { devs.Insert(dev); }
  ns3::Ptr<NetDev> UnlistNetdevice(NetDev* dev) { return devs.Erase(dev); }

 protected:
  void DoDispose() override;

 private:
  friend void CleanupNet(NetNs* net);
  std::unordered_map<const NetNs*, int> netns_ids_;  // peer → id
  std::unordered_map<int, NetNs*> ids_netns_;        // id → peer
  std::set<int> free_ids_;                           // ids given back below next_id_
  int next_id_ = 0;
  std::unordered_set<NetNs*> id_holders_;            // namespaces that gave this one an id
  bool dead_ = false;
};

// struct pernet_operations: a subsystem's per-namespace init and exit. `order` places it in
// setup_net (lower first; the kernel's order of registration at boot), exit runs in reverse.
struct PernetOperations {
  const char* name;
  int order;
  void (*init)(NetNs* net);
  void (*exit)(NetNs* net);  // may be nullptr
};
// register_pernet_subsys, from a static registrar in the subsystem's own file
void RegisterPernetSubsys(const PernetOperations* ops);
struct PernetRegistrar {
  explicit PernetRegistrar(const PernetOperations* ops) { RegisterPernetSubsys(ops); }
};

// copy_net_ns + setup_net: a fresh namespace on `host` with every subsystem's part
ns3::Ptr<NetNs> CopyNetNs(Host* host);
// cleanup_net: the devices go (default_device_exit), then each subsystem's exit in reverse
// order; the ids other namespaces gave this one are released
void CleanupNet(NetNs* net);

}  // namespace linuxnet
