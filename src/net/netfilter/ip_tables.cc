// net/ipv4/netfilter/ip_tables.c
#include "net/netfilter/ip_tables.h"

#include <cerrno>
#include <cstring>

#include "net/core/netdevice.h"
#include "sim/host.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

// The standard target (verdicts and jumps; no target function: ipt_do_table handles it inline)
const XtExt xt_standard_target = [] {
  XtExt e;
  e.name = "";
  e.is_target = true;
  e.size = sizeof(XtStandardInfo);
  e.usersize = sizeof(int);
  return e;
}();

// ipt_error: the ERROR target heading user chains and ending the table
static unsigned IptError(SkBuff*, const XtActionParam*) { return NF_DROP; }
const XtExt xt_error_target = [] {
  XtExt e;
  e.name = "ERROR";
  e.is_target = true;
  e.size = sizeof(XtErrorInfo);
  e.usersize = sizeof(XtErrorInfo);
  e.target = &IptError;
  return e;
}();

// ifname_compare_aligned over IFNAMSIZ bytes
static inline bool IfnameDiffers(const char* dev, const char* rule, const uint8_t* mask) {
  unsigned ret = 0;
  for (unsigned i = 0; i < IFNAMSIZ_; i++) ret |= (static_cast<uint8_t>(dev[i]) ^ static_cast<uint8_t>(rule[i])) & mask[i];
  return ret != 0;
}

// ip_packet_match
bool IpPacketMatch(const Iphdr& ip, const char* indev, const char* outdev, const IptIp* ipinfo, int isfrag) {
  auto inv = [&](bool b, uint8_t flag) { return b ^ ((ipinfo->invflags & flag) != 0); };
  if (inv((ip.saddr & ipinfo->smsk) != ipinfo->src, IPT_INV_SRCIP) ||
      inv((ip.daddr & ipinfo->dmsk) != ipinfo->dst, IPT_INV_DSTIP))
    return false;
  if (inv(IfnameDiffers(indev, ipinfo->iniface, ipinfo->iniface_mask), IPT_INV_VIA_IN)) return false;
  if (inv(IfnameDiffers(outdev, ipinfo->outiface, ipinfo->outiface_mask), IPT_INV_VIA_OUT)) return false;
  if (ipinfo->proto && inv(ip.protocol != ipinfo->proto, IPT_INV_PROTO)) return false;
  // If we have a fragment rule but the packet is not a fragment then we return false
  if (inv((ipinfo->flags & IPT_F_FRAG) && !isfrag, IPT_INV_FRAG)) return false;
  return true;
}

static inline bool Unconditional(const IptEntry* e) {
  static const IptIp uncond{};
  return e->target_offset == sizeof(IptEntry) && std::memcmp(&e->ip, &uncond, sizeof(uncond)) == 0;
}

static inline void CopyName(char* buf, const NetDev* d) {
  std::memset(buf, 0, IFNAMSIZ_);
  if (d) std::strncpy(buf, d->name.c_str(), IFNAMSIZ_ - 1);
}

