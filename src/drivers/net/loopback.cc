#include "drivers/net/loopback.h"

#include "net/core/dev.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

static const LinkKind kLoopbackKind{""};

ns3::TypeId LoopbackDev::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("linuxnet::LoopbackDev").SetParent<NetDev>().SetGroupName("Linuxnet");
  return tid;
}

NetdevTx LoopbackDev::NdoStartXmit(SkbPtr skb) {
  KFunc(KF_loopback_xmit, skb.get());
  skb->sk = nullptr;  // skb_orphan
  skb->owner.Orphan();
  skb->protocol = EthTypeTrans(skb.get(), this);
  uint32_t len = skb->Len();  // counted after eth_type_trans pulled the MAC header
  // the dst stays attached: ip_rcv_finish reuses the local route (skb_valid_dst)
  lstats_packets++;
  lstats_bytes += len;
  NetifRx(std::move(skb));
  return NETDEV_TX_OK;
}

LinkStats LoopbackDev::GetStats64() const {
  LinkStats s = stats;
  s.rx_packets = s.tx_packets = lstats_packets;
  s.rx_bytes = s.tx_bytes = lstats_bytes;
  return s;
}

static void LoopbackNetInit(NetNs* net) {
  ns3::Ptr<LoopbackDev> lo = ns3::CreateObject<LoopbackDev>();
  lo->name = "lo";
  lo->kind = &kLoopbackKind;
  lo->type = ARPHRD_LOOPBACK;
  lo->flags = IFF_LOOPBACK;
  lo->priv_flags |= IFF_NO_QUEUE;
  lo->mtu = 65536;
  lo->min_mtu = 0;
  lo->max_mtu = 0;  // no maximum (loopback_setup leaves it unset)
  lo->broadcast = MacAddr();
  lo->operstate = IF_OPER_UNKNOWN;
  RegisterNetdevice(net, lo);
  net->loopback_dev = lo.operator->();
}

// loopback_net_exit: lo is the last device to go
static void LoopbackNetExit(NetNs* net) {
  if (!net->loopback_dev) return;
  UnregisterNetdevice(net->loopback_dev);
  net->loopback_dev = nullptr;
}

static const PernetOperations loopback_net_ops{"loopback", 30, &LoopbackNetInit, &LoopbackNetExit};
static const PernetRegistrar loopback_net_registrar(&loopback_net_ops);

}  // namespace linuxnet
