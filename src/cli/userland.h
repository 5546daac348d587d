// What one machine's user space keeps between commands: /run/netns (the named namespaces, each
// a reference to a struct net, as the bind mount `ip netns add` makes), the files a script wrote,
// the processes still running in the background, and the pid counter. One per Host; the World
// owns it. The tools reach it through their CmdCtx.
#pragma once
#include <list>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "net/core/net_namespace.h"

namespace linuxnet {

struct TapQueue;

// A process that outlives the command line that started it (`cmd &`), or that runs in virtual
// time with callbacks from ns-3 sockets. The job table keeps it alive until the script ends, so
// late callbacks always find it.
class Job {
 public:
  virtual ~Job() = default;
  virtual bool Done() const = 0;
  virtual void Kill() = 0;  // SIGTERM
};

// A foreground tool that lives in virtual time (nc, iperf3): runs the simulation until the job
// exits, or kills it (SIGTERM) after `cap_seconds` so that no script hangs the simulator
void RunForeground(Job* job, double cap_seconds);

class Userland {
 public:
  Userland(Host* host, NetNs* init_net) : host_(host), init_net_(init_net) {}
  ~Userland();
  Userland(const Userland&) = delete;
  Userland& operator=(const Userland&) = delete;
  Host* host() const { return host_; }
  NetNs* init_net() const { return init_net_; }

  // /run/netns
  NetNs* FindNetns(const std::string& name) const;
  // `ip netns add`: a new namespace (copy_net_ns) mounted at the name; nullptr if the name exists
  NetNs* AddNetns(const std::string& name);
  // `ip netns del`: the name goes and with it the namespace (cleanup_net); false if no such name
  bool DelNetns(const std::string& name);
  std::vector<std::string> NetnsNames() const;  // as readdir(/run/netns) lists them: newest first
  size_t NetnsCount() const { return netns_.size(); }

  // The script's files (what `> FILE` wrote; /dev/null is not kept)
  std::string* File(const std::string& path, bool create);

  void AddJob(std::unique_ptr<Job> job) { jobs_.push_back(std::move(job)); }
  size_t RunningJobs() const;
  void ClearJobs();  // kills whatever still runs and forgets every job (end of a script)

  // getpid() of the next tool started (ping's ICMP identifier)
  int NextPid() { return next_pid_++; }

  // the /dev/tapN files `linuxnet-tap open` holds open between commands (a process's descriptors)
  struct TapFile {
    ns3::Ptr<NetDev> dev;
    std::shared_ptr<TapQueue> q;
  };
  std::map<NetDev*, TapFile> tap_files;

 private:
  Host* host_;
  NetNs* init_net_;
  std::list<std::pair<std::string, ns3::Ptr<NetNs>>> order_;  // newest first
  std::unordered_map<std::string, decltype(order_)::iterator> netns_;
  std::map<std::string, std::string> files_;
  std::vector<std::unique_ptr<Job>> jobs_;
  int next_pid_ = 0x1234;
};

}  // namespace linuxnet
