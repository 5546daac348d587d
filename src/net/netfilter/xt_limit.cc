// net/netfilter/xt_limit.c with libxt_limit.c: a token bucket refilled in virtual time (jiffies
// derived from ns3::Simulator::Now() at HZ=250).
#include <cstddef>
#include <cstdlib>
#include <strings.h>

#include "ns3/simulator.h"
#include "net/netfilter/x_tables.h"

namespace linuxnet {
namespace {

constexpr uint32_t XT_LIMIT_SCALE = 10000;
constexpr uint64_t HZ = 250;
// CREDITS_PER_JIFFY = POW2_BELOW32(MAX_CPJ), MAX_CPJ = 0xFFFFFFFF / (HZ*60*60*24)
constexpr uint32_t Pow2Below32(uint32_t x) {
  x |= x >> 1; x |= x >> 2; x |= x >> 4; x |= x >> 8; x |= x >> 16;
  return (x + 1) >> 1;
}
constexpr uint32_t CREDITS_PER_JIFFY = Pow2Below32(static_cast<uint32_t>(0xFFFFFFFFull / (HZ * 60 * 60 * 24)));

// struct xt_rateinfo (the kernel keeps the bucket in ->master; the model keeps it in place)
struct XtRateinfo {
  uint32_t avg;    // average secs between packets * scale
  uint32_t burst;  // period multiplier for upper limit
  uint64_t prev;   // jiffies
  uint32_t credit;
  uint32_t credit_cap, cost;
  uint32_t pad;
};

uint64_t Jiffies() { return static_cast<uint64_t>(ns3::Simulator::Now().GetMicroSeconds()) * HZ / 1000000; }

// user2credits
uint32_t User2Credits(uint32_t user) {
  return static_cast<uint32_t>(static_cast<uint64_t>(user) * HZ * CREDITS_PER_JIFFY / XT_LIMIT_SCALE);
}

// limit_mt
bool LimitMt(const SkBuff*, XtActionParam* par) {
  XtRateinfo* r = const_cast<XtRateinfo*>(static_cast<const XtRateinfo*>(par->info));
  uint64_t now = Jiffies();
  uint64_t credit = r->credit + (now - r->prev) * CREDITS_PER_JIFFY;
  r->prev = now;
  if (credit > r->credit_cap) credit = r->credit_cap;
  r->credit = static_cast<uint32_t>(credit);
  if (r->credit >= r->cost) {
    r->credit -= r->cost;
    return true;
  }
  return false;
}

// limit_mt_check
int LimitCheck(const XtChkParam* par) {
  XtRateinfo* r = static_cast<XtRateinfo*>(par->info);
  if (r->burst == 0 || User2Credits(r->avg * r->burst) < User2Credits(r->avg)) {
    Printk(par->net, "xt_limit: Overflow, try lower: " + std::to_string(r->avg) + "/" + std::to_string(r->burst));
    return -22;
  }
  r->prev = Jiffies();
  r->credit = User2Credits(r->avg * r->burst);
  r->credit_cap = r->credit;
  r->cost = User2Credits(r->avg);
  return 0;
}

enum { O_LIMIT = 1, O_BURST };
const XtOpt kOpts[] = {{"limit", true, O_LIMIT}, {"limit-burst", true, O_BURST}, {nullptr, false, 0}};

void LimitInit(void* d) {
  XtRateinfo* r = static_cast<XtRateinfo*>(d);
  r->avg = XT_LIMIT_SCALE * 3600 / 3;  // 3/hour
  r->burst = 5;
}

// parse_rate
bool ParseRate(const std::string& rate, uint32_t* val) {
  uint32_t mult = 1;
  auto slash = rate.find('/');
  if (slash != std::string::npos) {
    std::string u = rate.substr(slash + 1);
    if (u.empty()) return false;
    if (strncasecmp("second", u.c_str(), u.size()) == 0) mult = 1;
    else if (strncasecmp("minute", u.c_str(), u.size()) == 0) mult = 60;
    else if (strncasecmp("hour", u.c_str(), u.size()) == 0) mult = 60 * 60;
    else if (strncasecmp("day", u.c_str(), u.size()) == 0) mult = 24 * 60 * 60;
    else return false;
  }
  long r = std::atol(rate.c_str());
  if (r <= 0) return false;
  *val = static_cast<uint32_t>(static_cast<uint64_t>(XT_LIMIT_SCALE) * mult / r);
  return true;
}

int LimitParse(XtParseCtx& c) {
  XtRateinfo* r = static_cast<XtRateinfo*>(c.data);
  if (c.invert) return XtErr(c, "limit does not support invert");
  if (c.id == O_LIMIT) {
    if (!ParseRate(c.arg, &r->avg)) return XtErr(c, std::string("bad rate \"") + c.arg + "\"'");
    if (r->avg == 0) return XtErr(c, std::string("Rate too fast \"") + c.arg + "\"");
  } else {
    uint32_t b;
    if (!XtStrToU32(c.arg, &b, 10000))
      return XtErr(c, "limit: bad integer value for option \"--limit-burst\", or out of range.\n");
    r->burst = b;
  }
  return 0;
}

std::string RateStr(uint32_t period) {
  static const struct { const char* name; uint32_t mult; } rates[] = {
      {"day", XT_LIMIT_SCALE * 24 * 60 * 60}, {"hour", XT_LIMIT_SCALE * 60 * 60}, {"min", XT_LIMIT_SCALE * 60},
      {"sec", XT_LIMIT_SCALE}};
  if (period == 0) return " inf";
  unsigned i;
  for (i = 1; i < 4; ++i)
    if (period > rates[i].mult || rates[i].mult / period < rates[i].mult % period) break;
  return " " + std::to_string(rates[i - 1].mult / period) + "/" + rates[i - 1].name;
}

void LimitPrint(const void* d, const IptIp*, bool, std::string& out) {
  const XtRateinfo* r = static_cast<const XtRateinfo*>(d);
  out += " limit: avg" + RateStr(r->avg) + " burst " + std::to_string(r->burst);
}
void LimitSave(const void* d, const IptIp*, std::string& out) {
  const XtRateinfo* r = static_cast<const XtRateinfo*>(d);
  out += " --limit" + RateStr(r->avg);
  if (r->burst != 5) out += " --limit-burst " + std::to_string(r->burst);
}

const XtExt kLimit = [] {
  XtExt e;
  e.name = "limit";
  e.size = sizeof(XtRateinfo);
  e.usersize = offsetof(XtRateinfo, prev);
  e.match = &LimitMt;
  e.checkentry = &LimitCheck;
  e.opts = kOpts;
  e.init = &LimitInit;
  e.parse = &LimitParse;
  e.print = &LimitPrint;
  e.save = &LimitSave;
  return e;
}();
const XtExtRegistrar reg(&kLimit);

}  // namespace
}  // namespace linuxnet
