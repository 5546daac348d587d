// net/netfilter/x_tables.c: the x_tables core shared by the iptables tables of a namespace.
// A table's rules live in one contiguous blob of entries (struct ipt_entry + matches + target),
// walked by IptDoTable (ip_tables.cc). Matches and targets are registered descriptors (struct
// xt_match / xt_target); the blob holds pointers to them, so a rule is dispatched through a
// function pointer, never through a virtual call. Each descriptor also carries the user-space
// half (libxt_*.c: option parsing, -L printing, -S/save printing) so one file holds one extension.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "net/netfilter/core.h"

namespace linuxnet {

constexpr unsigned XT_TABLE_MAXNAMELEN = 32;
constexpr unsigned XT_EXTENSION_MAXNAMELEN = 29;
constexpr unsigned XT_FUNCTION_MAXNAMELEN = 30;
constexpr unsigned IFNAMSIZ_ = 16;
constexpr size_t XtAlign(size_t s) { return (s + 7) & ~size_t(7); }

// standard verdicts in a standard target (include/uapi/linux/netfilter/x_tables.h)
constexpr int XT_RETURN = -NF_REPEAT - 1;
constexpr unsigned XT_CONTINUE = 0xFFFFFFFFu;

struct XtCounters {
  uint64_t pcnt = 0, bcnt = 0;
};

// struct ipt_ip (include/uapi/linux/netfilter_ipv4/ip_tables.h); addresses in host order
struct IptIp {
  uint32_t src = 0, dst = 0, smsk = 0, dmsk = 0;
  char iniface[IFNAMSIZ_] = {}, outiface[IFNAMSIZ_] = {};
  uint8_t iniface_mask[IFNAMSIZ_] = {}, outiface_mask[IFNAMSIZ_] = {};
  uint16_t proto = 0;
  uint8_t flags = 0, invflags = 0;
};
enum : uint8_t { IPT_F_FRAG = 0x01, IPT_F_GOTO = 0x02, IPT_F_MASK = 0x03 };
enum : uint8_t { IPT_INV_VIA_IN = 0x01, IPT_INV_VIA_OUT = 0x02, IPT_INV_TOS = 0x04, IPT_INV_SRCIP = 0x08,
                 IPT_INV_DSTIP = 0x10, IPT_INV_FRAG = 0x20, IPT_INV_PROTO = 0x40, IPT_INV_MASK = 0x7f };

struct XtExt;

// struct xt_action_param
struct XtActionParam {
  const XtExt* ext = nullptr;
  const void* info = nullptr;      // matchinfo / targinfo inside the blob
  const NfHookState* state = nullptr;
  int fragoff = 0;
  unsigned thoff = 0;
  bool hotdrop = false;
};

// struct xt_mtchk_param / xt_tgchk_param
struct XtChkParam {
  NetNs* net = nullptr;
  const char* table = nullptr;
  const IptIp* ip = nullptr;
  void* info = nullptr;
  unsigned hook_mask = 0;
  const XtExt* ext = nullptr;
};

// helpers for the user-space halves (xt_user.cc)
bool XtStrToU32(const char* s, uint32_t* v, uint32_t max = 0xffffffffu);  // xtables_strtoui (0x.. / 0.. / dec)
// xtables' "value[/mask]" (XTTYPE_MARKMASK32): the mask is all ones when absent
bool XtParseMarkMask(const char* arg, uint32_t* v, uint32_t* m);
bool XtParsePort(const std::string& s, const char* proto, uint16_t* port);  // xtables_parse_port
std::string XtPortName(uint16_t port, const char* proto, bool numeric);
// the error text and exit path of xtables_error(PARAMETER_PROBLEM): returns 2
struct XtParseCtx;
int XtErr(XtParseCtx& c, const std::string& msg);

// libxtables option description: one long option of an extension
struct XtOpt {
  const char* name;
  bool has_arg;
  int id;
};

// What an extension's parse/final_check get (the xt_option_call of libxtables)
struct XtParseCtx {
  int id = 0;
  const char* arg = nullptr;
  bool invert = false;
  void* data = nullptr;
  unsigned* flags = nullptr;
  const IptIp* ip = nullptr;
  const std::vector<std::string>* args = nullptr;  // the command line, for options with 2 words
  size_t* argi = nullptr;                          // index of the next unread word
  std::string err;                 // message for xtables_error(PARAMETER_PROBLEM, ...)
  bool err_blank = false;          // the message is followed by an empty line (exit_error style)
};

// struct xt_match / xt_target plus the user-space half (struct xtables_match / xtables_target)
struct XtExt {
  const char* name = nullptr;          // the name in the kernel blob (u.user.name)
  uint8_t revision = 0;
  bool is_target = false;
  uint16_t size = 0;                   // matchsize/targetsize (data bytes after the header)
  uint16_t usersize = 0;               // bytes compared for -D/-C and copied to user space
  const char* table = nullptr;         // only valid in this table
  unsigned hooks = 0;                  // valid hooks (0 = any)
  uint16_t proto = 0;                  // required -p (0 = any)
  // kernel side
  bool (*match)(const SkBuff* skb, XtActionParam* par) = nullptr;
  unsigned (*target)(SkBuff* skb, const XtActionParam* par) = nullptr;
  int (*checkentry)(const XtChkParam* par) = nullptr;   // 0 or -errno (logs to the klog)
  // user side
  const char* uname = nullptr;         // the name the user typed when it differs (NOTRACK → CT)
  const XtOpt* opts = nullptr;         // terminated by {nullptr}
  void (*init)(void* data) = nullptr;
  int (*parse)(XtParseCtx& c) = nullptr;           // 0, or 2 with c.err set
  int (*final_check)(XtParseCtx& c) = nullptr;
  void (*print)(const void* data, const IptIp* ip, bool numeric, std::string& out) = nullptr;
  void (*save)(const void* data, const IptIp* ip, std::string& out) = nullptr;
  const char* (*alias)(const void* data) = nullptr; // name save prints after -m / -j
};

void XtRegisterExt(const XtExt* ext);
// xt_find_match / xt_find_target (by kernel name); user lookup also tries the user name
const XtExt* XtFindExt(const std::string& name, bool target);
const XtExt* XtFindExtUser(const std::string& name, bool target);

// Static registrar used by the xt_*.cc files
struct XtExtRegistrar {
  explicit XtExtRegistrar(const XtExt* e) { XtRegisterExt(e); }
};

// ---- the blob ----
// struct xt_entry_match / xt_entry_target: header, then `size` data bytes
struct XtEntryExt {
  uint16_t ext_size;                   // header + data, aligned
  uint8_t revision;
  char name[XT_EXTENSION_MAXNAMELEN];
  const XtExt* ext;                    // u.kernel.match / u.kernel.target
  uint8_t* data() { return reinterpret_cast<uint8_t*>(this) + sizeof(XtEntryExt); }
  const uint8_t* data() const { return reinterpret_cast<const uint8_t*>(this) + sizeof(XtEntryExt); }
};
static_assert(sizeof(XtEntryExt) % 8 == 0, "XtEntryExt must keep 8-byte alignment");

// struct xt_standard_target / xt_error_target payloads
struct XtStandardInfo {
  int verdict;
  int pad;
};
struct XtErrorInfo {
  char errorname[XT_FUNCTION_MAXNAMELEN + 2];
};

// struct ipt_entry
struct IptEntry {
  IptIp ip;
  uint32_t nfcache;
  uint16_t target_offset;
  uint16_t next_offset;
  uint32_t comefrom;
  XtCounters counters;
  uint8_t* elems() { return reinterpret_cast<uint8_t*>(this) + sizeof(IptEntry); }
  const uint8_t* elems() const { return reinterpret_cast<const uint8_t*>(this) + sizeof(IptEntry); }
  XtEntryExt* target() { return reinterpret_cast<XtEntryExt*>(reinterpret_cast<uint8_t*>(this) + target_offset); }
  const XtEntryExt* target() const {
    return reinterpret_cast<const XtEntryExt*>(reinterpret_cast<const uint8_t*>(this) + target_offset);
  }
};
static_assert(sizeof(IptEntry) % 8 == 0, "IptEntry must keep 8-byte alignment");

extern const XtExt xt_standard_target;  // ""
extern const XtExt xt_error_target;     // "ERROR"

// struct xt_table_info: the compiled table
struct XtTableInfo {
  unsigned size = 0;                   // bytes of entries
  unsigned number = 0;                 // number of entries
  unsigned initial_entries = 0;
  unsigned hook_entry[NF_INET_NUMHOOKS] = {};
  unsigned underflow[NF_INET_NUMHOOKS] = {};
  unsigned stacksize = 0;
  std::vector<uint64_t> blob;          // the entries, 8-byte aligned, contiguous
  std::vector<const IptEntry*> jumpstack;
  uint8_t* base() { return reinterpret_cast<uint8_t*>(blob.data()); }
  const uint8_t* base() const { return reinterpret_cast<const uint8_t*>(blob.data()); }
  IptEntry* at(unsigned off) { return reinterpret_cast<IptEntry*>(base() + off); }
  const IptEntry* at(unsigned off) const { return reinterpret_cast<const IptEntry*>(base() + off); }
};

// A table template (the module: iptable_filter, iptable_mangle, ...)
struct XtTableTemplate {
  const char* name;
  unsigned valid_hooks;
  int priority;
  NfHookFn hook;                       // the table's hook function (nullptr: hooks not registered)
  uint8_t af = NF_FAM_IPV4;
  void (*init)(NetNs* net) = nullptr;  // more of the module's table_init (iptable_nat: the NAT hooks)
};
void XtRegisterTemplate(const XtTableTemplate* t);
const std::vector<const XtTableTemplate*>& XtTemplates();

// struct xt_table: one loaded table in a namespace
struct XtTable {
  const XtTableTemplate* tmpl = nullptr;
  std::string name;
  unsigned valid_hooks = 0;
  NetNs* net = nullptr;
  std::unique_ptr<XtTableInfo> priv;
  std::vector<NfHookOps> ops;
};

// struct netns_xt plus the namespace's kernel log
struct XtNet {
  std::vector<std::unique_ptr<XtTable>> tables;  // newest first, as /proc/net/ip_tables_names lists
  // The kernel log lives in the initial namespace's XtNet (the log is global: `dmesg` in any
  // namespace prints it); printk lines as dmesg prints them.
  std::vector<std::string> klog;
  // net.netfilter.nf_log_all_netns (a global sysctl, kept by the initial namespace): LOG in
  // other namespaces prints nothing unless it is 1
  int nf_log_all_netns = 0;
  XtTable* Find(const std::string& name) const;
};

XtNet* XtNetOf(NetNs* net);  // creates net->nf->xt on first use
void Printk(NetNs* net, const std::string& line);  // appends to the kernel log (init_net's klog)
XtNet* XtKernelLog(NetNs* net);                     // the XtNet holding the kernel log
// xt_find_table_lock with the module autoload: the table, initialised on first use, or nullptr
XtTable* XtFindTableLock(NetNs* net, const std::string& name);
// xt_replace_table: swaps in newinfo and returns the old info (for its counters)
std::unique_ptr<XtTableInfo> XtReplaceTable(XtTable* t, std::unique_ptr<XtTableInfo> newinfo);

// xt_check_match / xt_check_target: table/hook/proto restrictions, then checkentry
int XtCheckExt(XtChkParam* par, uint16_t proto, bool inv_proto);

// The conntrack state of an skb as xt_state/xt_conntrack see it: the XT_STATE_BIT() bits of
// include/uapi/linux/netfilter/xt_state.h (INVALID 1, ESTABLISHED 2, RELATED 4, NEW 8, UNTRACKED 64).
// Without conntrack (skb->nfct == nullptr) it is INVALID. nf_conntrack plugs in here later: it
// fills skb->nfct/ctinfo (IP_CT_*), and the CT --notrack target sets nfct = XtUntrackedCt().
enum : unsigned { XT_CT_INVALID = 1u << 0, XT_CT_ESTABLISHED = 1u << 1, XT_CT_RELATED = 1u << 2,
                  XT_CT_NEW = 1u << 3, XT_CT_UNTRACKED = 1u << 6, XT_CT_SNAT = 1u << 7, XT_CT_DNAT = 1u << 8 };
unsigned XtCtState(const SkBuff& skb);
NfConntrack* XtUntrackedCt(Host* host);  // the machine's untracked conntrack slot (IP_CT_UNTRACKED)

// xtables_save_string: a word as iptables-save quotes it (leading space included)
std::string XtSaveString(const std::string& s);

}  // namespace linuxnet
