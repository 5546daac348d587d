// nstat (iproute2 misc/nstat.c): the namespace's SNMP counters, as the kernel shows them in
// /proc/net/snmp, /proc/net/snmp6 and /proc/net/netstat, read in nstat's order (snmp, snmp6,
// netstat), with its history file (/tmp/.nstat.u0: increments since the last run unless -a),
// fnmatch patterns, -z, -j/-p and its usage and errors. The counters are those the model keeps:
// Ip (the IPSTATS subset), Udp, and IpExt's InNoRoutes/InTruncatedPkts; UdpLite, Udp6 and
// UdpLite6 are listed and always zero (the model has neither UDP-Lite nor IPv6 sockets).
#include <fnmatch.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "cli/cmd.h"
#include "net/core/net_namespace.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/udp.h"

namespace linuxnet {
namespace {

using Counters = std::vector<std::pair<std::string, uint64_t>>;

// load_snmp, load_snmp6, load_netstat, in the order dump_kern_db lists them
Counters KernelCounters(NetNs* net) {
  Counters c;
  const uint64_t* ip = net->ipv4->mib;
  const std::pair<const char*, int> kIp[] = {
      {"InReceives", IPSTATS_MIB_InReceives},   {"InHdrErrors", IPSTATS_MIB_InHdrErrors},
      {"InAddrErrors", IPSTATS_MIB_InAddrErrors}, {"ForwDatagrams", IPSTATS_MIB_OutForwDatagrams},
      {"InUnknownProtos", IPSTATS_MIB_InUnknownProtos}, {"InDiscards", IPSTATS_MIB_InDiscards},
      {"InDelivers", IPSTATS_MIB_InDelivers},   {"OutRequests", IPSTATS_MIB_OutRequests},
      {"OutDiscards", IPSTATS_MIB_OutDiscards}, {"OutNoRoutes", IPSTATS_MIB_OutNoRoutes}};
  for (const auto& e : kIp) c.emplace_back(std::string("Ip") + e.first, ip[e.second]);
  const uint64_t* udp = UdpTableOf(net)->mib;
  // snmp4_udp_list: the model's UdpMib order, then MemErrors (never counted: no memory pressure)
  auto udp_list = [&c](const std::string& prefix, const uint64_t* v) {
    for (int i = 0; i < UDP_MIB_MAX; i++) c.emplace_back(prefix + UdpMibName(i), v ? v[i] : 0);
    c.emplace_back(prefix + "MemErrors", 0);
  };
  udp_list("Udp", udp);
  udp_list("UdpLite", nullptr);
  udp_list("Udp6", nullptr);
  udp_list("UdpLite6", nullptr);
  c.emplace_back("IpExtInNoRoutes", ip[IPSTATS_MIB_InNoRoutes]);
  c.emplace_back("IpExtInTruncatedPkts", ip[IPSTATS_MIB_InTruncatedPkts]);
  return c;
}

bool Match(const std::vector<std::string>& patterns, const std::string& id) {
  if (patterns.empty()) return true;
  for (const auto& p : patterns)
    if (!fnmatch(p.c_str(), id.c_str(), 0)) return true;
  return false;
}

std::string Line(const std::string& id, uint64_t val, const char* tail = "") {
  char b[160];
  std::snprintf(b, sizeof b, "%-32s%-16llu%6.1f%s\n", id.c_str(), static_cast<unsigned long long>(val), 0.0, tail);
  return b;
}

// load_good_table: "#source" then "ID VALUE RATE" lines
Counters ParseHistory(const std::string& text) {
  Counters h;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    std::string l = text.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
    at = nl == std::string::npos ? text.size() : nl + 1;
    if (l.empty() || l[0] == '#') continue;
    char id[256];
    unsigned long long v = 0;
    if (std::sscanf(l.c_str(), "%255s%llu", id, &v) == 2) h.emplace_back(id, v);
  }
  return h;
}

const uint64_t* Find(const Counters& h, const std::string& id) {
  for (const auto& e : h)
    if (e.first == id) return &e.second;
  return nullptr;
}

// the usage text as iproute2 6.1's nstat prints it
const char kUsage[] =
    "Usage: nstat [OPTION] [ PATTERN [ PATTERN ] ]\n"
    "   -h, --help          this message\n"
    "   -a, --ignore        ignore history\n"
    "   -d, --scan=SECS     sample every statistics every SECS\n"
    "   -j, --json          format output in JSON\n"
    "   -n, --nooutput      do history only\n"
    "   -p, --pretty        pretty print\n"
    "   -r, --reset         reset history\n"
    "   -s, --noupdate      don't update history\n"
    "   -t, --interval=SECS report average over the last SECS\n"
    "   -V, --version       output version information\n"
    "   -z, --zeros         show entries with zero activity\n";

int Usage(CmdCtx& ctx) {
  ctx.Err(kUsage);
  return 255;  // exit(-1)
}

int CmdNstat(CmdCtx& ctx, const std::vector<std::string>& argv) {
  bool zeros = false, reset = false, ignore = false, noupdate = false, nooutput = false, json = false,
       pretty = false;
  int scan = 0;
  std::vector<std::string> patterns;
  auto flag = [&](char c) {  // the options without a value
    switch (c) {
      case 'z': zeros = true; return true;
      case 'r': reset = true; return true;
      case 'a': ignore = true; return true;
      case 's': noupdate = true; return true;
      case 'n': nooutput = true; return true;
      case 'j': json = true; return true;
      case 'p': pretty = true; return true;
      default: return false;
    }
  };
  // getopt_long("h?vVzrnasd:t:jp"), which permutes: patterns may come between options
  for (size_t i = 1; i < argv.size(); i++) {
    const std::string& a = argv[i];
    if (a == "--") {
      patterns.insert(patterns.end(), argv.begin() + static_cast<long>(i) + 1, argv.end());
      break;
    }
    if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
      std::string name = a.substr(2), val;
      size_t eq = name.find('=');
      if (eq != std::string::npos) val = name.substr(eq + 1), name = name.substr(0, eq);
      static const std::pair<const char*, char> kLong[] = {
          {"help", 'h'},      {"ignore", 'a'},  {"scan", 'd'},    {"nooutput", 'n'}, {"json", 'j'}, {"reset", 'r'},
          {"noupdate", 's'},  {"pretty", 'p'},  {"interval", 't'}, {"version", 'V'}, {"zeros", 'z'}};
      char opt = 0;
      int hits = 0;
      for (const auto& l : kLong) {
        std::string ln = l.first;
        if (ln == name) { opt = l.second, hits = 1; break; }
        if (ln.compare(0, name.size(), name) == 0) opt = l.second, hits++;
      }
      if (hits != 1) {
        ctx.Err("nstat: " + std::string(hits ? "option '" + a + "' is ambiguous" : "unrecognized option '" + a + "'") + "\n");
        return Usage(ctx);
      }
      if ((opt == 'd' || opt == 't') && eq == std::string::npos) {
        if (i + 1 >= argv.size()) {
          ctx.Err("nstat: option '--" + name + "' requires an argument\n");
          return Usage(ctx);
        }
        val = argv[++i];
      }
      if (flag(opt)) continue;
      switch (opt) {
        case 'd': scan = 1000 * std::atoi(val.c_str()); break;
        case 't': {
          int t = 0;
          if (std::sscanf(val.c_str(), "%d", &t) != 1 || t <= 0) {
            ctx.Err("nstat: invalid time constant divisor\n");
            return 255;
          }
          break;
        }
        case 'V': ctx.Out("nstat utility, iproute2-6.1.0\n"); return 0;
        default: return Usage(ctx);
      }
      continue;
    }
    if (a.size() < 2 || a[0] != '-') {
      patterns.push_back(a);
      continue;
    }
    for (size_t j = 1; j < a.size(); j++) {
      char c = a[j];
      if (c == 'd' || c == 't') {
        std::string val = a.substr(j + 1);
        if (val.empty()) {
          if (i + 1 >= argv.size()) {
            ctx.Err(std::string("nstat: option requires an argument -- '") + c + "'\n");
            return Usage(ctx);
          }
          val = argv[++i];
        }
        if (c == 'd') {
          scan = 1000 * std::atoi(val.c_str());
        } else {
          int t = 0;
          if (std::sscanf(val.c_str(), "%d", &t) != 1 || t <= 0) {
            ctx.Err("nstat: invalid time constant divisor\n");
            return 255;
          }
        }
        break;
      }
      if (flag(c)) continue;
      switch (c) {
        case 'v':
        case 'V': ctx.Out("nstat utility, iproute2-6.1.0\n"); return 0;
        case 'h':
        case '?': return Usage(ctx);
        default:
          ctx.Err(std::string("nstat: invalid option -- '") + c + "'\n");
          return Usage(ctx);
      }
    }
  }
  if (scan > 0) {
    ctx.Err("linuxnet: nstat -d (the sampling daemon) is not modelled\n");
    return 1;
  }
  const std::string hist_name = "/tmp/.nstat.u0";
  if (reset)  // unlink: the open below makes it anew, empty
    if (std::string* f = ctx.user->File(hist_name, false)) f->clear();
  Counters hist;
  bool have_hist = false;
  std::string* hist_file = nullptr;
  if (!ignore || !noupdate) {
    hist_file = ctx.user->File(hist_name, true);
    if (!ignore) {
      hist = ParseHistory(*hist_file);
      have_hist = !hist.empty();
    }
  }
  const Counters kern = KernelCounters(ctx.net);
  if (!nooutput) {
    nlohmann::ordered_json obj = nlohmann::ordered_json::object();
    std::string text = "#kernel\n";
    for (const auto& e : kern) {
      uint64_t val = e.second;
      const char* ovfl = "";
      if (have_hist) {  // dump_incr_db
        if (const uint64_t* h = Find(hist, e.first)) {
          if (val < *h) ovfl = " (overflow)", val = *h;
          val -= *h;
        }
      }
      if ((!zeros && !val) || !Match(patterns, e.first)) continue;
      if (json) obj[e.first] = val;
      else text += Line(e.first, val, ovfl);
    }
    if (json) {
      nlohmann::ordered_json top;
      top["kernel"] = obj;
      ctx.Out(pretty ? top.dump(4) + "\n" : top.dump() + "\n");
    } else {
      ctx.Out(text);
    }
  }
  if (!noupdate && hist_file) {
    // dump_kern_db(hist, to_hist): what matched takes today's value, the rest keeps its history
    std::string h = "#kernel\n";
    for (const auto& e : kern) {
      uint64_t val = e.second;
      if (!zeros && !val) continue;
      if (!Match(patterns, e.first)) {
        const uint64_t* old = Find(hist, e.first);
        if (old) val = *old;
      }
      h += Line(e.first, val);
    }
    *hist_file = h;
  }
  return 0;
}

struct Registrar {
  Registrar() { RegisterCommand("nstat", &CmdNstat); }
} registrar;

}  // namespace
}  // namespace linuxnet
