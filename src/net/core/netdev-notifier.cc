#include "net/core/netdev-notifier.h"

#include <algorithm>
#include <vector>

namespace linuxnet {

namespace {
struct Notifier {
  NetdevNotifierFn fn;
  int priority;
  int order;
};
std::vector<Notifier>& Chain() {
  static std::vector<Notifier> v;  // filled by static registrars, then read-only
  return v;
}
}  // namespace

void RegisterNetdeviceNotifier(NetdevNotifierFn fn, int priority, int order) {
  auto& c = Chain();
  for (auto& n : c)
    if (n.fn == fn) return;
  auto it = std::find_if(c.begin(), c.end(), [&](const Notifier& n) {
    return n.priority < priority || (n.priority == priority && n.order > order);
  });
  c.insert(it, Notifier{fn, priority, order});
}

void CallNetdeviceNotifiers(unsigned event, NetDev* dev) {
  for (auto& n : Chain()) n.fn(event, dev);
}

}  // namespace linuxnet
