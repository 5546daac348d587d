// ip(8) top level (iproute2 ip/ip.c): global options, then the object
#include <cerrno>
#include <cstring>

#include "cli/ip_common.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

std::string StrError(int err) {
  switch (err) {
    case EEXIST: return "File exists";
    case ESRCH: return "No such process";
    case ENODEV: return "No such device";
    case EINVAL: return "Invalid argument";
    case ENETUNREACH: return "Network is unreachable";
    case EHOSTUNREACH: return "No route to host";
    case EBUSY: return "Device or resource busy";
    case EADDRNOTAVAIL: return "Cannot assign requested address";
    case EOPNOTSUPP: return "Operation not supported";
    case ENOENT: return "No such file or directory";
    case EPERM: return "Operation not permitted";
    case ENOBUFS: return "No buffer space available";
    case ERANGE: return "Numerical result out of range";
    case ENOTCONN: return "Transport endpoint is not connected";
    case EMSGSIZE: return "Message too long";
    case EACCES: return "Permission denied";
    default: return std::strerror(err);
  }
}

int NetnsSwitchOption(CmdCtx& ctx, const std::vector<std::string>& argv, size_t* i) {
  if (*i + 1 >= argv.size()) {
    ctx.Err("Option \"" + argv[*i] + "\" requires an argument\n");  // NEXT_ARG: missing argument
    return 255;
  }
  NetNs* ns = ctx.user->FindNetns(argv[*i + 1]);
  if (!ns) {
    ctx.Err("Cannot open network namespace \"" + argv[*i + 1] + "\": No such file or directory\n");
    return 255;
  }
  ctx.net = ns;
  *i += 2;
  return 0;
}

const std::string* NextArg(CmdCtx& ctx, const Args& a, size_t& i) {
  if (i + 1 >= a.size()) {
    ctx.Err("Command line is not complete. Try option \"help\"\n");
    return nullptr;
  }
  return &a[++i];
}

int RtnlError(CmdCtx& ctx, int err) {
  ctx.Err("RTNETLINK answers: " + StrError(err < 0 ? -err : err) + "\n");
  return 2;
}

static int CmdIp(CmdCtx& ctx, const std::vector<std::string>& argv) {
  IpOpts o;
  size_t i = 1;
  NetNs* saved = ctx.net;
  while (i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-') {
    std::string opt = argv[i];
    if (opt.size() > 2 && opt[1] == '-') opt = opt.substr(1);
    if (opt == "-n" || Matches(opt.substr(1), "netns")) {
      if (int rc = NetnsSwitchOption(ctx, argv, &i)) return rc;
      continue;
    }
    if (opt == "-s" || Matches(opt.substr(1), "statistics") || Matches(opt.substr(1), "stats")) o.stats++;
    else if (opt == "-d" || Matches(opt.substr(1), "details")) o.details++;
    else if (opt == "-br" || Matches(opt.substr(1), "brief")) o.brief = true;
    else if (opt == "-o" || Matches(opt.substr(1), "oneline")) o.oneline = true;
    else if (opt == "-4" || opt == "-c" || Matches(opt.substr(1), "color")) {
    } else {
      ctx.Err("Option \"" + argv[i] + "\" is unknown, try \"ip -help\".\n");
      ctx.net = saved;
      return 255;
    }
    i++;
  }
  Args a(argv.begin() + static_cast<long>(i), argv.end());
  int rc;
  if (a.empty()) {
    ctx.Err("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n");
    rc = 1;
  } else {
    std::string obj = a[0];
    a.erase(a.begin());
    if (Matches(obj, "address")) rc = DoIpAddr(ctx, o, a);
    else if (Matches(obj, "route")) rc = DoIpRoute(ctx, o, a);
    else if (Matches(obj, "neighbor") || Matches(obj, "neighbour")) rc = DoIpNeigh(ctx, o, a);
    else if (Matches(obj, "link")) rc = DoIpLink(ctx, o, a);
    else if (Matches(obj, "netns")) rc = DoIpNetns(ctx, o, a);
    else {
      ctx.Err("Object \"" + obj + "\" is unknown, try \"ip help\".\n");
      rc = 1;
    }
  }
  ctx.net = saved;
  return rc;
}

// ip netns (ip/ipnetns.c)
int DoIpNetns(CmdCtx& ctx, const IpOpts& o, Args a) {
  Userland* w = ctx.user;
  if (a.empty() || Matches(a[0], "list") || a[0] == "show") {
    for (auto& n : w->NetnsNames()) {
      int id = ctx.net->Peernet2id(w->FindNetns(n));
      ctx.Out(id >= 0 ? n + " (id: " + std::to_string(id) + ")\n" : n + "\n");
    }
    return 0;
  }
  std::string cmd = a[0];
  if (Matches(cmd, "add")) {
    if (a.size() < 2) {
      ctx.Err("No netns name specified\n");
      return 1;
    }
    if (w->FindNetns(a[1])) {
      ctx.Err("Cannot create namespace file \"/run/netns/" + a[1] + "\": File exists\n");
      return 1;
    }
    w->AddNetns(a[1]);
    return 0;
  }
  if (Matches(cmd, "delete")) {
    if (a.size() < 2) {
      ctx.Err("No netns name specified\n");
      return 1;
    }
    if (!w->DelNetns(a[1])) {
      ctx.Err("Cannot remove namespace file \"/run/netns/" + a[1] + "\": No such file or directory\n");
      return 1;
    }
    return 0;
  }
  if (Matches(cmd, "exec")) {
    if (a.size() < 2) {
      ctx.Err("No netns name specified\n");
      return 255;
    }
    NetNs* ns = w->FindNetns(a[1]);
    if (!ns) {
      ctx.Err("Cannot open network namespace \"" + a[1] + "\": No such file or directory\n");
      return 255;
    }
    if (a.size() < 3) {
      ctx.Err("No command specified\n");
      return 255;
    }
    NetNs* saved = ctx.net;
    ctx.net = ns;
    Args sub(a.begin() + 2, a.end());
    int rc = RunCommand(ctx, sub);
    ctx.net = saved;
    if (rc == 127 && !FindCommand(sub[0])) {
      // execvp failure as ip netns exec reports it
      ctx.err.erase(ctx.err.rfind("bash: line 1:"));
      ctx.Err("exec of \"" + sub[0] + "\" failed: No such file or directory\n");
      return 255;
    }
    return rc;
  }
  ctx.Err("Command \"" + cmd + "\" is unknown, try \"ip netns help\".\n");
  return 255;
}

static struct IpRegistrar {
  IpRegistrar() { RegisterCommand("ip", &CmdIp); }
} ip_registrar;

}  // namespace linuxnet
