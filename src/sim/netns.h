// struct net: one network namespace = one ns3::Node (so ns-3 applications and sockets install on
// it) with this object aggregated as its Linux stack. Devices, the IPv4 state, and the netfilter
// state hang off it, as they do off struct net in the kernel.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ns3/node.h"
#include "ns3/object.h"
#include "net/core/netdevice.h"

namespace linuxnet {

class Host;
class World;
struct Ipv4Net;
struct NfNet;
class LinuxIpv4;

class NetNs : public ns3::Object {
 public:
  static ns3::TypeId GetTypeId();
  NetNs();
  ~NetNs() override;

  std::string name;               // the `ip netns` name ("" for the initial namespace)
  World* world = nullptr;
  Host* host = nullptr;
  ns3::Ptr<ns3::Node> node;
  std::vector<ns3::Ptr<NetDev>> devs;  // in ifindex order
  NetDev* loopback_dev = nullptr;
  int ifindex_next = 1;           // net->ifindex: the next index dev_index_reserve tries
  std::unique_ptr<Ipv4Net> ipv4;  // net->ipv4
  std::unique_ptr<NfNet> nf;      // net->nf and the x_tables state
  ns3::Ptr<LinuxIpv4> ns3_ipv4;   // the ns3::Ipv4 facade, aggregated on node
  // ptype_all taps bound to this namespace (tcpdump, pcap)
  std::vector<std::pair<int, std::function<void(const SkBuff&, NetDev*, bool)>>> taps;
  int next_tap_id = 1;
  // peernet2id: the ids this namespace has given to others (allocated when first shown)
  std::map<const NetNs*, int> netns_ids;
  int Peernet2idAlloc(const NetNs* peer);
  int Peernet2id(const NetNs* peer) const;

  NetDev* DevGetByName(const std::string& n) const;
  NetDev* DevGetByIndex(int idx) const;
  // dev_index_reserve: the requested index if free, else the next free one from ifindex_next
  int DevIndexReserve(int want);
  // register_netdevice / unregister_netdevice into this namespace's list
  void ListNetdevice(ns3::Ptr<NetDev> dev);
  ns3::Ptr<NetDev> UnlistNetdevice(NetDev* dev);

 protected:
  void DoDispose() override;
};

}  // namespace linuxnet
