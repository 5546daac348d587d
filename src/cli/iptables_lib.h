// The user-space side of iptables (libiptc + the shared parts of iptables/xshared.c): a table read
// out of the kernel blob into chains and rules, edited, compiled back into a blob and committed
// with do_replace; plus the rule parser (do_command4) and the printers used by -L, -S and save.
#pragma once
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/cmd.h"
#include "net/netfilter/x_tables.h"

namespace linuxnet {
namespace ipt {

constexpr const char* kVersion = "1.8.9";

// xtables_error(PARAMETER_PROBLEM / OTHER_PROBLEM / VERSION_PROBLEM, ...)
struct XtError {
  int status;
  std::string msg;
  bool blank = false;     // the message ended in "\n" (an empty line follows)
  bool try_help = true;   // "Try `iptables -h' ..." follows
  bool noprefix = false;  // printed without the "iptables v1.8.9 (legacy): " prefix
};

struct RuleExt {
  const XtExt* ext = nullptr;
  std::vector<uint8_t> data;   // ext->size bytes
};

struct Rule {
  IptIp ip;
  std::vector<RuleExt> matches;
  enum Kind : uint8_t { FALLTHROUGH, VERDICT, JUMP, MODULE } kind = FALLTHROUGH;
  int verdict = 0;             // VERDICT: the standard verdict (-NF_ACCEPT-1, XT_RETURN, ...)
  std::string jump;            // JUMP: the chain
  RuleExt target;              // MODULE
  XtCounters counters;
};

struct Chain {
  std::string name;
  int hook = -1;               // builtin: its hook; user chain: -1
  int policy = -static_cast<int>(NF_ACCEPT) - 1;
  XtCounters counters;
  // libiptc keeps a builtin chain's policy counters "zeroed" (COUNTER_MAP_ZEROED): a commit
  // writes back only what the kernel counted since the table was read, which is nothing here.
  // Only an explicit `-P ... -c` or iptables-restore's policy line sets them (COUNTER_MAP_SET).
  bool counters_set = false;
  std::vector<Rule> rules;
  bool builtin() const { return hook >= 0; }
};

// struct xtc_handle
struct Handle {
  NetNs* net = nullptr;
  std::string table;
  unsigned valid_hooks = 0;
  std::vector<Chain> chains;   // builtins in hook order, then user chains sorted by name
  Chain* Find(const std::string& name);
  unsigned References(const std::string& name) const;
  void InsertUserChain(Chain c);
};

extern const char* const kHookChainNames[NF_INET_NUMHOOKS];

// TC_INIT: nullptr and *err = errno when the table does not exist
std::unique_ptr<Handle> IptcInit(NetNs* net, const std::string& table, int* err);
// TC_COMMIT: 0 or errno
int IptcCommit(Handle& h);
// which libiptc operation failed (selects iptc_strerror's message)
enum IptcOp { OP_NONE, OP_INSERT, OP_REPLACE, OP_DELETE_NUM, OP_DELETE, OP_CHECK, OP_NEW_CHAIN, OP_POLICY, OP_ZERO_NUM };
bool ParseProto(const std::string& s, uint16_t* out);  // xtables_parse_protocol
// iptc_strerror-like text for a failed operation, as iptables prints it
std::string IptcStrerror(int err, int op);

// What do_command4 did when it returned normally
struct CmdOutcome {
  bool ok = true;              // false: a libiptc failure (errno in err)
  int err = 0;
  int op = 0;                  // which operation failed (for the message)
};

// do_command4: parses argv (without argv[0]) against the handle of its table, loaded into *h
// (created from the -t option when *h is null), and runs the command. Throws XtError for
// parameter problems. `restore` forbids -t changes as iptables-restore does. When `counters`
// is given (iptables-restore -c "[p:b]" prefix) new rules get those counters.
CmdOutcome DoCommand(CmdCtx& ctx, const std::vector<std::string>& args, std::unique_ptr<Handle>* h,
                     const std::string& table_default, bool restore, const XtCounters* counters,
                     std::string* table_out);

// Printers
std::string IpMaskNumeric(uint32_t mask);     // "" for /32, "/N" or "/a.b.c.d"
std::string ProtoName(uint16_t proto, bool numeric);
std::string PortName(uint16_t port, const char* proto, bool numeric);  // service name or number
// "-A ..." without \n; with counters (iptables -S -v) " -c P B" goes before the target
void SaveRule(const Handle& h, const Chain& c, const Rule& r, std::string& out, bool counters = false);
std::string RuleTargetName(const Rule& r);

// the header/footer time stamp of iptables-save (ctime format, with newline)
std::string CtimeNow();

}  // namespace ipt
}  // namespace linuxnet