// ipt_do_table
unsigned IptDoTable(SkBuff* skb, const NfHookState* state, XtTable* table) {
  KFunc(KF_ipt_do_table, skb);
  const unsigned hook = state->hook;
  char indev[IFNAMSIZ_], outdev[IFNAMSIZ_];
  CopyName(indev, state->in);
  CopyName(outdev, state->out);
  XtActionParam acpar;
  acpar.fragoff = skb->iph.frag_off & IP_OFFSET;
  acpar.thoff = skb->iph.ihl * 4u;
  acpar.hotdrop = false;
  acpar.state = state;

  XtTableInfo* priv = table->priv.get();
  uint8_t* table_base = priv->base();
  const IptEntry** jumpstack = priv->jumpstack.data();
  unsigned stackidx = 0;
  unsigned verdict = NF_DROP;
  IptEntry* e = priv->at(priv->hook_entry[hook]);
  const uint32_t len = skb->Len();

  do {
    // one rule crossed: its cost grows with the rule's size in the blob (the memory walked), not
    // with the packet's
    KFunc(KF_ipt_rule, skb->host, skb, e->next_offset);
    if (!IpPacketMatch(skb->iph, indev, outdev, &e->ip, acpar.fragoff)) {
    no_match:
      e = reinterpret_cast<IptEntry*>(reinterpret_cast<uint8_t*>(e) + e->next_offset);
      continue;
    }
    for (const uint8_t* m = e->elems(); m < reinterpret_cast<const uint8_t*>(e) + e->target_offset;) {
      const XtEntryExt* em = reinterpret_cast<const XtEntryExt*>(m);
      acpar.ext = em->ext;
      acpar.info = em->data();
      if (!em->ext->match(skb, &acpar)) goto no_match;
      m += em->ext_size;
    }
    e->counters.pcnt++;
    e->counters.bcnt += len;

    {
      const XtEntryExt* t = e->target();
      if (!t->ext->target) {
        // standard target
        int v = reinterpret_cast<const XtStandardInfo*>(t->data())->verdict;
        if (v < 0) {
          if (v != XT_RETURN) {  // pop from stack?
            verdict = static_cast<unsigned>(-v) - 1;
            break;
          }
          if (stackidx == 0)
            e = priv->at(priv->underflow[hook]);
          else {
            const IptEntry* r = jumpstack[--stackidx];
            e = const_cast<IptEntry*>(reinterpret_cast<const IptEntry*>(reinterpret_cast<const uint8_t*>(r) + r->next_offset));
          }
          continue;
        }
        if (table_base + v != reinterpret_cast<uint8_t*>(e) + e->next_offset && !(e->ip.flags & IPT_F_GOTO)) {
          if (stackidx >= priv->stacksize) {
            verdict = NF_DROP;
            break;
          }
          jumpstack[stackidx++] = e;
        }
        e = reinterpret_cast<IptEntry*>(table_base + v);
        continue;
      }
      acpar.ext = t->ext;
      acpar.info = t->data();
      verdict = t->ext->target(skb, &acpar);
      if (verdict == XT_CONTINUE) {
        e = reinterpret_cast<IptEntry*>(reinterpret_cast<uint8_t*>(e) + e->next_offset);
      } else {
        break;  // verdict
      }
    }
  } while (!acpar.hotdrop);
  if (acpar.hotdrop) return NF_DROP;
  return verdict;
}

unsigned IptTableHook(void* priv, SkbPtr& pskb, const NfHookState* state) {
  SkBuff* skb = pskb.get();
  return IptDoTable(skb, state, static_cast<XtTable*>(priv));
}

// mark_source_chains: marks every entry with the hooks it is reachable from and refuses loops.
// Iterative, with back pointers per entry (the kernel keeps them in counters.pcnt).
static int MarkSourceChains(NetNs* net, XtTableInfo* info, unsigned valid_hooks) {
  std::vector<unsigned> back(info->size / 8 + 1, 0);
  std::vector<bool> is_entry(info->size / 8 + 1, false);
  for (unsigned off = 0; off < info->size;) {
    is_entry[off / 8] = true;
    off += info->at(off)->next_offset;
  }
  for (unsigned hook = 0; hook < NF_INET_NUMHOOKS; hook++) {
    if (!(valid_hooks & (1u << hook))) continue;
    unsigned pos = info->hook_entry[hook];
    IptEntry* e = info->at(pos);
    back[pos / 8] = pos;
    for (;;) {
      const XtEntryExt* t = e->target();
      bool visited = e->comefrom & (1u << hook);
      if (e->comefrom & (1u << NF_INET_NUMHOOKS)) {
        Printk(net, "x_tables: ip_tables: iptables: loop hook " + std::to_string(hook) + " pos " + std::to_string(pos) +
                        " " + std::to_string(e->comefrom));
        return -ELOOP;
      }
      e->comefrom |= (1u << hook) | (1u << NF_INET_NUMHOOKS);
      bool is_std = t->ext == &xt_standard_target;
      int verdict = is_std ? reinterpret_cast<const XtStandardInfo*>(t->data())->verdict : 0;
      if ((is_std && verdict < 0 && Unconditional(e)) || visited) {
        if (is_std && verdict < -static_cast<int>(NF_REPEAT) - 2) return -EINVAL;
        // Return: backtrack through the last big jump
        unsigned oldpos;
        do {
          e->comefrom ^= (1u << NF_INET_NUMHOOKS);
          oldpos = pos;
          pos = back[oldpos / 8];
          back[oldpos / 8] = 0;
          if (pos == oldpos) goto next;
          e = info->at(pos);
        } while (oldpos == pos + e->next_offset);
        // Move along one
        unsigned size = e->next_offset;
        if (pos + size >= info->size) return -EINVAL;
        e = info->at(pos + size);
        back[(pos + size) / 8] = pos;
        pos += size;
      } else {
        unsigned newpos;
        if (is_std && verdict >= 0) {
          newpos = static_cast<unsigned>(verdict);
          if (newpos >= info->size || !is_entry[newpos / 8] || newpos % 8) return -EINVAL;
        } else {
          newpos = pos + e->next_offset;
          if (newpos >= info->size) return -EINVAL;
        }
        e = info->at(newpos);
        back[newpos / 8] = pos;
        pos = newpos;
      }
    }
  next:;
  }
  return 0;
}

