// ip address (iproute2 ip/ipaddress.c)
#include <cerrno>
#include <cstdio>

#include "cli/ip_common.h"
#include "net/ipv4/ipv4.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

bool GetPrefix(const std::string& s, uint32_t* addr, int* plen, bool allow_default) {
  if (allow_default && (s == "default" || s == "any" || s == "all")) {
    *addr = 0;
    *plen = 0;
    return true;
  }
  size_t slash = s.find('/');
  std::string a = s.substr(0, slash);
  if (!IpParse(a, addr)) return false;
  *plen = 32;
  if (slash != std::string::npos) {
    std::string p = s.substr(slash + 1);
    if (p.empty() || p.size() > 2) return false;
    for (char c : p)
      if (c < '0' || c > '9') return false;
    *plen = std::stoi(p);
    if (*plen > 32) return false;
  }
  return true;
}

static const char* ScopeName(uint8_t s) {
  switch (s) {
    case RT_SCOPE_UNIVERSE: return "global";
    case RT_SCOPE_SITE: return "site";
    case RT_SCOPE_LINK: return "link";
    case RT_SCOPE_HOST: return "host";
    case RT_SCOPE_NOWHERE: return "nowhere";
  }
  return "unknown";
}

static bool ParseScope(const std::string& s, uint8_t* out) {
  if (s == "global" || s == "universe") *out = RT_SCOPE_UNIVERSE;
  else if (s == "site") *out = RT_SCOPE_SITE;
  else if (s == "link") *out = RT_SCOPE_LINK;
  else if (s == "host") *out = RT_SCOPE_HOST;
  else if (s == "nowhere") *out = RT_SCOPE_NOWHERE;
  else return false;
  return true;
}

static int AddrShow(CmdCtx& ctx, const IpOpts& o, const Args& a) {
  std::string dev;
  NetDev* m = nullptr;
  for (size_t i = 0; i < a.size(); i++) {
    if (a[i] == "dev" && i + 1 < a.size()) dev = a[++i];
    else if (a[i] == "master" && i + 1 < a.size()) {  // filter.master
      if (!(m = ctx.net->DevGetByName(a[++i]))) {
        ctx.Err("Error: argument \"" + a[i] + "\" is wrong: Device does not exist\n\n");
        return 255;
      }
    } else if (a[i] != "up") dev = a[i];
  }
  NetDev* only = nullptr;
  if (!dev.empty() && !(only = ctx.net->DevGetByName(dev))) {
    ctx.Err("Device \"" + dev + "\" does not exist.\n");
    return 1;
  }
  for (auto& p : ctx.net->devs) {
    NetDev* d = p.operator->();
    if (only && d != only) continue;
    if (m && d->master != m) continue;
    InDevice* in = InDevGet(d);
    if (o.brief) {
      PrintLinkBrief(ctx, d, true);
      if (in)
        for (auto& ifa : in->ifa_list) ctx.Out(IpStr(ifa.local) + "/" + std::to_string(ifa.prefixlen) + " ");
      ctx.Out("\n");
      continue;
    }
    PrintLinkHeader(ctx, o, d, false);
    if (!in) continue;
    for (auto& ifa : in->ifa_list) {
      std::string l = "    inet " + IpStr(ifa.local);
      if (ifa.address != ifa.local) l += " peer " + IpStr(ifa.address);
      l += "/" + std::to_string(ifa.prefixlen) + " ";
      if (ifa.broadcast) l += "brd " + IpStr(ifa.broadcast) + " ";
      l += std::string("scope ") + ScopeName(ifa.scope) + " ";
      if (ifa.flags & IFA_F_SECONDARY) l += "secondary ";
      if (ifa.flags & IFA_F_NOPREFIXROUTE) l += "noprefixroute ";
      l += ifa.label + "\n";
      ctx.Out(l);
      ctx.Out("       valid_lft forever preferred_lft forever\n");
    }
  }
  return 0;
}

