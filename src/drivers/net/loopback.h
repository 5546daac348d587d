// drivers/net/loopback.c: lo, created with every namespace, down until set up.
#pragma once
#include "net/core/netdevice.h"

namespace linuxnet {

class LoopbackDev : public NetDev {
 public:
  static ns3::TypeId GetTypeId();
  uint64_t lstats_packets = 0, lstats_bytes = 0;
  NetdevTx NdoStartXmit(SkbPtr skb) override;  // loopback_xmit
  LinkStats GetStats64() const override;       // loopback_get_stats64: rx = tx
};


}  // namespace linuxnet
