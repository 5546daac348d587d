// net/netfilter/core.c
#include "net/netfilter/core.h"

#include <algorithm>
#include <cerrno>

#include "net/netfilter/nf_conntrack.h"
#include "net/netfilter/x_tables.h"
#include "net/core/net_namespace.h"
#include "sim/trace.h"

namespace linuxnet {

NfNet::NfNet() = default;
NfNet::~NfNet() = default;

// netfilter_net_ops: the hook lists of a namespace; the tables and conntrack state it holds
// are freed by their own exits first
static void NetfilterNetInit(NetNs* net) { net->nf = std::make_unique<NfNet>(); }
static void NetfilterNetExit(NetNs* net) { net->nf.reset(); }
static const PernetOperations netfilter_net_ops{"netfilter", 20, &NetfilterNetInit, &NetfilterNetExit};
static const PernetRegistrar netfilter_net_registrar(&netfilter_net_ops);

// nf_register_net_hook: entries kept sorted by priority; equal priorities keep registration order
int NfRegisterNetHook(NetNs* net, const NfHookOps& ops) {
  if (ops.pf >= NF_FAM_COUNT || ops.hooknum >= NF_INET_NUMHOOKS) return -EINVAL;
  auto& v = net->nf->hooks[ops.pf][ops.hooknum];
  auto it = std::find_if(v.begin(), v.end(), [&](const NfHookOps& e) { return e.priority > ops.priority; });
  v.insert(it, ops);
  return 0;
}

void NfUnregisterNetHook(NetNs* net, const NfHookOps& ops) {
  auto& v = net->nf->hooks[ops.pf][ops.hooknum];
  v.erase(std::remove_if(v.begin(), v.end(), [&](const NfHookOps& e) { return e.hook == ops.hook && e.priv == ops.priv; }),
          v.end());
}

// nf_hook_slow: 1 = continue to okfn; 0 = stolen/dropped (the caller frees a dropped skb)
int NfHookSlow(SkbPtr& skb, const NfHookState* state, const std::vector<NfHookOps>& e, size_t start) {
  for (size_t s = start; s < e.size(); s++) {
    unsigned verdict = e[s].hook(e[s].priv, skb, state);
    switch (verdict & NF_VERDICT_MASK) {
      case NF_ACCEPT:
        break;
      case NF_DROP:
        return -EPERM;
      case NF_QUEUE:  // no queue handler bound: nf_queue drops unless bypass
        return -EPERM;
      case NF_STOLEN:
        return 0;
      case NF_REPEAT:
        s--;
        break;
      case NF_STOP:
        return 1;
      default:
        return 0;
    }
  }
  return 1;
}

int NfHookNoOkfn(uint8_t pf, uint8_t hook, NetNs* net, SkbPtr* pskb, NetDev* in, NetDev* out, OkFn okfn) {
  const auto& e = net->nf->hooks[pf][hook];
  if (e.empty()) return 1;
  KFunc(KF_nf_hook_slow, pskb->get());
  NfHookState st;
  st.hook = hook;
  st.pf = pf;
  st.in = in;
  st.out = out;
  st.net = net;
  st.okfn = okfn;
  int ret = NfHookSlow(*pskb, &st, e, 0);
  if (ret < 0 && *pskb) {  // dropped: freed here; stolen (0): the hook that took it owns it
    KFunc(KF_kfree_skb, pskb->get());
    pskb->reset();
  }
  return ret;
}

int NfHook(uint8_t pf, uint8_t hook, NetNs* net, SkbPtr skb, NetDev* in, NetDev* out, OkFn okfn) {
  int ret = NfHookNoOkfn(pf, hook, net, &skb, in, out, okfn);
  return ret == 1 ? okfn(net, std::move(skb)) : ret;
}

}  // namespace linuxnet