static int AddrModify(CmdCtx& ctx, bool add, const Args& a) {
  InIfaddr ifa;
  std::string dev, prefix;
  bool have_local = false, brd_plus = false, brd_minus = false;
  uint8_t scope = RT_SCOPE_UNIVERSE;
  bool scope_set = false;
  for (size_t i = 0; i < a.size(); i++) {
    const std::string& w = a[i];
    auto next = [&] { return NextArg(ctx, a, i); };
    if (w == "dev") {
      const std::string* v = next();
      if (!v) return 255;
      dev = *v;
    } else if (Matches(w, "broadcast") || w == "brd") {
      const std::string* v = next();
      if (!v) return 255;
      if (*v == "+") brd_plus = true;
      else if (*v == "-") brd_minus = true;
      else if (!IpParse(*v, &ifa.broadcast)) {
        ctx.Err("Error: an inet address is expected rather than \"" + *v + "\".\n");
        return 1;
      }
    } else if (w == "scope") {
      const std::string* v = next();
      if (!v) return 255;
      if (!ParseScope(*v, &scope)) {
        ctx.Err("Error: argument \"" + *v + "\" is wrong: invalid scope value.\n");
        return 1;
      }
      scope_set = true;
    } else if (w == "label") {
      const std::string* v = next();
      if (!v) return 255;
      ifa.label = *v;
    } else if (w == "noprefixroute") {
      ifa.flags |= IFA_F_NOPREFIXROUTE;
    } else if (w == "metric" || w == "priority") {
      const std::string* v = next();
      if (!v) return 255;
      ifa.rt_priority = static_cast<uint32_t>(std::strtoul(v->c_str(), nullptr, 0));
    } else if (w == "local" || !have_local) {
      if (w == "local") {
        const std::string* v = next();
        if (!v) return 255;
        prefix = *v;
      } else {
        prefix = w;
      }
      int plen;
      if (!GetPrefix(prefix, &ifa.local, &plen, false)) {
        ctx.Err("Error: any valid prefix is expected rather than \"" + prefix + "\".\n");
        return 1;
      }
      ifa.prefixlen = static_cast<uint8_t>(plen);
      have_local = true;
    } else {
      ctx.Err("Error: either \"local\" is duplicate, or \"" + w + "\" is a garbage.\n");
      return 1;
    }
  }
  if (dev.empty()) {
    ctx.Err("Not enough information: \"dev\" argument is required.\n");
    return 1;
  }
  NetDev* d = ctx.net->DevGetByName(dev);
  if (!d) {
    ctx.Err("Cannot find device \"" + dev + "\"\n");
    return 1;
  }
  if (!have_local) {
    if (add) {
      ctx.Err("RTNETLINK answers: Invalid argument\n");
      return 2;
    }
    ctx.Err("RTNETLINK answers: Operation not supported\n");
    return 2;
  }
  ifa.address = ifa.local;
  if (brd_plus && ifa.prefixlen <= 30) ifa.broadcast = ifa.local | ~PrefixMask(ifa.prefixlen);
  if (brd_minus && ifa.prefixlen <= 30) ifa.broadcast = ifa.local & PrefixMask(ifa.prefixlen);
  // iproute2: an address in 127/8 without an explicit scope gets scope host
  if (!scope_set && (ifa.local & 0xff000000u) == 0x7f000000u) scope = RT_SCOPE_HOST;
  ifa.scope = scope;
  if (add) {
    int err = InetInsertIfa(d, ifa);
    if (err == -EEXIST) {
      ctx.Err("Error: ipv4: Address already assigned.\n");
      return 2;
    }
    if (err) return RtnlError(ctx, err);
    return 0;
  }
  int err = InetDelIfa(d, ifa.local, ifa.prefixlen, prefix.find('/') != std::string::npos);
  if (err) {
    ctx.Err("Error: ipv4: Address not found.\n");
    return 2;
  }
  return 0;
}

static int AddrFlush(CmdCtx& ctx, const Args& a) {
  std::string dev;
  for (size_t i = 0; i < a.size(); i++)
    if (a[i] == "dev" && i + 1 < a.size()) dev = a[++i];
    else dev = a[i];
  NetDev* d = ctx.net->DevGetByName(dev);
  if (!d) {
    ctx.Err("Device \"" + dev + "\" does not exist.\n");
    return 1;
  }
  InDevice* in = InDevGet(d);
  while (in && !in->ifa_list.empty()) InetDelIfa(d, in->ifa_list.back().local, in->ifa_list.back().prefixlen, true);
  return 0;
}

int DoIpAddr(CmdCtx& ctx, const IpOpts& o, Args a) {
  if (a.empty()) return AddrShow(ctx, o, a);
  std::string c = a[0];
  a.erase(a.begin());
  if (Matches(c, "add")) return AddrModify(ctx, true, a);
  if (Matches(c, "delete")) return AddrModify(ctx, false, a);
  if (Matches(c, "show") || Matches(c, "lst") || Matches(c, "list")) return AddrShow(ctx, o, a);
  if (Matches(c, "flush")) return AddrFlush(ctx, a);
  ctx.Err("Command \"" + c + "\" is unknown, try \"ip address help\".\n");
  return 1;
}

}  // namespace linuxnet
