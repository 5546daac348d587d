// Helpers shared by the user-space halves of the extensions (libxtables/xtables.c):
// number and port parsing, service names, the error path.
#include <cstdlib>
#include <cstring>

#include "net/netfilter/x_tables.h"

namespace linuxnet {

// xtables_strtoui: base 0 (0x.., 0.., decimal), whole string, within max
bool XtParseMarkMask(const char* arg, uint32_t* v, uint32_t* m) {
  std::string s = arg;
  auto slash = s.find('/');
  *m = 0xffffffffu;
  if (slash != std::string::npos) {
    if (!XtStrToU32(s.substr(slash + 1).c_str(), m)) return false;
    s = s.substr(0, slash);
  }
  return XtStrToU32(s.c_str(), v);
}

bool XtStrToU32(const char* s, uint32_t* v, uint32_t max) {
  if (!s || !*s) return false;
  if (*s == '-' || *s == '+' || *s == ' ') return false;
  char* end;
  unsigned long long x = std::strtoull(s, &end, 0);
  if (*end != 0 || x > max) return false;
  *v = static_cast<uint32_t>(x);
  return true;
}

// getservbyport / getservbyname over Debian bookworm's /etc/services (netbase 6.4), in file order
static const struct { uint16_t port; const char* name; bool udp_only; bool tcp_only; } kServices[] = {
    {1, "tcpmux", false, true}, {7, "echo", false, false}, {9, "discard", false, false},
    {11, "systat", false, true}, {13, "daytime", false, false}, {15, "netstat", false, true},
    {17, "qotd", false, true}, {19, "chargen", false, false}, {20, "ftp-data", false, true},
    {21, "ftp", false, true}, {21, "fsp", true, false}, {22, "ssh", false, true},
    {23, "telnet", false, true}, {25, "smtp", false, true}, {37, "time", false, false},
    {43, "whois", false, true}, {49, "tacacs", false, false}, {53, "domain", false, false},
    {67, "bootps", true, false}, {68, "bootpc", true, false}, {69, "tftp", true, false},
    {70, "gopher", false, true}, {79, "finger", false, true}, {80, "http", false, true},
    {88, "kerberos", false, false}, {102, "iso-tsap", false, true}, {104, "acr-nema", false, true},
    {110, "pop3", false, true}, {111, "sunrpc", false, false}, {113, "auth", false, true},
    {119, "nntp", false, true}, {123, "ntp", true, false}, {135, "epmap", false, true},
    {137, "netbios-ns", true, false}, {138, "netbios-dgm", true, false}, {139, "netbios-ssn", false, true},
    {143, "imap2", false, true}, {161, "snmp", false, false}, {162, "snmp-trap", false, false},
    {163, "cmip-man", false, false}, {164, "cmip-agent", false, false}, {174, "mailq", false, true},
    {177, "xdmcp", true, false}, {179, "bgp", false, true}, {199, "smux", false, true},
    {209, "qmtp", false, true}, {210, "z3950", false, true}, {213, "ipx", true, false},
    {319, "ptp-event", true, false}, {320, "ptp-general", true, false}, {345, "pawserv", false, true},
    {346, "zserv", false, true}, {369, "rpc2portmap", false, false}, {370, "codaauth2", false, false},
    {371, "clearcase", true, false}, {389, "ldap", false, false}, {427, "svrloc", false, false},
    {443, "https", false, false}, {444, "snpp", false, true}, {445, "microsoft-ds", false, true},
    {464, "kpasswd", false, false}, {465, "submissions", false, true}, {487, "saft", false, true},
    {500, "isakmp", true, false}, {554, "rtsp", false, false}, {607, "nqs", false, true},
    {623, "asf-rmcp", true, false}, {628, "qmqp", false, true}, {631, "ipp", false, true},
    {646, "ldp", false, false}, {512, "exec", false, true}, {512, "biff", true, false},
    {513, "login", false, true}, {513, "who", true, false}, {514, "shell", false, true},
    {514, "syslog", true, false}, {515, "printer", false, true}, {517, "talk", true, false},
    {518, "ntalk", true, false}, {520, "route", true, false}, {538, "gdomap", false, false},
    {540, "uucp", false, true}, {543, "klogin", false, true}, {544, "kshell", false, true},
    {546, "dhcpv6-client", true, false}, {547, "dhcpv6-server", true, false},
    {548, "afpovertcp", false, true}, {563, "nntps", false, true}, {587, "submission", false, true},
    {636, "ldaps", false, false}, {655, "tinc", false, false}, {706, "silc", false, true},
    {749, "kerberos-adm", false, true}, {853, "domain-s", false, false}, {873, "rsync", false, true},
    {989, "ftps-data", false, true}, {990, "ftps", false, true}, {992, "telnets", false, true},
    {993, "imaps", false, true}, {995, "pop3s", false, true}, {1080, "socks", false, true},
    {1093, "proofd", false, true}, {1094, "rootd", false, true}, {1194, "openvpn", false, false},
    {1099, "rmiregistry", false, true}, {1352, "lotusnote", false, true}, {1433, "ms-sql-s", false, true},
    {1434, "ms-sql-m", true, false}, {1524, "ingreslock", false, true}, {1645, "datametrics", false, false},
    {1646, "sa-msg-port", false, false}, {1649, "kermit", false, true}, {1677, "groupwise", false, true},
    {1701, "l2f", true, false}, {1812, "radius", false, false}, {1813, "radius-acct", false, false},
    {2000, "cisco-sccp", false, true}, {2049, "nfs", false, false}, {2086, "gnunet", false, false},
    {2101, "rtcm-sc104", false, false}, {2119, "gsigatekeeper", false, true}, {2135, "gris", false, true},
    {2401, "cvspserver", false, true}, {2430, "venus", false, false}, {2431, "venus-se", false, false},
    {2432, "codasrv", false, false}, {2433, "codasrv-se", false, false}, {2583, "mon", false, false},
    {2628, "dict", false, true}, {2792, "f5-globalsite", false, true}, {2811, "gsiftp", false, true},
    {2947, "gpsd", false, true}, {3050, "gds-db", false, true}, {3130, "icpv2", true, false},
    {3205, "isns", false, false}, {3260, "iscsi-target", false, true}, {3306, "mysql", false, true},
    {3389, "ms-wbt-server", false, true}, {3493, "nut", false, false}, {3632, "distcc", false, true},
    {3689, "daap", false, true}, {3690, "svn", false, true}, {4031, "suucp", false, true},
    {4094, "sysrqd", false, true}, {4190, "sieve", false, true}, {4369, "epmd", false, true},
    {4373, "remctl", false, true}, {4353, "f5-iquery", false, true}, {4460, "ntske", false, true},
    {4500, "ipsec-nat-t", true, false}, {4569, "iax", true, false}, {4691, "mtn", false, true},
    {4899, "radmin-port", false, true}, {5060, "sip", false, false}, {5061, "sip-tls", false, false},
    {5222, "xmpp-client", false, true}, {5269, "xmpp-server", false, true}, {5308, "cfengine", false, true},
    {5353, "mdns", true, false}, {5432, "postgresql", false, true}, {5556, "freeciv", false, true},
    {5671, "amqps", false, true}, {5672, "amqp", false, true}, {6000, "x11", false, true},
    {6001, "x11-1", false, true}, {6002, "x11-2", false, true}, {6003, "x11-3", false, true},
    {6004, "x11-4", false, true}, {6005, "x11-5", false, true}, {6006, "x11-6", false, true},
    {6007, "x11-7", false, true}, {6346, "gnutella-svc", false, false}, {6347, "gnutella-rtr", false, false},
    {6379, "redis", false, true}, {6444, "sge-qmaster", false, true}, {6445, "sge-execd", false, true},
    {6446, "mysql-proxy", false, true}, {6696, "babel", true, false}, {6697, "ircs-u", false, true},
    {7000, "bbs", false, true}, {7000, "afs3-fileserver", true, false}, {7001, "afs3-callback", true, false},
    {7002, "afs3-prserver", true, false}, {7003, "afs3-vlserver", true, false},
    {7004, "afs3-kaserver", true, false}, {7005, "afs3-volser", true, false},
    {7007, "afs3-bos", true, false}, {7008, "afs3-update", true, false}, {7009, "afs3-rmtsys", true, false},
    {7100, "font-service", false, true}, {8080, "http-alt", false, true}, {8140, "puppet", false, true},
    {9101, "bacula-dir", false, true}, {9102, "bacula-fd", false, true}, {9103, "bacula-sd", false, true},
    {9667, "xmms2", false, true}, {10809, "nbd", false, true}, {10050, "zabbix-agent", false, true},
    {10051, "zabbix-trapper", false, true}, {10080, "amanda", false, true}, {11112, "dicom", false, true},
    {11371, "hkp", false, true}, {17500, "db-lsp", false, true}, {22125, "dcap", false, true},
    {22128, "gsidcap", false, true}, {22273, "wnn6", false, true}, {750, "kerberos4", false, false},
    {751, "kerberos-master", false, false}, {752, "passwd-server", true, false},
    {754, "krb-prop", false, true}, {2102, "zephyr-srv", true, false}, {2103, "zephyr-clt", true, false},
    {2104, "zephyr-hm", true, false}, {2121, "iprop", false, true}, {871, "supfilesrv", false, true},
    {1127, "supfiledbg", false, true}, {106, "poppassd", false, true}, {775, "moira-db", false, true},
    {777, "moira-update", false, true}, {779, "moira-ureg", true, false}, {783, "spamd", false, true},
    {1178, "skkserv", false, true}, {1210, "predict", true, false}, {1236, "rmtcfg", false, true},
    {1313, "xtel", false, true}, {1314, "xtelw", false, true}, {2600, "zebrasrv", false, true},
    {2601, "zebra", false, true}, {2602, "ripd", false, true}, {2603, "ripngd", false, true},
    {2604, "ospfd", false, true}, {2605, "bgpd", false, true}, {2606, "ospf6d", false, true},
    {2607, "ospfapi", false, true}, {2608, "isisd", false, true}, {4557, "fax", false, true},
    {4559, "hylafax", false, true}, {4949, "munin", false, true}, {5555, "rplay", true, false},
    {5666, "nrpe", false, true}, {5667, "nsca", false, true}, {5680, "canna", false, true},
    {6514, "syslog-tls", false, true}, {6566, "sane-port", false, true}, {6667, "ircd", false, true},
    {8021, "zope-ftp", false, true}, {8081, "tproxy", false, true}, {8088, "omniorb", false, true},
    {8990, "clc-build-daemon", false, true}, {9098, "xinetd", false, true}, {9418, "git", false, true},
    {9673, "zope", false, true}, {10000, "webmin", false, true}, {10081, "kamanda", false, true},
    {10082, "amandaidx", false, true}, {10083, "amidxtape", false, true}, {17001, "sgi-cmsd", true, false},
    {17002, "sgi-crsd", true, false}, {17003, "sgi-gcd", true, false}, {17004, "sgi-cad", false, true},
    {24554, "binkp", false, true}, {27374, "asp", false, false}, {30865, "csync2", false, true},
    {57000, "dircproxy", false, true}, {60177, "tfido", false, true}, {60179, "fido", false, true}};

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