// translate_table (+ check_entry_size_and_hooks, find_check_entry)
int IptTranslateTable(NetNs* net, const std::string& table, unsigned valid_hooks, XtTableInfo* info) {
  info->stacksize = 0;
  unsigned n = 0;
  for (unsigned off = 0; off < info->size; n++) {
    IptEntry* e = info->at(off);
    if (e->next_offset < sizeof(IptEntry) + sizeof(XtEntryExt) || off + e->next_offset > info->size) return -EINVAL;
    e->comefrom = 0;
    if (e->target()->ext == &xt_error_target) info->stacksize++;
    off += e->next_offset;
  }
  if (n != info->number) return -EINVAL;
  for (unsigned h = 0; h < NF_INET_NUMHOOKS; h++) {
    if (!(valid_hooks & (1u << h))) continue;
    if (info->hook_entry[h] >= info->size || info->underflow[h] >= info->size) return -EINVAL;
    // check_underflow: the policy must be an unconditional ACCEPT/DROP
    const IptEntry* u = info->at(info->underflow[h]);
    if (!Unconditional(u) || u->target()->ext != &xt_standard_target) return -EINVAL;
    int v = -reinterpret_cast<const XtStandardInfo*>(u->target()->data())->verdict - 1;
    if (v != static_cast<int>(NF_DROP) && v != static_cast<int>(NF_ACCEPT)) return -EINVAL;
  }
  int err = MarkSourceChains(net, info, valid_hooks);
  if (err) return err;
  for (unsigned off = 0; off < info->size;) {
    IptEntry* e = info->at(off);
    // ip_checkentry
    if (e->ip.flags & ~IPT_F_MASK || e->ip.invflags & ~IPT_INV_MASK) return -EINVAL;
    XtChkParam par;
    par.net = net;
    par.table = table.c_str();
    par.ip = &e->ip;
    par.hook_mask = e->comefrom;
    for (uint8_t* m = e->elems(); m < reinterpret_cast<uint8_t*>(e) + e->target_offset;) {
      XtEntryExt* em = reinterpret_cast<XtEntryExt*>(m);
      if (!em->ext || !em->ext->match) return -ENOENT;
      par.ext = em->ext;
      par.info = em->data();
      err = XtCheckExt(&par, e->ip.proto, e->ip.invflags & IPT_INV_PROTO);
      if (err) return err;
      m += em->ext_size;
    }
    XtEntryExt* t = e->target();
    if (!t->ext) return -ENOENT;
    if (t->ext != &xt_standard_target && t->ext != &xt_error_target) {
      par.ext = t->ext;
      par.info = t->data();
      err = XtCheckExt(&par, e->ip.proto, e->ip.invflags & IPT_INV_PROTO);
      if (err) return err;
    }
    off += e->next_offset;
  }
  info->jumpstack.assign(info->stacksize, nullptr);
  return 0;
}

// do_replace
int IptDoReplace(NetNs* net, const std::string& table, std::unique_ptr<XtTableInfo> newinfo) {
  XtTable* t = XtFindTableLock(net, table);
  if (!t) return -ENOENT;
  int err = IptTranslateTable(net, table, t->valid_hooks, newinfo.get());
  if (err) return err;
  XtReplaceTable(t, std::move(newinfo));
  return 0;
}

}  // namespace linuxnet
