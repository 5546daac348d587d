// net/netfilter/xt_LOG.c + nf_log_ipv4.c (nf_log_ip_packet / dump_ipv4_packet) with libxt_LOG.c.
// The lines go to the namespace's kernel log, which `dmesg` prints.
#include <strings.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "net/core/netdevice.h"
#include "net/netfilter/x_tables.h"
#include "sim/addr.h"
#include "net/core/net_namespace.h"
#include "sim/host.h"

namespace linuxnet {
namespace {

enum : uint8_t { XT_LOG_TCPSEQ = 0x01, XT_LOG_TCPOPT = 0x02, XT_LOG_IPOPT = 0x04, XT_LOG_UID = 0x08,
                 XT_LOG_NFLOG = 0x10, XT_LOG_MACDECODE = 0x20, XT_LOG_MASK = 0x2f };

struct XtLogInfo {
  uint8_t level;
  uint8_t logflags;
  char prefix[30];
};

void Add(std::string& m, const char* fmt, unsigned a, unsigned b = 0) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), fmt, a, b);
  m += buf;
}

// dump_ipv4_packet over the header struct plus the L4 bytes at `l4` (len bytes available)
void DumpIpv4(std::string& m, const Iphdr& ih, const uint8_t* l4, uint32_t len, uint8_t logflags, bool inner,
              uint32_t mark) {
  m += "SRC=" + IpStr(ih.saddr) + " DST=" + IpStr(ih.daddr) + " ";
  char buf[96];
  std::snprintf(buf, sizeof(buf), "LEN=%u TOS=0x%02X PREC=0x%02X TTL=%u ID=%u ", ih.tot_len, ih.tos & 0x1e,
                ih.tos & 0xe0, ih.ttl, ih.id);
  m += buf;
  if (ih.frag_off & 0x8000) m += "CE ";
  if (ih.frag_off & IP_DF) m += "DF ";
  if (ih.frag_off & IP_MF) m += "MF ";
  if (ih.frag_off & IP_OFFSET) Add(m, "FRAG:%u ", ih.frag_off & IP_OFFSET);
  bool frag = ih.frag_off & IP_OFFSET;
  switch (ih.protocol) {
    case IPPROTO_TCP_: {
      m += "PROTO=TCP ";
      if (frag) break;
      if (len < 20) {
        Add(m, "INCOMPLETE [%u bytes] ", len);
        break;
      }
      const uint8_t* th = l4;
      Add(m, "SPT=%u DPT=%u ", th[0] << 8 | th[1], th[2] << 8 | th[3]);
      if (logflags & XT_LOG_TCPSEQ) {
        unsigned seq = static_cast<unsigned>(th[4]) << 24 | th[5] << 16 | th[6] << 8 | th[7];
        unsigned ack = static_cast<unsigned>(th[8]) << 24 | th[9] << 16 | th[10] << 8 | th[11];
        Add(m, "SEQ=%u ACK=%u ", seq, ack);
      }
      Add(m, "WINDOW=%u ", th[14] << 8 | th[15]);
      Add(m, "RES=0x%02x ", (th[12] & 0x0fu) << 2);
      uint8_t f = th[13];
      if (f & 0x80) m += "CWR ";
      if (f & 0x40) m += "ECE ";
      if (f & 0x20) m += "URG ";
      if (f & 0x10) m += "ACK ";
      if (f & 0x08) m += "PSH ";
      if (f & 0x04) m += "RST ";
      if (f & 0x02) m += "SYN ";
      if (f & 0x01) m += "FIN ";
      Add(m, "URGP=%u ", th[18] << 8 | th[19]);
      break;
    }
    case IPPROTO_UDP_: {
      m += "PROTO=UDP ";
      if (frag) break;
      if (len < 8) {
        Add(m, "INCOMPLETE [%u bytes] ", len);
        break;
      }
      Add(m, "SPT=%u DPT=%u ", l4[0] << 8 | l4[1], l4[2] << 8 | l4[3]);
      Add(m, "LEN=%u ", l4[4] << 8 | l4[5]);
      break;
    }
    case IPPROTO_ICMP_: {
      m += "PROTO=ICMP ";
      if (frag) break;
      if (len < 4) {
        Add(m, "INCOMPLETE [%u bytes] ", len);
        break;
      }
      uint8_t type = l4[0], code = l4[1];
      Add(m, "TYPE=%u CODE=%u ", type, code);
      switch (type) {
        case ICMP_ECHOREPLY:
        case ICMP_ECHO:
          if (len < 8) {
            Add(m, "INCOMPLETE [%u bytes] ", len);
            break;
          }
          Add(m, "ID=%u SEQ=%u ", l4[4] << 8 | l4[5], l4[6] << 8 | l4[7]);
          break;
        case ICMP_PARAMETERPROB:
          Add(m, "PARAMETER=%u ", l4[4]);
          break;
        case ICMP_REDIRECT:
          m += "GATEWAY=" + IpStr(static_cast<uint32_t>(l4[4]) << 24 | l4[5] << 16 | l4[6] << 8 | l4[7]) + " ";
          // fall through
        case ICMP_DEST_UNREACH:
        case 4:
        case ICMP_TIME_EXCEEDED:
          if (!inner && len >= 8 + 20) {
            Iphdr in;
            if (in.Read(l4 + 8, len - 8)) {
              m += "[";
              DumpIpv4(m, in, l4 + 8 + in.ihl * 4, len - 8 - in.ihl * 4u, logflags, true, 0);
              m += "] ";
            }
          }
          if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED) Add(m, "MTU=%u ", l4[6] << 8 | l4[7]);
          break;
      }
      break;
    }
    default:
      Add(m, "PROTO=%u ", ih.protocol);
  }
  if (!inner && mark) {
    std::snprintf(buf, sizeof(buf), "MARK=0x%x ", mark);
    m += buf;
  }
}

