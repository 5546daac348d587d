// The trace a Host prints when tracing is on (net/core/net-traces.c's tracepoints, shown the way
// pwru shows a packet's path): virtual time, kernel function, namespace:device, length, IPv4 summary.
#pragma once
#include "sim/host.h"

namespace linuxnet {

void NetTraceEvent(Host* host, KFn f, const SkBuff* skb, uint32_t bytes);

}  // namespace linuxnet
