// The simulated machine(s): the initial namespace, the named ones (`ip netns`), the Hosts they run
// on, and the kernel log. One World per simulation; C++, Python and scripts all drive one of these.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ns3/ptr.h"
#include "sim/netns.h"

namespace linuxnet {

class Host;

class World {
 public:
  World();
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  NetNs* init_net() const { return init_net_.operator->(); }
  // copy_net_ns: a fresh namespace with lo (down), IPv4 defaults, and no netfilter tables yet
  ns3::Ptr<NetNs> CreateNetNs(const std::string& name, Host* host = nullptr);
  NetNs* FindNetNs(const std::string& name) const;  // "" is not looked up here
  bool DeleteNetNs(const std::string& name);
  std::vector<std::string> NetNsNames() const;      // in creation order, newest first as ip prints
  Host* default_host() const { return hosts_.front().get(); }
  Host* AddHost(const std::string& name);
  Host* FindHost(const std::string& name) const;
  const std::vector<NetNs*>& all_netns() const { return all_; }

 private:
  ns3::Ptr<NetNs> init_net_;
  std::vector<std::pair<std::string, ns3::Ptr<NetNs>>> named_;  // in creation order
  std::vector<NetNs*> all_;
  std::vector<std::unique_ptr<Host>> hosts_;
};

}  // namespace linuxnet
