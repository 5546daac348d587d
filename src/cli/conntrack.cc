// conntrack(8) from conntrack-tools 1.4.7: -L/--dump, -D/--delete, -F/--flush, -C/--count, with
// the tuple filters -p -s -d --sport --dport --orig-src/--orig-dst/--reply-src/--reply-dst.
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "cli/cmd.h"
#include "net/netfilter/core.h"
#include "net/netfilter/nf_conntrack.h"
#include "net/core/net_namespace.h"

namespace linuxnet {
namespace {

const char* kVersion = "conntrack v1.4.7 (conntrack-tools): ";

std::string ProtoName(uint8_t p) {
  switch (p) {
    case IPPROTO_TCP_: return "tcp";
    case IPPROTO_UDP_: return "udp";
    case IPPROTO_ICMP_: return "icmp";
    default: return "unknown";
  }
}

std::string TupleStr(const NfConntrackTuple& t) {
  std::string s = "src=" + IpStr(t.src) + " dst=" + IpStr(t.dst) + " ";
  if (t.protonum == IPPROTO_TCP_ || t.protonum == IPPROTO_UDP_)
    s += "sport=" + std::to_string(t.sport) + " dport=" + std::to_string(t.dport) + " ";
  else if (t.protonum == IPPROTO_ICMP_)
    s += "type=" + std::to_string(t.IcmpType()) + " code=" + std::to_string(t.IcmpCode()) + " id=" +
         std::to_string(t.sport) + " ";
  return s;
}

std::string EntryStr(const NfConn* ct) {
  char head[64];
  std::snprintf(head, sizeof head, "%-8s %u %u ", ProtoName(ct->tuple[0].protonum).c_str(), ct->tuple[0].protonum,
                NfCtRemainingSeconds(ct));
  std::string s = head;
  if (ct->tuple[0].protonum == IPPROTO_TCP_) s += std::string(TcpConntrackName(ct->tcp_state)) + " ";
  s += TupleStr(ct->tuple[0]);
  if (!(ct->status & IPS_SEEN_REPLY)) s += "[UNREPLIED] ";
  s += TupleStr(ct->tuple[1]);
  if (ct->status & IPS_ASSURED) s += "[ASSURED] ";
  s += "mark=" + std::to_string(ct->mark) + " use=" + std::to_string(ct->use) + "\n";
  return s;
}

struct Filter {
  int proto = -1;
  bool has_osrc = false, has_odst = false, has_rsrc = false, has_rdst = false;
  uint32_t osrc = 0, odst = 0, rsrc = 0, rdst = 0;
  int sport = -1, dport = -1;
  bool Match(const NfConn* ct) const {
    const NfConntrackTuple& o = ct->tuple[0];
    const NfConntrackTuple& r = ct->tuple[1];
    if (proto >= 0 && o.protonum != proto) return false;
    if (has_osrc && o.src != osrc) return false;
    if (has_odst && o.dst != odst) return false;
    if (has_rsrc && r.src != rsrc) return false;
    if (has_rdst && r.dst != rdst) return false;
    if (sport >= 0 && o.sport != sport) return false;
    if (dport >= 0 && o.dport != dport) return false;
    return true;
  }
};

int Usage(CmdCtx& ctx, const std::string& msg) {
  ctx.Err(std::string(kVersion) + msg + "\nTry `conntrack -h' or 'conntrack --help' for more information.\n");
  return 2;
}

int CmdConntrack(CmdCtx& ctx, const std::vector<std::string>& argv) {
  enum { NONE, LIST, DEL, FLUSH, COUNT } cmd = NONE;
  Filter f;
  for (size_t i = 1; i < argv.size(); i++) {
    const std::string& a = argv[i];
    auto val = [&](std::string* out) {
      if (i + 1 >= argv.size()) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    auto addr = [&](bool* has, uint32_t* ip) {
      if (!val(&v)) return Usage(ctx, "option `" + a + "' requires an argument");
      if (!IpParse(v, ip)) return Usage(ctx, "Bad parameter `" + v + "'");
      *has = true;
      return 0;
    };
    int rc = 0;
    bool is_cmd = a == "-L" || a == "--dump" || a == "-D" || a == "--delete" || a == "-F" || a == "--flush" ||
                  a == "-C" || a == "--count";
    if (is_cmd && cmd != NONE) return Usage(ctx, "Invalid commands combination");  // add_command
    if (a == "-L" || a == "--dump") cmd = LIST;
    else if (a == "-D" || a == "--delete") cmd = DEL;
    else if (a == "-F" || a == "--flush") cmd = FLUSH;
    else if (a == "-C" || a == "--count") cmd = COUNT;
    else if (a == "-p" || a == "--proto" || a == "--protonum") {
      if (!val(&v)) return Usage(ctx, "option `" + a + "' requires an argument");
      if (v == "tcp") f.proto = IPPROTO_TCP_;
      else if (v == "udp") f.proto = IPPROTO_UDP_;
      else if (v == "icmp") f.proto = IPPROTO_ICMP_;
      else if (std::isdigit(static_cast<unsigned char>(v[0]))) f.proto = std::atoi(v.c_str());
      else return Usage(ctx, "`" + v + "' unsupported protocol");
    } else if (a == "-s" || a == "--src" || a == "--orig-src") rc = addr(&f.has_osrc, &f.osrc);
    else if (a == "-d" || a == "--dst" || a == "--orig-dst") rc = addr(&f.has_odst, &f.odst);
    else if (a == "-r" || a == "--reply-src") rc = addr(&f.has_rsrc, &f.rsrc);
    else if (a == "-q" || a == "--reply-dst") rc = addr(&f.has_rdst, &f.rdst);
    else if (a == "--sport" || a == "--orig-port-src") {
      if (!val(&v)) return Usage(ctx, "option `" + a + "' requires an argument");
      f.sport = std::atoi(v.c_str());
    } else if (a == "--dport" || a == "--orig-port-dst") {
      if (!val(&v)) return Usage(ctx, "option `" + a + "' requires an argument");
      f.dport = std::atoi(v.c_str());
    } else if (a == "-f" || a == "--family") {
      if (!val(&v)) return Usage(ctx, "option `" + a + "' requires an argument");
    } else if (a == "-n" || a == "--src-nat" || a == "-g" || a == "--dst-nat") {
    } else {
      return Usage(ctx, "Invalid argument `" + a + "'");
    }
    if (rc) return rc;
  }
  NetNs* net = ctx.net;
  CtNet* cn = net->nf->ct.get();
  if (cn) NfConntrackGc(net);
  std::vector<NfConn*> all;
  if (cn) all.assign(cn->entries.begin(), cn->entries.end());
  switch (cmd) {
    case NONE:
      return Usage(ctx, "no command specified");
    case COUNT:
      ctx.Out(std::to_string(cn ? cn->count : 0) + "\n");
      return 0;
    case FLUSH:
      for (NfConn* ct : all) NfCtDelete(ct);
      ctx.Err(std::string(kVersion) + "connection tracking table has been emptied.\n");
      return 0;
    case LIST: {
      int n = 0;
      for (NfConn* ct : all) {
        if (!f.Match(ct)) continue;
        ctx.Out(EntryStr(ct));
        n++;
      }
      ctx.Err(std::string(kVersion) + std::to_string(n) + " flow entries have been shown.\n");
      return 0;
    }
    case DEL: {
      int n = 0;
      for (NfConn* ct : all) {
        if (!f.Match(ct)) continue;
        ctx.Out(EntryStr(ct));
        NfCtDelete(ct);
        n++;
      }
      ctx.Err(std::string(kVersion) + std::to_string(n) + " flow entries have been deleted.\n");
      return n ? 0 : 1;
    }
  }
  return 0;
}

struct Registrar {
  Registrar() { RegisterCommand("conntrack", &CmdConntrack); }
} registrar;

}  // namespace
}  // namespace linuxnet