// log_tg → nf_log_packet → nf_log_ip_packet
unsigned LogTg(SkBuff* skb, const XtActionParam* par) {
  const XtLogInfo* li = static_cast<const XtLogInfo*>(par->info);
  const NfHookState* st = par->state;
  // nf_log_ip_packet: "Disabled from containers until syslog ns is supported"
  XtNet* klog = XtKernelLog(st->net);
  if (st->net != st->net->host->init_net && !klog->nf_log_all_netns) return XT_CONTINUE;
  std::string m = li->prefix;
  m += "IN=" + std::string(st->in ? st->in->name : "") + " OUT=" + std::string(st->out ? st->out->name : "") + " ";
  if (st->in) {
    // dump_ipv4_mac_header
    if ((li->logflags & XT_LOG_MACDECODE) && st->in->type == ARPHRD_ETHER && skb->mac_valid) {
      char buf[96];
      std::snprintf(buf, sizeof(buf), "MACSRC=%s MACDST=%s MACPROTO=%04x ", skb->eth.h_source.Str().c_str(),
                    skb->eth.h_dest.Str().c_str(), skb->eth.h_proto);
      m += buf;
    } else {
      m += "MAC=";
      if (skb->mac_valid) {
        char buf[8];
        const uint8_t* d = skb->eth.h_dest.b;
        const uint8_t* s = skb->eth.h_source.b;
        for (int i = 0; i < 6; i++) {
          std::snprintf(buf, sizeof(buf), i ? ":%02x" : "%02x", d[i]);
          m += buf;
        }
        for (int i = 0; i < 6; i++) {
          std::snprintf(buf, sizeof(buf), ":%02x", s[i]);
          m += buf;
        }
        std::snprintf(buf, sizeof(buf), ":%02x:%02x", skb->eth.h_proto >> 8, skb->eth.h_proto & 0xff);
        m += buf;
      }
      m += " ";
    }
  }
  uint8_t l4[128];
  uint32_t len = std::min<uint32_t>(skb->data->GetSize(), sizeof(l4));
  skb->data->CopyData(l4, len);
  DumpIpv4(m, skb->iph, l4, len, li->logflags, false, skb->mark);
  Printk(st->net, m);
  return XT_CONTINUE;
}

int LogCheck(const XtChkParam* par) {
  const XtLogInfo* li = static_cast<const XtLogInfo*>(par->info);
  if (li->level >= 8) return -22;
  if (li->prefix[sizeof(li->prefix) - 1] != '\0') return -22;
  return 0;
}

// prioritynames (syslog.h), searched in this order
const struct { const char* name; uint8_t level; } kLevels[] = {
    {"alert", 1}, {"crit", 2}, {"debug", 7}, {"emerg", 0}, {"err", 3}, {"error", 3}, {"info", 6},
    {"notice", 5}, {"panic", 0}, {"warn", 4}, {"warning", 4}};

