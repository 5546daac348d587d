// net/netfilter/xt_tcpudp.c (tcp and udp matches) with libxt_tcp.c / libxt_udp.c
#include <cstdio>
#include <cstring>

#include "net/netfilter/x_tables.h"
#include "sim/host.h"

namespace linuxnet {

namespace {

enum : uint8_t { XT_TCP_INV_SRCPT = 0x01, XT_TCP_INV_DSTPT = 0x02, XT_TCP_INV_FLAGS = 0x04, XT_TCP_INV_OPTION = 0x08,
                 XT_TCP_INV_MASK = 0x0F };
enum : uint8_t { XT_UDP_INV_SRCPT = 0x01, XT_UDP_INV_DSTPT = 0x02, XT_UDP_INV_MASK = 0x03 };

// struct xt_tcp
struct XtTcp {
  uint16_t spts[2];
  uint16_t dpts[2];
  uint8_t option;
  uint8_t flg_mask;
  uint8_t flg_cmp;
  uint8_t invflags;
};
// struct xt_udp
struct XtUdp {
  uint16_t spts[2];
  uint16_t dpts[2];
  uint8_t invflags;
  uint8_t pad[3];
};

inline bool PortMatch(uint16_t min, uint16_t max, uint16_t port, bool invert) {
  return (port >= min && port <= max) ^ invert;
}

// tcp_mt
bool TcpMt(const SkBuff* skb, XtActionParam* par) {
  KFunc(KF_tcp_mt, skb);
  const XtTcp* t = static_cast<const XtTcp*>(par->info);
  if (par->fragoff != 0) {
    // a fragment overlapping the tcp header is an attack (the kernel's "Dropping evil TCP offset=1 frag")
    if (par->fragoff == 1) par->hotdrop = true;
    return false;
  }
  uint8_t th[20];
  if (skb->data->GetSize() < sizeof(th)) {
    par->hotdrop = true;
    return false;
  }
  skb->data->CopyData(th, sizeof(th));
  uint16_t sport = static_cast<uint16_t>(th[0] << 8 | th[1]);
  uint16_t dport = static_cast<uint16_t>(th[2] << 8 | th[3]);
  if (!PortMatch(t->spts[0], t->spts[1], sport, t->invflags & XT_TCP_INV_SRCPT)) return false;
  if (!PortMatch(t->dpts[0], t->dpts[1], dport, t->invflags & XT_TCP_INV_DSTPT)) return false;
  bool fl = (th[13] & t->flg_mask) == t->flg_cmp;
  if (!(fl ^ ((t->invflags & XT_TCP_INV_FLAGS) != 0))) return false;
  if (t->option) {
    // tcp_find_option: the options after the fixed header
    unsigned doff = (th[12] >> 4) * 4u;
    bool found = false;
    if (doff > 20 && skb->data->GetSize() >= doff) {
      uint8_t opt[40];
      uint8_t full[60];
      skb->data->CopyData(full, doff);
      std::memcpy(opt, full + 20, doff - 20);
      for (unsigned i = 0; i < doff - 20;) {
        if (opt[i] == t->option) {
          found = true;
          break;
        }
        if (opt[i] < 2) i++;
        else i += opt[i + 1] ? opt[i + 1] : 1;
      }
    }
    if (!(found ^ ((t->invflags & XT_TCP_INV_OPTION) != 0))) return false;
  }
  return true;
}

int TcpMtCheck(const XtChkParam* par) {
  const XtTcp* t = static_cast<const XtTcp*>(par->info);
  return (t->invflags & ~XT_TCP_INV_MASK) ? -22 : 0;
}

// udp_mt
bool UdpMt(const SkBuff* skb, XtActionParam* par) {
  KFunc(KF_udp_mt, skb);
  const XtUdp* u = static_cast<const XtUdp*>(par->info);
  if (par->fragoff != 0) return false;
  uint8_t uh[8];
  if (skb->data->GetSize() < sizeof(uh)) {
    par->hotdrop = true;
    return false;
  }
  skb->data->CopyData(uh, sizeof(uh));
  uint16_t sport = static_cast<uint16_t>(uh[0] << 8 | uh[1]);
  uint16_t dport = static_cast<uint16_t>(uh[2] << 8 | uh[3]);
  return PortMatch(u->spts[0], u->spts[1], sport, u->invflags & XT_UDP_INV_SRCPT) &&
         PortMatch(u->dpts[0], u->dpts[1], dport, u->invflags & XT_UDP_INV_DSTPT);
}

int UdpMtCheck(const XtChkParam* par) {
  const XtUdp* u = static_cast<const XtUdp*>(par->info);
  return (u->invflags & ~XT_UDP_INV_MASK) ? -22 : 0;
}

// ---- user space ----
enum { O_SPORT = 1, O_DPORT, O_FLAGS, O_SYN, O_OPTION };
const XtOpt kTcpOpts[] = {{"source-port", true, O_SPORT}, {"sport", true, O_SPORT},
                          {"destination-port", true, O_DPORT}, {"dport", true, O_DPORT},
                          {"tcp-flags", true, O_FLAGS}, {"syn", false, O_SYN}, {"tcp-option", true, O_OPTION},
                          {nullptr, false, 0}};
const XtOpt kUdpOpts[] = {{"source-port", true, O_SPORT}, {"sport", true, O_SPORT},
                          {"destination-port", true, O_DPORT}, {"dport", true, O_DPORT}, {nullptr, false, 0}};

void InitPorts(void* d) {
  uint16_t* p = static_cast<uint16_t*>(d);
  p[0] = 0;
  p[1] = 0xffff;
  p[2] = 0;
  p[3] = 0xffff;
}

// parse_tcp_ports / xtables_parse_port range "a", "a:b", ":b", "a:"
bool ParsePorts(XtParseCtx& c, const char* proto, uint16_t* out) {
  std::string s = c.arg;
  auto colon = s.find(':');
  if (colon == std::string::npos) {
    uint16_t p;
    if (!XtParsePort(s, proto, &p)) return XtErr(c, "invalid port/service `" + s + "' specified"), false;
    out[0] = out[1] = p;
    return true;
  }
  std::string a = s.substr(0, colon), b = s.substr(colon + 1);
  uint16_t lo = 0, hi = 0xffff;
  if (!a.empty() && !XtParsePort(a, proto, &lo)) return XtErr(c, "invalid port/service `" + a + "' specified"), false;
  if (!b.empty() && !XtParsePort(b, proto, &hi)) return XtErr(c, "invalid port/service `" + b + "' specified"), false;
  // libxt_tcp/libxt_udp parse_*_ports take a reversed range as given (it then never matches)
  out[0] = lo;
  out[1] = hi;
  return true;
}

const struct { const char* name; uint8_t flag; } kTcpFlags[] = {
    {"FIN", 0x01}, {"SYN", 0x02}, {"RST", 0x04}, {"PSH", 0x08}, {"ACK", 0x10}, {"URG", 0x20}, {"ALL", 0x3F}, {"NONE", 0}};

bool ParseTcpFlags(XtParseCtx& c, const std::string& s, uint8_t* out) {
  uint8_t r = 0;
  size_t p = 0;
  for (;;) {
    size_t q = s.find(',', p);
    std::string w = s.substr(p, q == std::string::npos ? std::string::npos : q - p);
    bool ok = false;
    for (auto& f : kTcpFlags)
      if (strcasecmp(w.c_str(), f.name) == 0) {
        r |= f.flag;
        ok = true;
      }
    if (!ok) return XtErr(c, "Unknown TCP flag `" + w + "'"), false;
    if (q == std::string::npos) break;
    p = q + 1;
  }
  *out = r;
  return true;
}

int TcpParse(XtParseCtx& c) {
  XtTcp* t = static_cast<XtTcp*>(c.data);
  switch (c.id) {
    case O_SPORT:
      if (*c.flags & 1) return XtErr(c, "multiple --sport flags not allowed");
      *c.flags |= 1;
      if (!ParsePorts(c, "tcp", t->spts)) return 2;
      if (c.invert) t->invflags |= XT_TCP_INV_SRCPT;
      return 0;
    case O_DPORT:
      if (*c.flags & 2) return XtErr(c, "multiple --dport flags not allowed");
      *c.flags |= 2;
      if (!ParsePorts(c, "tcp", t->dpts)) return 2;
      if (c.invert) t->invflags |= XT_TCP_INV_DSTPT;
      return 0;
    case O_SYN:
    case O_FLAGS: {
      if (*c.flags & 4) return XtErr(c, "Only one of `--syn' or `--tcp-flags'  allowed");
      *c.flags |= 4;
      if (c.id == O_SYN) {
        t->flg_mask = 0x17;
        t->flg_cmp = 0x02;
      } else {
        if (*c.argi >= c.args->size() || (*c.args)[*c.argi].empty() || (*c.args)[*c.argi][0] == '-' ||
            (*c.args)[*c.argi][0] == '!')
          return XtErr(c, "--tcp-flags requires two args.");
        std::string cmp = (*c.args)[(*c.argi)++];
        if (!ParseTcpFlags(c, c.arg, &t->flg_mask) || !ParseTcpFlags(c, cmp, &t->flg_cmp)) return 2;
      }
      if (c.invert) t->invflags |= XT_TCP_INV_FLAGS;
      return 0;
    }
    case O_OPTION: {
      uint32_t v;
      if (!XtStrToU32(c.arg, &v, 255) || v == 0) return XtErr(c, std::string("Bad TCP option \"") + c.arg + "\"");
      t->option = static_cast<uint8_t>(v);
      if (c.invert) t->invflags |= XT_TCP_INV_OPTION;
      return 0;
    }
  }
  return 0;
}

int UdpParse(XtParseCtx& c) {
  XtUdp* u = static_cast<XtUdp*>(c.data);
  if (c.id == O_SPORT) {
    if (*c.flags & 1) return XtErr(c, "multiple --sport flags not allowed");
    *c.flags |= 1;
    if (!ParsePorts(c, "udp", u->spts)) return 2;
    if (c.invert) u->invflags |= XT_UDP_INV_SRCPT;
  } else {
    if (*c.flags & 2) return XtErr(c, "multiple --dport flags not allowed");
    *c.flags |= 2;
    if (!ParsePorts(c, "udp", u->dpts)) return 2;
    if (c.invert) u->invflags |= XT_UDP_INV_DSTPT;
  }
  return 0;
}

void PrintPorts(const char* name, uint16_t min, uint16_t max, bool invert, bool numeric, const char* proto,
                std::string& out) {
  const char* inv = invert ? "!" : "";
  if (min != 0 || max != 0xFFFF || invert) {
    out += " ";
    out += name;
    if (min == max) {
      out += std::string(":") + inv + XtPortName(min, proto, numeric);
    } else {
      out += std::string("s:") + inv + XtPortName(min, proto, numeric) + ":" + XtPortName(max, proto, numeric);
    }
  }
}

std::string TcpFlagsStr(uint8_t flags) {
  std::string s;
  bool have = false;
  while (flags) {
    unsigned i = 0;
    while ((flags & kTcpFlags[i].flag) == 0) i++;
    if (have) s += ",";
    s += kTcpFlags[i].name;
    have = true;
    flags &= static_cast<uint8_t>(~kTcpFlags[i].flag);
  }
  if (!have) s = "NONE";
  return s;
}

void TcpPrint(const void* d, const IptIp*, bool numeric, std::string& out) {
  const XtTcp* t = static_cast<const XtTcp*>(d);
  out += " tcp";
  PrintPorts("spt", t->spts[0], t->spts[1], t->invflags & XT_TCP_INV_SRCPT, numeric, "tcp", out);
  PrintPorts("dpt", t->dpts[0], t->dpts[1], t->invflags & XT_TCP_INV_DSTPT, numeric, "tcp", out);
  if (t->option || (t->invflags & XT_TCP_INV_OPTION)) {
    out += " option=";
    if (t->invflags & XT_TCP_INV_OPTION) out += "!";
    out += std::to_string(t->option);
  }
  if (t->flg_mask || (t->invflags & XT_TCP_INV_FLAGS)) {
    out += " flags:";
    if (t->invflags & XT_TCP_INV_FLAGS) out += "!";
    if (numeric) {
      char buf[32];
      std::snprintf(buf, sizeof(buf), "0x%02X/0x%02X", t->flg_mask, t->flg_cmp);
      out += buf;
    } else {
      out += TcpFlagsStr(t->flg_mask) + "/" + TcpFlagsStr(t->flg_cmp);
    }
  }
}

void SavePorts(const char* opt, const uint16_t* p, bool inv, std::string& out) {
  if (p[0] != 0 || p[1] != 0xFFFF) {
    if (inv) out += " !";
    out += std::string(" --") + opt + " " + std::to_string(p[0]);
    if (p[0] != p[1]) out += ":" + std::to_string(p[1]);
  }
}

void TcpSave(const void* d, const IptIp*, std::string& out) {
  const XtTcp* t = static_cast<const XtTcp*>(d);
  SavePorts("sport", t->spts, t->invflags & XT_TCP_INV_SRCPT, out);
  SavePorts("dport", t->dpts, t->invflags & XT_TCP_INV_DSTPT, out);
  if (t->option || (t->invflags & XT_TCP_INV_OPTION)) {
    if (t->invflags & XT_TCP_INV_OPTION) out += " !";
    out += " --tcp-option " + std::to_string(t->option);
  }
  if (t->flg_mask || (t->invflags & XT_TCP_INV_FLAGS)) {
    if (t->invflags & XT_TCP_INV_FLAGS) out += " !";
    out += " --tcp-flags " + TcpFlagsStr(t->flg_mask) + " " + TcpFlagsStr(t->flg_cmp);
  }
}

void UdpPrint(const void* d, const IptIp*, bool numeric, std::string& out) {
  const XtUdp* u = static_cast<const XtUdp*>(d);
  out += " udp";
  PrintPorts("spt", u->spts[0], u->spts[1], u->invflags & XT_UDP_INV_SRCPT, numeric, "udp", out);
  PrintPorts("dpt", u->dpts[0], u->dpts[1], u->invflags & XT_UDP_INV_DSTPT, numeric, "udp", out);
}

void UdpSave(const void* d, const IptIp*, std::string& out) {
  const XtUdp* u = static_cast<const XtUdp*>(d);
  SavePorts("sport", u->spts, u->invflags & XT_UDP_INV_SRCPT, out);
  SavePorts("dport", u->dpts, u->invflags & XT_UDP_INV_DSTPT, out);
}

const XtExt kTcp = [] {
  XtExt e;
  e.name = "tcp";
  e.size = sizeof(XtTcp);
  e.usersize = sizeof(XtTcp);
  e.proto = 6;
  e.match = &TcpMt;
  e.checkentry = &TcpMtCheck;
  e.opts = kTcpOpts;
  e.init = &InitPorts;
  e.parse = &TcpParse;
  e.print = &TcpPrint;
  e.save = &TcpSave;
  return e;
}();
const XtExt kUdp = [] {
  XtExt e;
  e.name = "udp";
  e.size = sizeof(XtUdp);
  e.usersize = sizeof(XtUdp);
  e.proto = 17;
  e.match = &UdpMt;
  e.checkentry = &UdpMtCheck;
  e.opts = kUdpOpts;
  e.init = &InitPorts;
  e.parse = &UdpParse;
  e.print = &UdpPrint;
  e.save = &UdpSave;
  return e;
}();
const XtExtRegistrar reg_tcp(&kTcp), reg_udp(&kUdp);

}  // namespace
}  // namespace linuxnet
