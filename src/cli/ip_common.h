// iproute2's ip(8): shared pieces of the object handlers (ip/ip_common.h, lib/utils.c)
#pragma once
#include <string>
#include <vector>

#include "cli/cmd.h"
#include "sim/addr.h"

namespace linuxnet {

class NetDev;
class NetNs;

struct IpOpts {
  int stats = 0;     // -s, repeatable
  int details = 0;   // -d
  bool brief = false;
  bool oneline = false;
};

using Args = std::vector<std::string>;

// lib/utils.c matches(): `a` is a non-empty prefix of `b`
inline bool Matches(const std::string& a, const char* b) {
  return !a.empty() && std::string(b).compare(0, a.size(), a) == 0;
}

// The device options `ip link add` and `ip link set` share (iplink_parse)
struct LinkOpts {
  std::string name, netns, link, kind;
  bool has_addr = false, has_mtu = false, has_qlen = false;
  MacAddr addr;
  uint32_t mtu = 0, qlen = 0;
  Args kind_args;
};

// parses generic device options; stops at "type KIND", leaving the rest in kind_args
int ParseLinkOpts(CmdCtx& ctx, Args& a, LinkOpts* lo, bool add);
// a `netns NAME` argument; sets *rc and prints the error when there is no such namespace
NetNs* ResolveNetns(CmdCtx& ctx, const std::string& n, int* rc);

// One file per link kind, as iproute2's ip/iplink_*.c: the `type` word is the key; `add` parses
// the kind's own arguments (lo.kind_args) and creates the device in `net`; `print_opt` prints the
// kind's `ip -d link` details after the kind name; `change` applies `ip link set DEV type KIND ...`.
struct IpLinkKind {
  const char* kind;
  int (*add)(CmdCtx& ctx, const LinkOpts& lo, NetNs* net);
  void (*print_opt)(CmdCtx& ctx, NetDev* dev);
  // `ip link set DEV type KIND ARGS` (the kind's changelink); nullptr: not supported
  int (*change)(CmdCtx& ctx, NetDev* dev, const Args& kind_args) = nullptr;
  // `ip -d link` of a device whose master is of this kind: the "KIND_slave" section (the
  // IFLA_INFO_SLAVE_DATA of iproute2's ip/iplink_KIND_slave.c); nullptr: none
  void (*print_slave_opt)(CmdCtx& ctx, NetDev* dev) = nullptr;
};
void RegisterIpLinkKind(const IpLinkKind* k);
const IpLinkKind* FindIpLinkKind(const std::string& kind);

// `-n NS` / `-netns NS` of ip and bridge (netns_switch): sets ctx.net and moves i past the name,
// or prints the tool's error and returns its exit status (255)
int NetnsSwitchOption(CmdCtx& ctx, const std::vector<std::string>& argv, size_t* i);

// The argument after a keyword (advancing i), or iproute2's incomplete-command message and nullptr
const std::string* NextArg(CmdCtx& ctx, const Args& a, size_t& i);

int DoIpNetns(CmdCtx& ctx, const IpOpts& o, Args a);
int DoIpLink(CmdCtx& ctx, const IpOpts& o, Args a);
int DoIpAddr(CmdCtx& ctx, const IpOpts& o, Args a);
int DoIpRoute(CmdCtx& ctx, const IpOpts& o, Args a);
int DoIpNeigh(CmdCtx& ctx, const IpOpts& o, Args a);

// "RTNETLINK answers: <strerror>" (exit 2) for a kernel error without an extack message
int RtnlError(CmdCtx& ctx, int err);
std::string StrError(int err);
// `ip link show` header line(s) for one device (shared with ip addr show)
void PrintLinkHeader(CmdCtx& ctx, const IpOpts& o, NetDev* dev, bool link_cmd);
void PrintLinkBrief(CmdCtx& ctx, NetDev* dev, bool addrs);
bool GetPrefix(const std::string& s, uint32_t* addr, int* plen, bool allow_default);

}  // namespace linuxnet
