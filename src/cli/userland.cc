#include "cli/userland.h"

#include "net/core/net_namespace.h"
#include "ns3/simulator.h"

namespace linuxnet {

Userland::~Userland() {
  ClearJobs();
  while (!order_.empty()) DelNetns(order_.back().first);
}

NetNs* Userland::FindNetns(const std::string& name) const {
  auto it = netns_.find(name);
  return it == netns_.end() ? nullptr : it->second->second.operator->();
}

NetNs* Userland::AddNetns(const std::string& name) {
  if (netns_.count(name)) return nullptr;
  ns3::Ptr<NetNs> net = CopyNetNs(host_);
  net->name = name;
  order_.emplace_front(name, net);
  netns_[name] = order_.begin();
  return net.operator->();
}

bool Userland::DelNetns(const std::string& name) {
  auto it = netns_.find(name);
  if (it == netns_.end()) return false;
  ns3::Ptr<NetNs> net = it->second->second;
  order_.erase(it->second);
  netns_.erase(it);
  CleanupNet(net.operator->());
  return true;
}

std::vector<std::string> Userland::NetnsNames() const {
  std::vector<std::string> v;
  v.reserve(order_.size());
  for (auto& e : order_) v.push_back(e.first);
  return v;
}

std::string* Userland::File(const std::string& path, bool create) {
  auto it = files_.find(path);
  if (it != files_.end()) return &it->second;
  return create ? &files_[path] : nullptr;
}

void RunForeground(Job* job, double cap_seconds) {
  if (job->Done()) return;
  ns3::EventId cap = ns3::Simulator::Schedule(ns3::Seconds(cap_seconds), &Job::Kill, job);
  ns3::Simulator::Run();
  cap.Cancel();
  if (!job->Done()) job->Kill();  // the simulation ran out of events first
}

size_t Userland::RunningJobs() const {
  size_t n = 0;
  for (auto& j : jobs_) n += !j->Done();
  return n;
}

void Userland::ClearJobs() {
  for (auto& j : jobs_)
    if (!j->Done()) j->Kill();
  jobs_.clear();
}

}  // namespace linuxnet
