// net/netfilter/x_tables.c: extension registry, per-namespace table list, table replacement.
#include "net/netfilter/x_tables.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "ns3/simulator.h"

#include "net/core/net_namespace.h"
#include "sim/host.h"

namespace linuxnet {

namespace {
std::vector<const XtExt*>& Exts() {
  static std::vector<const XtExt*> v;
  return v;
}
std::vector<const XtTableTemplate*>& Templates() {
  static std::vector<const XtTableTemplate*> v;
  return v;
}
}  // namespace

// xt_register_match / xt_register_target
void XtRegisterExt(const XtExt* ext) { Exts().push_back(ext); }

// xt_find_match / xt_find_target: highest revision of that name
const XtExt* XtFindExt(const std::string& name, bool target) {
  const XtExt* best = nullptr;
  for (const XtExt* e : Exts())
    if (e->is_target == target && name == e->name && (!best || e->revision > best->revision)) best = e;
  return best;
}

const XtExt* XtFindExtUser(const std::string& name, bool target) {
  for (const XtExt* e : Exts())
    if (e->is_target == target && e->uname && name == e->uname) return e;
  return XtFindExt(name, target);
}

void XtRegisterTemplate(const XtTableTemplate* t) { Templates().push_back(t); }
const std::vector<const XtTableTemplate*>& XtTemplates() { return Templates(); }

XtTable* XtNet::Find(const std::string& name) const {
  for (auto& t : tables)
    if (t->name == name) return t.get();
  return nullptr;
}

XtNet* XtNetOf(NetNs* net) {
  if (!net->nf->xt) net->nf->xt = std::make_unique<XtNet>();
  return net->nf->xt.get();
}

// printk: "[seconds.micro] message" as dmesg prints it, in virtual time
void Printk(NetNs* net, const std::string& line) {
  char ts[32];
  std::snprintf(ts, sizeof(ts), "[%12.6f] ", ns3::Simulator::Now().GetSeconds());
  XtKernelLog(net)->klog.push_back(ts + line);
}

XtNet* XtKernelLog(NetNs* net) {
  NetNs* init = net->host->init_net;
  return XtNetOf(init ? init : net);
}

// The initial table of a template (ipt_alloc_initial_table): one policy entry (ACCEPT) per valid
// hook, then the terminating ERROR entry.
static std::unique_ptr<XtTableInfo> AllocInitialTable(const XtTableTemplate* t) {
  auto info = std::make_unique<XtTableInfo>();
  const size_t std_sz = sizeof(IptEntry) + XtAlign(sizeof(XtEntryExt) + sizeof(XtStandardInfo));
  const size_t err_sz = sizeof(IptEntry) + XtAlign(sizeof(XtEntryExt) + sizeof(XtErrorInfo));
  unsigned nhooks = 0;
  for (unsigned h = 0; h < NF_INET_NUMHOOKS; h++)
    if (t->valid_hooks & (1u << h)) nhooks++;
  size_t total = nhooks * std_sz + err_sz;
  info->blob.assign(total / 8, 0);
  unsigned off = 0;
  auto put = [&](const XtExt* ext, size_t sz, const void* payload, size_t plen) {
    IptEntry* e = info->at(off);
    e->target_offset = sizeof(IptEntry);
    e->next_offset = static_cast<uint16_t>(sz);
    XtEntryExt* tg = e->target();
    tg->ext_size = static_cast<uint16_t>(sz - sizeof(IptEntry));
    std::strncpy(tg->name, ext->name, sizeof(tg->name) - 1);
    tg->ext = ext;
    std::memcpy(tg->data(), payload, plen);
    off += static_cast<unsigned>(sz);
    info->number++;
  };
  for (unsigned h = 0; h < NF_INET_NUMHOOKS; h++) {
    if (!(t->valid_hooks & (1u << h))) continue;
    info->hook_entry[h] = info->underflow[h] = off;
    XtStandardInfo v{-static_cast<int>(NF_ACCEPT) - 1, 0};
    put(&xt_standard_target, std_sz, &v, sizeof(v));
  }
  XtErrorInfo er{};
  std::strcpy(er.errorname, "ERROR");
  put(&xt_error_target, err_sz, &er, sizeof(er));
  info->size = off;
  info->initial_entries = info->number;
  return info;
}

// xt_find_table_lock + request_module + the template's table_init (ipt_register_table): the table
// is created and its hooks registered the first time a namespace asks for it.
XtTable* XtFindTableLock(NetNs* net, const std::string& name) {
  XtNet* xn = XtNetOf(net);
  if (XtTable* t = xn->Find(name)) return t;
  for (const XtTableTemplate* tp : Templates()) {
    if (name != tp->name) continue;
    auto t = std::make_unique<XtTable>();
    t->tmpl = tp;
    t->name = tp->name;
    t->valid_hooks = tp->valid_hooks;
    t->net = net;
    t->priv = AllocInitialTable(tp);
    XtTable* raw = t.get();
    xn->tables.insert(xn->tables.begin(), std::move(t));
    if (tp->hook) {
      for (unsigned h = 0; h < NF_INET_NUMHOOKS; h++) {
        if (!(tp->valid_hooks & (1u << h))) continue;
        NfHookOps ops;
        ops.hook = tp->hook;
        ops.priv = raw;
        ops.priority = tp->priority;
        ops.pf = tp->af;
        ops.hooknum = static_cast<uint8_t>(h);
        raw->ops.push_back(ops);
        NfRegisterNetHook(net, ops);
      }
    }
    if (tp->init) tp->init(net);
    return raw;
  }
  return nullptr;
}

std::unique_ptr<XtTableInfo> XtReplaceTable(XtTable* t, std::unique_ptr<XtTableInfo> newinfo) {
  newinfo->initial_entries = t->priv->initial_entries;
  std::swap(t->priv, newinfo);
  return newinfo;
}

static const char* const kHookNames[] = {"PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"};

static std::string HookList(unsigned mask) {
  std::string s;
  for (unsigned h = 0; h < NF_INET_NUMHOOKS; h++)
    if (mask & (1u << h)) {
      if (!s.empty()) s += "/";
      s += kHookNames[h];
    }
  return s.empty() ? "NONE" : s;
}

// xt_check_match / xt_check_target
int XtCheckExt(XtChkParam* par, uint16_t proto, bool inv_proto) {
  const XtExt* e = par->ext;
  const char* kind = e->is_target ? "target" : "match";
  if (e->table && std::strcmp(e->table, par->table) != 0) {
    Printk(par->net, std::string("x_tables: ip_tables: ") + e->name + " " + kind + ": only valid in " + e->table +
                         " table, not " + par->table);
    return -EINVAL;
  }
  if (e->hooks && (par->hook_mask & ~e->hooks) != 0) {
    Printk(par->net, std::string("x_tables: ip_tables: ") + e->name + " " + kind + ": used from hooks " +
                         HookList(par->hook_mask) + ", but only usable from " + HookList(e->hooks));
    return -EINVAL;
  }
  if (e->proto && (proto != e->proto || inv_proto)) {
    Printk(par->net, std::string("x_tables: ip_tables: ") + e->name + " " + kind + ": only valid for protocol " +
                         std::to_string(e->proto));
    return -EINVAL;
  }
  if (e->checkentry) return e->checkentry(par);
  return 0;
}

NfConntrack* XtUntrackedCt(Host* host) { return &host->untracked_ct; }

// Without conntrack an skb has no nfct: the state is INVALID (xt_state's XT_STATE_INVALID).
unsigned XtCtState(const SkBuff& skb) {
  if (!skb.nfct) return XT_CT_INVALID;
  if (skb.nfct == &skb.host->untracked_ct || skb.ctinfo == 7) return XT_CT_UNTRACKED;  // IP_CT_UNTRACKED
  // XT_STATE_BIT(ctinfo) = 1 << (ctinfo % IP_CT_IS_REPLY + 1)
  return 1u << (skb.ctinfo % 3 + 1);
}

}  // namespace linuxnet
