// sysctl(8) (procps-ng 4.0.2) over the namespace's net.ipv4 sysctls (net/ipv4/sysctl_net_ipv4.c,
// devinet.c's conf.* table)
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <functional>

#include "cli/cmd.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/tcp.h"
#include "net/netfilter/core.h"
#include "net/netfilter/nf_conntrack.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

namespace {

#define DEVCONF_FIELDS(X)                                                                      \
  X(accept_local) X(accept_redirects) X(accept_source_route) X(arp_accept) X(arp_announce)     \
  X(arp_evict_nocarrier) X(arp_filter) X(arp_ignore) X(arp_notify) X(bc_forwarding)          \
  X(bootp_relay) X(disable_policy) X(disable_xfrm) X(drop_gratuitous_arp)                     \
  X(drop_unicast_in_l2_multicast) X(forwarding) X(ignore_routes_with_linkdown)               \
  X(log_martians) X(mc_forwarding) X(medium_id) X(promote_secondaries) X(proxy_arp)          \
  X(proxy_arp_pvlan) X(route_localnet) X(rp_filter) X(secure_redirects) X(send_redirects)    \
  X(shared_media) X(src_valid_mark) X(tag)

int* DevconfField(IpDevConf& c, const std::string& f) {
#define X(n) if (f == #n) return &c.n;
  DEVCONF_FIELDS(X)
#undef X
  return nullptr;
}

// devinet_sysctl_forward: forwarding on "all" (and net.ipv4.ip_forward) sets every device
void InetForwardChange(NetNs* net, int on) {
  net->ipv4->devconf_all.forwarding = on;
  net->ipv4->devconf_dflt.forwarding = on;
  net->ipv4->devconf_all.accept_redirects = !on;
  for (auto& d : net->devs)
    if (InDevice* in = InDevGet(d.operator->())) in->cnf.forwarding = on;
}

// A sysctl: reads give the value; writes return 0 or -errno. An integer knob (proc_dointvec)
// reads and parses one int; `text` knobs see the file's text as it is (vectors, strings).
struct Knob {
  std::function<int()> get;
  std::function<int(int)> set;
  std::function<std::string()> get_text;
  std::function<int(const std::string&)> set_text;
};

// proc_dointvec_minmax's parse of a vector of `n` ints, each at least `min`: each value read
// replaces the next one at once (a short write leaves the rest, extra values are ignored), and
// the first bad one stops the write with -EINVAL, keeping those before it
int ParseIntVector(const std::string& text, int* v, int n, int min) {
  const char* p = text.c_str();
  int k = 0;
  for (;;) {
    while (*p == ' ' || *p == '\t' || *p == '\n') p++;
    if (!*p || k == n) break;
    char* end;
    long x = std::strtol(p, &end, 10);
    if (end == p || (*end && *end != ' ' && *end != '\t' && *end != '\n')) return -EINVAL;
    if (x < min || x > INT32_MAX) return -EINVAL;
    v[k++] = static_cast<int>(x);
    p = end;
  }
  return k == 0 ? -EINVAL : 0;
}

bool IntVectorKnob(Knob* k, int* v, int n, int min) {
  k->get_text = [v, n] {
    std::string s;
    for (int i = 0; i < n; i++) s += (i ? "\t" : "") + std::to_string(v[i]);
    return s;
  };
  k->set_text = [v, n, min](const std::string& t) { return ParseIntVector(t, v, n, min); };
  return true;
}

bool FindKnob(NetNs* net, const std::string& key, Knob* k) {
  Ipv4Net* ip = net->ipv4.get();
  auto simple = [&](int* p) {
    k->get = [p] { return *p; };
    k->set = [p](int v) { *p = v; return 0; };
    return true;
  };
  // proc_dointvec_minmax
  auto bounded = [&](int* p, int min, int max = INT32_MAX) {
    k->get = [p] { return *p; };
    k->set = [p, min, max](int v) {
      if (v < min || v > max) return -EINVAL;
      *p = v;
      return 0;
    };
    return true;
  };
  if (key == "net.ipv4.ip_forward") {
    k->get = [ip] { return ip->devconf_all.forwarding; };
    k->set = [net](int v) { InetForwardChange(net, v); return 0; };
    return true;
  }
  if (key == "net.ipv4.ip_default_ttl") {
    k->get = [ip] { return ip->sysctl_ip_default_ttl; };
    k->set = [ip](int v) {
      if (v < 1 || v > 255) return -EINVAL;
      ip->sysctl_ip_default_ttl = v;
      return 0;
    };
    return true;
  }
  // net_core_table (net/core/sysctl_net_core.c): registered for init_net only, so another
  // namespace has no such file
  if (net == net->host->init_net) {
    Host* h = net->host;
    if (key == "net.core.netdev_max_backlog") return bounded(&h->netdev_max_backlog, INT32_MIN);
    if (key == "net.core.netdev_budget") return bounded(&h->netdev_budget, INT32_MIN);
    if (key == "net.core.netdev_budget_usecs") return bounded(&h->netdev_budget_usecs, 0);
    // sock.c's minima (the v5.3 table's min_rcvbuf / min_sndbuf: SOCK_MIN_RCVBUF, SOCK_MIN_SNDBUF)
    if (key == "net.core.rmem_default") return bounded(&h->sysctl_rmem_default, 2304);
    if (key == "net.core.rmem_max") return bounded(&h->sysctl_rmem_max, 2304);
    if (key == "net.core.wmem_default") return bounded(&h->sysctl_wmem_default, 4608);
    if (key == "net.core.wmem_max") return bounded(&h->sysctl_wmem_max, 4608);
  }
  // ipv4_local_port_range: both ends 1..65535 (proc_dointvec_minmax), low <= high and low not
  // below ip_unprivileged_port_start (1024), else nothing changes
  if (key == "net.ipv4.ip_local_port_range") {
    int* r = ip->sysctl_ip_local_port_range;
    k->get_text = [r] { return std::to_string(r[0]) + "\t" + std::to_string(r[1]); };
    k->set_text = [r](const std::string& t) {
      int v[2] = {r[0], r[1]};
      if (int err = ParseIntVector(t, v, 2, 1)) return err;
      if (v[0] > 65535 || v[1] > 65535 || v[1] < v[0] || v[0] < 1024) return -EINVAL;
      r[0] = v[0], r[1] = v[1];
      return 0;
    };
    return true;
  }
  // ---- TCP (net/ipv4/sysctl_net_ipv4.c ipv4_net_table) ----
  TcpNet& tcp = ip->tcp;
  if (key == "net.ipv4.tcp_rmem") return IntVectorKnob(k, tcp.rmem, 3, 1);
  if (key == "net.ipv4.tcp_wmem") return IntVectorKnob(k, tcp.wmem, 3, 1);
  if (key == "net.ipv4.tcp_timestamps") return simple(&tcp.timestamps);
  if (key == "net.ipv4.tcp_sack") return simple(&tcp.sack);
  if (key == "net.ipv4.tcp_window_scaling") return simple(&tcp.window_scaling);
  if (key == "net.ipv4.tcp_moderate_rcvbuf") return simple(&tcp.moderate_rcvbuf);
  if (key == "net.ipv4.tcp_adv_win_scale") return bounded(&tcp.adv_win_scale, -31, 31);
  if (key == "net.ipv4.tcp_syn_retries") return bounded(&tcp.syn_retries, 1, 127);
  if (key == "net.ipv4.tcp_congestion_control") {
    k->get_text = [ip] { return TcpCongestionNames()[static_cast<size_t>(ip->tcp.congestion_control)]; };
    k->set_text = [net](const std::string& t) {
      std::string name = t.substr(0, t.find('\n'));
      return TcpSetDefaultCongestionControl(net, name);
    };
    return true;
  }
  if (key == "net.ipv4.tcp_available_congestion_control") {
    k->get_text = [net] { return TcpAvailableCongestionControl(net->host); };
    k->set_text = [](const std::string&) { return -EACCES; };
    return true;
  }
  if (key == "net.ipv4.tcp_allowed_congestion_control") {
    k->get_text = [net] { return TcpAllowedCongestionControl(net->host); };
    k->set_text = [net](const std::string& t) { return TcpSetAllowedCongestionControl(net->host, t); };
    return true;
  }
  // ---- end TCP ----
  if (key == "net.ipv4.icmp_echo_ignore_all") return simple(&ip->sysctl_icmp_echo_ignore_all);
  if (key == "net.ipv4.icmp_echo_ignore_broadcasts") return simple(&ip->sysctl_icmp_echo_ignore_broadcasts);
  if (key == "net.ipv4.icmp_ratelimit") return simple(&ip->sysctl_icmp_ratelimit);
  if (key == "net.ipv4.icmp_ratemask") return simple(&ip->sysctl_icmp_ratemask);
  if (key == "net.ipv4.ip_nonlocal_bind") return simple(&ip->sysctl_ip_nonlocal_bind);
  if (key == "net.ipv4.ip_no_pmtu_disc") return simple(&ip->sysctl_ip_no_pmtu_disc);
  // ---- br_netfilter (net/bridge/br_netfilter_hooks.c brnf_table) ----
  // br_netfilter is loaded on the real machine, so these exist in every namespace (checked: before
  // any bridge exists, too), 1/1/1/0/0/0 by default, per namespace. brnf_sysctl_call_tables: a
  // non-zero write reads back as 1; sysctl still echoes what was written.
  const std::string brnf = "net.bridge.bridge-nf-";
  if (key.compare(0, brnf.size(), brnf) == 0) {
    auto& b = net->nf->brnf;
    std::string f = key.substr(brnf.size());
    int* p = f == "call-iptables" ? &b.call_iptables : f == "call-ip6tables" ? &b.call_ip6tables
           : f == "call-arptables" ? &b.call_arptables : f == "filter-vlan-tagged" ? &b.filter_vlan_tagged
           : f == "filter-pppoe-tagged" ? &b.filter_pppoe_tagged : f == "pass-vlan-input-dev" ? &b.pass_vlan_indev
           : nullptr;
    if (!p) return false;
    k->get = [p] { return *p; };
    k->set = [p](int v) { *p = v != 0; return 0; };
    return true;
  }
  // ---- end br_netfilter ----
  const std::string nfct = "net.netfilter.nf_conntrack_";
  if (key.compare(0, nfct.size(), nfct) == 0) {
    // the conntrack module is loaded on the real machine, so its sysctls exist in every namespace
    if (!net->nf->ct) net->nf->ct = std::make_unique<CtNet>();
    CtNet* cn = net->nf->ct.get();
    std::string f = key.substr(nfct.size());
    auto u32 = [&](uint32_t* p) {
      k->get = [p] { return static_cast<int>(*p); };
      k->set = [p](int v) {
        if (v < 0) return -EINVAL;
        *p = static_cast<uint32_t>(v);
        return 0;
      };
      return true;
    };
    if (f == "count") {
      k->get = [net] { return static_cast<int>(net->nf->ct->count); };  // expired, not yet collected, count
      k->set = [](int) { return -EACCES; };
      return true;
    }
    if (f == "max") return u32(&cn->max);
    if (f == "udp_timeout") return u32(&cn->udp_timeout);
    if (f == "udp_timeout_stream") return u32(&cn->udp_timeout_stream);
    if (f == "icmp_timeout") return u32(&cn->icmp_timeout);
    if (f == "tcp_loose") return simple(&cn->tcp_loose);
    if (f == "tcp_be_liberal") return simple(&cn->tcp_be_liberal);
    if (f == "acct") return simple(&cn->acct);
    if (f == "checksum") return simple(&cn->checksum);
    if (f == "log_invalid") return simple(&cn->log_invalid);
    static const char* tcp[] = {"", "syn_sent", "syn_recv", "established", "fin_wait", "close_wait",
                                "last_ack", "time_wait", "close", "syn_sent2"};
    for (int i = 1; i < TCP_CONNTRACK_MAX; i++)
      if (f == std::string("tcp_timeout_") + tcp[i]) return u32(&cn->tcp_timeouts[i]);
    return false;
  }
  const std::string conf = "net.ipv4.conf.";
  if (key.compare(0, conf.size(), conf) == 0) {
    std::string rest = key.substr(conf.size());
    size_t dot = rest.rfind('.');
    if (dot == std::string::npos) return false;
    std::string dev = rest.substr(0, dot), field = rest.substr(dot + 1);
    IpDevConf* c = nullptr;
    NetDev* d = nullptr;
    if (dev == "all") c = &ip->devconf_all;
    else if (dev == "default") c = &ip->devconf_dflt;
    else if ((d = net->DevGetByName(dev)) && InDevGet(d)) c = &InDevGet(d)->cnf;
    if (!c) return false;
    int* p = DevconfField(*c, field);
    if (!p) return false;
    if (field == "forwarding" && dev == "all") {
      k->get = [p] { return *p; };
      k->set = [net](int v) { InetForwardChange(net, v); return 0; };
      return true;
    }
    return simple(p);
  }
  return false;
}

std::string ProcPath(const std::string& key) {
  std::string p = "/proc/sys/";
  for (char ch : key) p += ch == '.' ? '/' : ch;
  return p;
}

int CmdSysctl(CmdCtx& ctx, const std::vector<std::string>& argv) {
  bool write = false, quiet = false, values_only = false, ignore = false;
  std::vector<std::string> args;
  for (size_t i = 1; i < argv.size(); i++) {
    const std::string& a = argv[i];
    if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
      for (size_t j = 1; j < a.size(); j++) {
        switch (a[j]) {
          case 'w': write = true; break;
          case 'q': quiet = true; break;
          case 'n': values_only = true; break;
          case 'e': ignore = true; break;
          case 'N': break;
          default:
            ctx.Err(std::string("sysctl: invalid option -- '") + a[j] + "'\n");
            return 1;
        }
      }
    } else if (a == "--write") write = true;
    else if (a == "--quiet") quiet = true;
    else if (a == "--values") values_only = true;
    else args.push_back(a);
  }
  if (args.empty()) {
    ctx.Err("sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
    return 1;
  }
  int rc = 0;
  for (std::string arg : args) {
    for (auto& ch : arg)
      if (ch == '/') ch = '.';
    size_t eq = arg.find('=');
    if (write && eq == std::string::npos) {
      ctx.Err("sysctl: command line(0): invalid syntax, continuing...\n");
      rc = 1;
      continue;
    }
    std::string key = eq == std::string::npos ? arg : arg.substr(0, eq);
    Knob k;
    if (!FindKnob(ctx.net, key, &k)) {
      if (!ignore) {
        ctx.Err("sysctl: cannot stat " + ProcPath(key) + ": No such file or directory\n");
        rc = 1;
      }
      continue;
    }
    if (eq != std::string::npos) {
      std::string val = arg.substr(eq + 1);
      int err;
      if (k.set_text) {
        err = k.set_text(val);
      } else {
        char* end;
        long v = std::strtol(val.c_str(), &end, 10);
        while (*end == ' ' || *end == '\n') end++;
        err = (val.empty() || *end) ? -EINVAL : k.set(static_cast<int>(v));
      }
      if (err == -EACCES) {
        // a read-only key: the write fails at close, which procps reports without failing
        ctx.Err("sysctl: setting key \"" + key + "\": Invalid argument\n");
        continue;
      }
      if (err) {
        ctx.Err("sysctl: setting key \"" + key + "\": " + std::strerror(-err) + "\n");
        rc = 1;
        continue;
      }
      // procps echoes the value from its first non-blank character
      std::string shown = val.substr(std::min(val.find_first_not_of(" \t"), val.size()));
      if (!quiet) ctx.Out(values_only ? shown + "\n" : key + " = " + shown + "\n");
    } else {
      std::string v = k.get_text ? k.get_text() : std::to_string(k.get());
      ctx.Out(values_only ? v + "\n" : key + " = " + v + "\n");
    }
  }
  return rc;
}

struct Registrar {
  Registrar() { RegisterCommand("sysctl", &CmdSysctl); }
} registrar;

}  // namespace
}  // namespace linuxnet
