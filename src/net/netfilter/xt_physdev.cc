// net/netfilter/xt_physdev.c with libxt_physdev.c: the bridge ports a bridged frame came in on
// and goes out of (nf_bridge->physindev / physoutdev, set by br_netfilter)
#include <cerrno>
#include <cstring>

#include "net/core/netdevice.h"
#include "net/netfilter/x_tables.h"

namespace linuxnet {
namespace {

// struct xt_physdev_info (include/uapi/linux/netfilter/xt_physdev.h)
struct XtPhysdevInfo {
  char physindev[IFNAMSIZ_];
  char in_mask[IFNAMSIZ_];
  char physoutdev[IFNAMSIZ_];
  char out_mask[IFNAMSIZ_];
  uint8_t invert;
  uint8_t bitmask;
};
enum : uint8_t { XT_PHYSDEV_OP_IN = 0x01, XT_PHYSDEV_OP_OUT = 0x02, XT_PHYSDEV_OP_BRIDGED = 0x04,
                 XT_PHYSDEV_OP_ISIN = 0x08, XT_PHYSDEV_OP_ISOUT = 0x10, XT_PHYSDEV_OP_MASK = 0x1f };

// ifname_compare_aligned: non-zero when the names differ under the mask
unsigned long IfnameCompare(const char* dev, const char* rule, const char* mask) {
  char name[IFNAMSIZ_] = {};
  std::strncpy(name, dev, IFNAMSIZ_ - 1);
  unsigned long ret = 0;
  for (unsigned i = 0; i < IFNAMSIZ_; i++) ret |= (name[i] ^ rule[i]) & mask[i];
  return ret;
}

// physdev_mt
bool PhysdevMt(const SkBuff* skb, XtActionParam* par) {
  const XtPhysdevInfo* info = static_cast<const XtPhysdevInfo*>(par->info);
  // not a bridged IP packet or no info available yet: match only if the used options are inverted
  if (!skb->bridged) {
    for (uint8_t op : {XT_PHYSDEV_OP_BRIDGED, XT_PHYSDEV_OP_ISIN, XT_PHYSDEV_OP_ISOUT, XT_PHYSDEV_OP_IN,
                       XT_PHYSDEV_OP_OUT})
      if ((info->bitmask & op) && !(info->invert & op)) return false;
    return true;
  }
  const char* outdev = skb->physoutdev ? skb->physoutdev->name.c_str() : nullptr;
  // this only makes sense in the FORWARD and POSTROUTING chains
  if ((info->bitmask & XT_PHYSDEV_OP_BRIDGED) && (!!outdev ^ !(info->invert & XT_PHYSDEV_OP_BRIDGED)))
    return false;
  const char* indev = skb->physindev ? skb->physindev->name.c_str() : nullptr;
  if (((info->bitmask & XT_PHYSDEV_OP_ISIN) && (!indev ^ !!(info->invert & XT_PHYSDEV_OP_ISIN))) ||
      ((info->bitmask & XT_PHYSDEV_OP_ISOUT) && (!outdev ^ !!(info->invert & XT_PHYSDEV_OP_ISOUT))))
    return false;
  if (info->bitmask & XT_PHYSDEV_OP_IN) {
    if (indev) {
      unsigned long ret = IfnameCompare(indev, info->physindev, info->in_mask);
      if (!ret ^ !(info->invert & XT_PHYSDEV_OP_IN)) return false;
    }
  }
  if (!(info->bitmask & XT_PHYSDEV_OP_OUT)) return true;
  if (!outdev) return true;
  unsigned long ret = IfnameCompare(outdev, info->physoutdev, info->out_mask);
  return !!ret ^ !(info->invert & XT_PHYSDEV_OP_OUT);
}

// physdev_mt_check
int PhysdevCheck(const XtChkParam* par) {
  const XtPhysdevInfo* info = static_cast<const XtPhysdevInfo*>(par->info);
  if (!(info->bitmask & XT_PHYSDEV_OP_MASK) || (info->bitmask & ~XT_PHYSDEV_OP_MASK)) return -EINVAL;
  if ((info->bitmask & (XT_PHYSDEV_OP_OUT | XT_PHYSDEV_OP_ISOUT)) &&
      (!(info->bitmask & XT_PHYSDEV_OP_BRIDGED) || (info->invert & XT_PHYSDEV_OP_BRIDGED)) &&
      (par->hook_mask & ((1u << NF_INET_LOCAL_OUT) | (1u << NF_INET_FORWARD) | (1u << NF_INET_POST_ROUTING)))) {
    Printk(par->net, "xt_physdev: --physdev-out and --physdev-is-out only supported in the FORWARD and "
                     "POSTROUTING chains with bridged traffic");
    if (par->hook_mask & (1u << NF_INET_LOCAL_OUT)) return -EINVAL;
  }
  return 0;
}

enum { O_PHYSDEV_IN = 0, O_PHYSDEV_OUT, O_PHYSDEV_IS_IN, O_PHYSDEV_IS_OUT, O_PHYSDEV_IS_BRIDGED };

const XtOpt kOpts[] = {{"physdev-in", true, O_PHYSDEV_IN},
                       {"physdev-out", true, O_PHYSDEV_OUT},
                       {"physdev-is-in", false, O_PHYSDEV_IS_IN},
                       {"physdev-is-out", false, O_PHYSDEV_IS_OUT},
                       {"physdev-is-bridged", false, O_PHYSDEV_IS_BRIDGED},
                       {nullptr, false, 0}};

// xtables_parse_interface: a trailing '+' matches any name with that prefix
void ParseInterface(const char* arg, char* vianame, char* mask) {
  size_t len = std::strlen(arg);
  std::memset(mask, 0, IFNAMSIZ_);
  std::memset(vianame, 0, IFNAMSIZ_);
  std::strncpy(vianame, arg, IFNAMSIZ_ - 1);
  if (len == 0) return;
  if (vianame[len - 1] == '+') {
    std::memset(mask, 0xff, len - 1);
  } else {
    std::memset(mask, 0xff, len + 1 > IFNAMSIZ_ ? IFNAMSIZ_ : len + 1);
  }
}

// physdev_parse
int PhysdevParse(XtParseCtx& c) {
  XtPhysdevInfo* info = static_cast<XtPhysdevInfo*>(c.data);
  if (c.arg && std::strlen(c.arg) >= IFNAMSIZ_) {
    return XtErr(c, std::string("interface name `") + c.arg + "' must be shorter than IFNAMSIZ (15)");
  }
  uint8_t op = 0;
  switch (c.id) {
    case O_PHYSDEV_IN:
      ParseInterface(c.arg, info->physindev, info->in_mask);
      op = XT_PHYSDEV_OP_IN;
      break;
    case O_PHYSDEV_OUT:
      ParseInterface(c.arg, info->physoutdev, info->out_mask);
      op = XT_PHYSDEV_OP_OUT;
      break;
    case O_PHYSDEV_IS_IN: op = XT_PHYSDEV_OP_ISIN; break;
    case O_PHYSDEV_IS_OUT: op = XT_PHYSDEV_OP_ISOUT; break;
    default: op = XT_PHYSDEV_OP_BRIDGED; break;
  }
  if (c.invert) info->invert |= op;
  info->bitmask |= op;
  *c.flags |= 1u << c.id;
  return 0;
}

// physdev_check
int PhysdevFinal(XtParseCtx& c) { return *c.flags ? 0 : XtErr(c, "PHYSDEV: no physdev option specified"); }

void PhysdevSave(const void* d, const IptIp*, std::string& out) {
  const XtPhysdevInfo* info = static_cast<const XtPhysdevInfo*>(d);
  auto inv = [&](uint8_t op) { return std::string((info->invert & op) ? " !" : ""); };
  if (info->bitmask & XT_PHYSDEV_OP_ISIN) out += inv(XT_PHYSDEV_OP_ISIN) + " --physdev-is-in";
  if (info->bitmask & XT_PHYSDEV_OP_IN) out += inv(XT_PHYSDEV_OP_IN) + " --physdev-in " + info->physindev;
  if (info->bitmask & XT_PHYSDEV_OP_ISOUT) out += inv(XT_PHYSDEV_OP_ISOUT) + " --physdev-is-out";
  if (info->bitmask & XT_PHYSDEV_OP_OUT) out += inv(XT_PHYSDEV_OP_OUT) + " --physdev-out " + info->physoutdev;
  if (info->bitmask & XT_PHYSDEV_OP_BRIDGED) out += inv(XT_PHYSDEV_OP_BRIDGED) + " --physdev-is-bridged";
}

// physdev_print: " PHYSDEV match" and the options as save prints them
void PhysdevPrint(const void* d, const IptIp* ip, bool, std::string& out) {
  out += " PHYSDEV match";
  PhysdevSave(d, ip, out);
}

const XtExt kPhysdev = [] {
  XtExt e;
  e.name = "physdev";
  e.size = sizeof(XtPhysdevInfo);
  e.usersize = sizeof(XtPhysdevInfo);
  e.match = &PhysdevMt;
  e.checkentry = &PhysdevCheck;
  e.opts = kOpts;
  e.parse = &PhysdevParse;
  e.final_check = &PhysdevFinal;
  e.print = &PhysdevPrint;
  e.save = &PhysdevSave;
  return e;
}();
const XtExtRegistrar reg(&kPhysdev);

}  // namespace
}  // namespace linuxnet
