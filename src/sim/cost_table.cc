#include "sim/cost_table.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <istream>
#include <sstream>
#include <string>
#include <unordered_map>

#include "sim/host.h"

namespace linuxnet {

namespace {

// "12.345" ns as picoseconds, or -1 when it is not a non-negative number with at most 3 decimals
int64_t ParseNsAsPs(const std::string& s) {
  if (s.empty() || s[0] == '-' || s[0] == '+') return -1;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (*end || !std::isfinite(v) || v > 1e9) return -1;
  size_t dot = s.find('.');
  if (dot != std::string::npos && s.size() - dot - 1 > 3) return -1;
  return std::llround(v * 1000.0);
}

}  // namespace

bool LoadCostTable(Host* host, std::istream& in, const std::string& name, std::string* error) {
  std::unordered_map<std::string, int> ids;
  for (int f = 0; f < KF_COUNT; f++) ids[KFnName(static_cast<KFn>(f))] = f;
  int64_t a[KF_COUNT] = {}, b[KF_COUNT] = {};
  std::string line;
  for (int n = 1; std::getline(in, line); n++) {
    size_t hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    std::istringstream ws(line);
    std::string fn, sa, sb, extra;
    if (!(ws >> fn)) continue;
    ws >> sa >> sb >> extra;
    auto fail = [&](const std::string& what) {
      *error = name + ":" + std::to_string(n) + ": " + what;
      return false;
    };
    auto it = ids.find(fn);
    if (it == ids.end()) return fail("unknown kernel function '" + fn + "'");
    if (sa.empty()) return fail("missing cost for " + fn);
    if (!extra.empty()) return fail("trailing '" + extra + "'");
    int64_t pa = ParseNsAsPs(sa), pb = sb.empty() ? 0 : ParseNsAsPs(sb);
    if (pa < 0) return fail("bad cost '" + sa + "' (ns, at most 3 decimals)");
    if (pb < 0) return fail("bad cost per byte '" + sb + "' (ns, at most 3 decimals)");
    a[it->second] = pa;
    b[it->second] = pb;
  }
  for (int f = 0; f < KF_COUNT; f++) host->SetCost(static_cast<KFn>(f), a[f], b[f]);
  return true;
}

extern const char kDefaultCostTable[];  // generated from src/sim/default.costs

void LoadDefaultCostTable(Host* host) {
  std::istringstream in(kDefaultCostTable);
  std::string error;
  if (!LoadCostTable(host, in, "src/sim/default.costs", &error)) {
    std::fprintf(stderr, "linuxnet: the compiled-in cost table is broken (%s): no costs\n", error.c_str());
    ClearCostTable(host);
  }
}

void ClearCostTable(Host* host) {
  for (int f = 0; f < KF_COUNT; f++) host->SetCost(static_cast<KFn>(f), 0, 0);
}

std::string FormatCostTable(const Host* host) {
  std::string out;
  char line[128];
  for (int f = 0; f < KF_COUNT; f++) {
    KFn fn = static_cast<KFn>(f);
    if (!host->cost_a_ps(fn) && !host->cost_b_ps(fn)) continue;
    std::snprintf(line, sizeof line, "%s %.3f %.3f\n", KFnName(fn), host->cost_a_ps(fn) / 1000.0,
                  host->cost_b_ps(fn) / 1000.0);
    out += line;
  }
  return out;
}

}  // namespace linuxnet
