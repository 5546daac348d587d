// Helpers shared by the user-space halves of the extensions (libxtables/xtables.c):
// number and port parsing, service names, the error path.
#include <cstdlib>
#include <cstring>

#include "net/netfilter/x_tables.h"

namespace linuxnet {

// xtables_strtoui: base 0 (0x.., 0.., decimal), whole string, within max
bool XtStrToU32(const char* s, uint32_t* v, uint32_t max) {
  if (!s || !*s) return false;
  if (*s == '-' || *s == '+' || *s == ' ') return false;
  char* end;
  unsigned long long x = std::strtoull(s, &end, 0);
  if (*end != 0 || x > max) return false;
  *v = static_cast<uint32_t>(x);
  return true;
}

// getservbyport / getservbyname over the common entries of /etc/services
static const struct { uint16_t port; const char* name; bool udp_only; bool tcp_only; } kServices[] = {
    {7, "echo", false, false}, {20, "ftp-data", false, true}, {21, "ftp", false, true}, {22, "ssh", false, false},
    {23, "telnet", false, true}, {25, "smtp", false, true}, {43, "whois", false, true}, {53, "domain", false, false},
    {67, "bootps", true, false}, {68, "bootpc", true, false}, {69, "tftp", true, false}, {70, "gopher", false, true},
    {79, "finger", false, true}, {80, "http", false, false}, {88, "kerberos", false, false}, {110, "pop3", false, true},
    {111, "sunrpc", false, false}, {113, "auth", false, true}, {119, "nntp", false, true}, {123, "ntp", false, false},
    {137, "netbios-ns", false, false}, {138, "netbios-dgm", false, false}, {139, "netbios-ssn", false, true},
    {143, "imap2", false, true}, {161, "snmp", false, false}, {162, "snmp-trap", false, false}, {179, "bgp", false, true},
    {389, "ldap", false, false}, {443, "https", false, false}, {445, "microsoft-ds", false, true},
    {465, "submissions", false, true}, {514, "shell", false, true}, {514, "syslog", true, false},
    {587, "submission", false, true}, {636, "ldaps", false, false}, {873, "rsync", false, true},
    {993, "imaps", false, true}, {995, "pop3s", false, true}, {1194, "openvpn", false, false},
    {3306, "mysql", false, true}, {5432, "postgresql", false, true}, {6379, "redis", false, true}};

static bool ProtoOk(const char* proto, bool udp_only, bool tcp_only) {
  bool udp = proto && std::strcmp(proto, "udp") == 0;
  bool tcp = proto && std::strcmp(proto, "tcp") == 0;
  if (udp_only) return udp;
  if (tcp_only) return tcp;
  return true;
}

std::string XtPortName(uint16_t port, const char* proto, bool numeric) {
  if (!numeric && proto)
    for (auto& s : kServices)
      if (s.port == port && ProtoOk(proto, s.udp_only, s.tcp_only)) return s.name;
  return std::to_string(port);
}

bool XtParsePort(const std::string& s, const char* proto, uint16_t* port) {
  uint32_t v;
  if (XtStrToU32(s.c_str(), &v, 0xffff)) {
    *port = static_cast<uint16_t>(v);
    return true;
  }
  for (auto& e : kServices)
    if (s == e.name && ProtoOk(proto, e.udp_only, e.tcp_only)) {
      *port = e.port;
      return true;
    }
  return false;
}

std::string XtSaveString(const std::string& value) {
  static const char no_quote[] = "_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  size_t len = std::strspn(value.c_str(), no_quote);
  if (len > 0 && len == value.size()) return " " + value;
  std::string r = " \"";
  for (char ch : value) {
    if (ch == '"' || ch == '\\' || ch == '\'') r += '\\';
    r += ch;
  }
  return r + "\"";
}

int XtErr(XtParseCtx& c, const std::string& msg) {
  c.err = msg;
  return 2;
}

}  // namespace linuxnet
