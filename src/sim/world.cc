#include "sim/world.h"

#include <algorithm>

#include "drivers/net/loopback.h"
#include "net/core/dev.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/linux-ipv4.h"
#include "net/netfilter/core.h"
#include "sim/host.h"
#include "sim/init.h"

namespace linuxnet {

World::World() {
  LinuxnetSubsysInit();
  hosts_.push_back(std::make_unique<Host>("host0"));
  init_net_ = CreateNetNs("");
}

World::~World() {
  for (auto it = named_.rbegin(); it != named_.rend(); ++it) it->second->Dispose();
  if (init_net_) init_net_->Dispose();
}

Host* World::AddHost(const std::string& name) {
  hosts_.push_back(std::make_unique<Host>(name));
  return hosts_.back().get();
}

Host* World::FindHost(const std::string& name) const {
  for (auto& h : hosts_)
    if (h->name() == name) return h.get();
  return nullptr;
}

// setup_net: the pernet init of each subsystem, in the order the kernel runs them
ns3::Ptr<NetNs> World::CreateNetNs(const std::string& name, Host* host) {
  ns3::Ptr<NetNs> net = ns3::CreateObject<NetNs>();
  net->name = name;
  net->world = this;
  net->host = host ? host : default_host();
  net->node = ns3::CreateObject<ns3::Node>();
  net->node->AggregateObject(net);
  net->ipv4 = std::make_unique<Ipv4Net>();
  net->nf = std::make_unique<NfNet>();
  LoopbackNetInit(net.operator->());
  LinuxIpv4::Install(net.operator->());
  if (!name.empty()) named_.emplace_back(name, net);
  all_.push_back(net.operator->());
  return net;
}

NetNs* World::FindNetNs(const std::string& name) const {
  for (auto& e : named_)
    if (e.first == name) return e.second.operator->();
  return nullptr;
}

// cleanup_net: devices of the dying namespace are unregistered (a veth takes its peer with it)
bool World::DeleteNetNs(const std::string& name) {
  for (auto it = named_.begin(); it != named_.end(); ++it) {
    if (it->first != name) continue;
    ns3::Ptr<NetNs> net = it->second;
    named_.erase(it);
    while (!net->devs.empty()) {
      NetDev* d = net->devs.back().operator->();
      if (d == net->loopback_dev) {
        if (net->devs.size() == 1) break;
        d = net->devs[net->devs.size() - 2].operator->();
      }
      UnregisterNetdevice(d);
    }
    LinkwatchRunQueue();
    for (NetNs* other : all_) other->netns_ids.erase(net.operator->());
    all_.erase(std::remove(all_.begin(), all_.end(), net.operator->()), all_.end());
    net->Dispose();
    return true;
  }
  return false;
}

std::vector<std::string> World::NetNsNames() const {
  std::vector<std::string> v;
  for (auto it = named_.rbegin(); it != named_.rend(); ++it) v.push_back(it->first);
  return v;
}

}  // namespace linuxnet