enum { O_LEVEL = 1, O_PREFIX, O_TCPSEQ, O_TCPOPT, O_IPOPT, O_UID, O_MACDECODE };
const XtOpt kOpts[] = {{"log-level", true, O_LEVEL}, {"log-prefix", true, O_PREFIX},
                       {"log-tcp-sequence", false, O_TCPSEQ}, {"log-tcp-options", false, O_TCPOPT},
                       {"log-ip-options", false, O_IPOPT}, {"log-uid", false, O_UID},
                       {"log-macdecode", false, O_MACDECODE}, {nullptr, false, 0}};

void LogInit(void* d) { static_cast<XtLogInfo*>(d)->level = 4; }

int LogParse(XtParseCtx& c) {
  XtLogInfo* li = static_cast<XtLogInfo*>(c.data);
  if (c.invert) return XtErr(c, "LOG: unexpected `!'");
  switch (c.id) {
    case O_LEVEL: {
      uint32_t v;
      if (XtStrToU32(c.arg, &v, 7)) {
        li->level = static_cast<uint8_t>(v);
        return 0;
      }
      for (auto& l : kLevels)
        if (strcasecmp(c.arg, l.name) == 0) {
          li->level = l.level;
          return 0;
        }
      return XtErr(c, std::string("log level \"") + c.arg + "\" unknown");
    }
    case O_PREFIX: {
      size_t n = std::strlen(c.arg);
      // XTTYPE_STRING into the 30-byte prefix: up to 30 characters accepted, 29 kept
      if (n > sizeof(li->prefix))
        return XtErr(c, "Maximum prefix length 29 for --log-prefix");
      if (n == 0) return XtErr(c, "No prefix specified for --log-prefix");
      std::strncpy(li->prefix, c.arg, sizeof(li->prefix) - 1);
      return 0;
    }
    case O_TCPSEQ: li->logflags |= XT_LOG_TCPSEQ; return 0;
    case O_TCPOPT: li->logflags |= XT_LOG_TCPOPT; return 0;
    case O_IPOPT: li->logflags |= XT_LOG_IPOPT; return 0;
    case O_UID: li->logflags |= XT_LOG_UID; return 0;
    case O_MACDECODE: li->logflags |= XT_LOG_MACDECODE; return 0;
  }
  return 0;
}

void LogPrint(const void* d, const IptIp*, bool numeric, std::string& out) {
  const XtLogInfo* li = static_cast<const XtLogInfo*>(d);
  out += " LOG";
  if (numeric) {
    out += " flags " + std::to_string(li->logflags) + " level " + std::to_string(li->level);
  } else {
    static const char* names[] = {"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"};
    if (li->level < 8) out += std::string(" level ") + names[li->level];
    else out += " UNKNOWN level " + std::to_string(li->level);
    if (li->logflags & XT_LOG_TCPSEQ) out += " tcp-sequence";
    if (li->logflags & XT_LOG_TCPOPT) out += " tcp-options";
    if (li->logflags & XT_LOG_IPOPT) out += " ip-options";
    if (li->logflags & XT_LOG_UID) out += " uid";
    if (li->logflags & XT_LOG_MACDECODE) out += " macdecode";
    if (li->logflags & ~XT_LOG_MASK) out += " unknown-flags";
  }
  if (li->prefix[0]) out += std::string(" prefix \"") + li->prefix + "\"";
}

void LogSave(const void* d, const IptIp*, std::string& out) {
  const XtLogInfo* li = static_cast<const XtLogInfo*>(d);
  if (li->prefix[0]) out += " --log-prefix" + XtSaveString(li->prefix);
  if (li->level != 4) out += " --log-level " + std::to_string(li->level);
  if (li->logflags & XT_LOG_TCPSEQ) out += " --log-tcp-sequence";
  if (li->logflags & XT_LOG_TCPOPT) out += " --log-tcp-options";
  if (li->logflags & XT_LOG_IPOPT) out += " --log-ip-options";
  if (li->logflags & XT_LOG_UID) out += " --log-uid";
  if (li->logflags & XT_LOG_MACDECODE) out += " --log-macdecode";
}

const XtExt kLog = [] {
  XtExt e;
  e.name = "LOG";
  e.is_target = true;
  e.size = sizeof(XtLogInfo);
  e.usersize = sizeof(XtLogInfo);
  e.target = &LogTg;
  e.checkentry = &LogCheck;
  e.opts = kOpts;
  e.init = &LogInit;
  e.parse = &LogParse;
  e.print = &LogPrint;
  e.save = &LogSave;
  return e;
}();
const XtExtRegistrar reg(&kLog);

}  // namespace
}  // namespace linuxnet
