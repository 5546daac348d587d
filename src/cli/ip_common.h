// iproute2's ip(8): shared pieces of the object handlers (ip/ip_common.h, lib/utils.c)
#pragma once
#include <string>
#include <vector>

#include "cli/cmd.h"

namespace linuxnet {

class NetDev;

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
