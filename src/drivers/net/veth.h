// drivers/net/veth.c: a pair of devices, possibly in two namespaces; what one transmits the other
// receives (veth_xmit → veth_forward_skb → __dev_forward_skb → netif_rx).
#pragma once
#include <string>

#include "net/core/netdevice.h"

namespace linuxnet {

class VethDev : public NetDev {
 public:
  static ns3::TypeId GetTypeId();
  ns3::Ptr<VethDev> peer;  // priv->peer
  uint64_t lstats_packets = 0, lstats_bytes = 0;  // dev_lstats_add on successful forward
  uint64_t dropped = 0;                           // priv->dropped

  NetdevTx NdoStartXmit(SkbPtr skb) override;
  int NdoOpen() override;
  int NdoStop() override;
  int NdoGetIflink() const override;
  NetDev* LinkPeer() const override { return peer ? peer.operator->() : nullptr; }
  NetNs* NdoGetLinkNet() const override;
  LinkStats GetStats64() const override;
  void Uninit() override;

 protected:
  void DoDispose() override;  // breaks the peer reference cycle when the namespaces go
};

struct VethParams {
  std::string name, peer_name;
  NetNs* peer_net = nullptr;
  const MacAddr* addr = nullptr;
  const MacAddr* peer_addr = nullptr;
  uint32_t mtu = 0, peer_mtu = 0;
  uint32_t txqueuelen = 1000, peer_txqueuelen = 1000;
};
// veth_newlink: registers the peer, then the device; returns 0 or -errno
int VethNewlink(NetNs* net, const VethParams& p);

}  // namespace linuxnet
