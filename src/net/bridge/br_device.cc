// net/bridge/br_device.c: the bridge as a net_device (br_dev_xmit, open/stop, MAC and MTU changes)
// and its creation and deletion (br_dev_setup, br_dev_newlink, br_dev_delete in br_netlink.c/br_if.c).
#include <cerrno>
#include <cstdio>

#include "sim/host.h"
#include "net/bridge/br_private.h"
#include "net/core/dev.h"
#include "net/core/netdev-notifier.h"
#include "ns3/simulator.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

static const LinkKind kBridgeKind{"bridge"};

ns3::TypeId BridgeDev::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("linuxnet::BridgeDev").SetParent<NetDev>().SetGroupName("Linuxnet");
  return tid;
}

std::string BridgeId::Str() const {
  char b[64];
  std::snprintf(b, sizeof b, "%02x%02x.%x:%x:%x:%x:%x:%x", prio[0], prio[1], addr.b[0], addr.b[1], addr.b[2],
                addr.b[3], addr.b[4], addr.b[5]);
  return b;
}

// br_dev_setup + br_stp_timer_init defaults
BridgeDev::BridgeDev() {
  kind = &kBridgeKind;
  tso_max_size = 65536;  // GSO_LEGACY_MAX_SIZE until ports lower... or raise it (netif_set_tso_max_size)
  flags = IFF_BROADCAST | IFF_MULTICAST;
  priv_flags |= IFF_EBRIDGE | IFF_NO_QUEUE;
  mtu = 1500;
  min_mtu = 68;
  max_mtu = 65535;  // ETH_MAX_MTU
  addr_assign_type = 1;        // NET_ADDR_RANDOM (the address is drawn in BrDevNewlink)
  carrier = false;             // no forwarding port yet: no carrier until one forwards
  group_addr.b[0] = 0x01;      // eth_stp_addr 01:80:c2:00:00:00
  group_addr.b[1] = 0x80;
  group_addr.b[2] = 0xc2;
  designated_root = bridge_id;
  bridge_max_age = max_age = ns3::Seconds(20);
  bridge_hello_time = hello_time = ns3::Seconds(2);
  bridge_forward_delay = forward_delay = ns3::Seconds(15);
  bridge_ageing_time = ageing_time = ns3::Seconds(300);  // BR_DEFAULT_AGEING_TIME
}

BridgeDev::~BridgeDev() = default;

void BridgeDev::DoDispose() {
  gc_work.Cancel();
  hello_timer.Cancel();
  tcn_timer.Cancel();
  topology_change_timer.Cancel();
  for (NetBridgePort* p : port_list) {
    p->forward_delay_timer.Cancel();
    p->message_age_timer.Cancel();
    p->hold_timer.Cancel();
    delete p;
  }
  port_list.clear();
  vlgrp.reset();
  fdb_list.clear();
  fdb_hash_tbl.clear();
  NetDev::DoDispose();
}

BridgeDev* AsBridge(NetDev* dev) {
  if (!dev || !(dev->priv_flags & IFF_EBRIDGE)) return nullptr;
  return static_cast<BridgeDev*>(dev);
}

NetBridgePort* BrPortGet(const NetDev* dev) {
  if (!dev || !(dev->priv_flags & IFF_BRIDGE_PORT) || dev->rx_handler != &BrHandleFrame) return nullptr;
  return static_cast<NetBridgePort*>(dev->rx_handler_data);
}

// br_dev_xmit: the bridge's own transmit: flood broadcast/multicast and unknown unicast, forward
// known unicast to its port (local_orig: LOCAL_OUT instead of FORWARD)
NetdevTx BridgeDev::NdoStartXmit(SkbPtr skb) {
  KFunc(KF_br_dev_xmit, skb.get());
  br_tx_packets++;
  br_tx_bytes += skb->Len();
  // skb_reset_mac_header + skb_pull(ETH_HLEN)
  skb->mac_valid = true;
  skb->PullMac();
  uint16_t vid = 0;
  if (!BrAllowedIngress(this, vlgrp.get(), skb.get(), &vid)) return NETDEV_TX_OK;  // dropped
  const MacAddr dest = skb->eth.h_dest;
  if (dest.IsBroadcast()) {
    BrFlood(this, std::move(skb), BR_PKT_BROADCAST, false, true);
  } else if (dest.IsMulticast()) {
    // no multicast snooping database: br_multicast_flood falls back to flooding
    BrFlood(this, std::move(skb), BR_PKT_MULTICAST, false, true);
  } else if (NetBridgeFdbEntry* dst = BrFdbFind(this, dest, vid)) {
    BrForward(dst->dst, std::move(skb), false, true);
  } else {
    BrFlood(this, std::move(skb), BR_PKT_UNICAST, false, true);
  }
  return NETDEV_TX_OK;
}

// br_dev_open
int BridgeDev::NdoOpen() {
  BrStpEnableBridge(this);
  return 0;
}

// br_dev_stop
int BridgeDev::NdoStop() {
  BrStpDisableBridge(this);
  return 0;
}

// br_change_mtu
int BridgeDev::NdoChangeMtu(uint32_t new_mtu) {
  mtu = new_mtu;
  mtu_set_by_user = true;  // this flag will be cleared if the MTU was automatically adjusted
  return 0;
}

// br_set_mac_address
int BridgeDev::NdoSetMacAddress(const MacAddr& a) {
  if (a.IsMulticast() || a.IsZero()) return -EADDRNOTAVAIL;  // is_valid_ether_addr
  if (dev_addr != a) BrStpChangeBridgeId(this, a);  // sets dev_addr
  return 0;
}

// br_add_slave / br_del_slave
int BridgeDev::NdoAddSlave(NetDev* slave) { return BrAddIf(this, slave); }
int BridgeDev::NdoDelSlave(NetDev* slave) { return BrDelIf(this, slave); }

// br_get_stats64: the device's core counters plus the per-cpu bridge counters
LinkStats BridgeDev::GetStats64() const {
  LinkStats s = stats;
  s.rx_packets += br_rx_packets;
  s.rx_bytes += br_rx_bytes;
  s.tx_packets += br_tx_packets;
  s.tx_bytes += br_tx_bytes;
  return s;
}

// br_dev_delete: every port leaves, the remaining entries go, the gc stops
void BridgeDev::Uninit() {
  while (!port_list.empty()) BrDelIf(this, port_list.front()->dev.operator->());
  BrVlanFlush(this);  // br_dev_uninit
  BrFdbDeleteByPort(this, nullptr, 0, true);
  gc_work.Cancel();
}

// br_changelink: the IFLA_BR_* options
int BrChangeLinkOpts(BridgeDev* br, const BrNewlinkParams& p) {
  if (p.forward_delay >= 0) {
    // br_set_forward_delay: with STP on it must be within [2 s, 30 s]
    ns3::Time t = ns3::MilliSeconds(p.forward_delay * 10);
    if (br->stp_enabled != BR_NO_STP && (t < ns3::Seconds(2) || t > ns3::Seconds(30))) return -ERANGE;
    br->bridge_forward_delay = t;
    if (BrIsRootBridge(br)) br->forward_delay = t;
  }
  if (p.hello_time >= 0) {
    ns3::Time t = ns3::MilliSeconds(p.hello_time * 10);
    if (t < ns3::Seconds(1) || t > ns3::Seconds(10)) return -ERANGE;  // br_set_hello_time
    br->bridge_hello_time = t;
    if (BrIsRootBridge(br)) br->hello_time = t;
  }
  if (p.max_age >= 0) {
    ns3::Time t = ns3::MilliSeconds(p.max_age * 10);
    if (t < ns3::Seconds(6) || t > ns3::Seconds(40)) return -ERANGE;  // br_set_max_age
    br->bridge_max_age = t;
    if (BrIsRootBridge(br)) br->max_age = t;
  }
  if (p.ageing_time >= 0) {
    // br_set_ageing_time
    br->bridge_ageing_time = br->ageing_time = ns3::MilliSeconds(p.ageing_time * 10);
  }
  if (p.stp_state >= 0) BrStpSetEnabled(br, p.stp_state);
  if (p.priority >= 0) {
    BrStpSetBridgePriority(br, static_cast<uint16_t>(p.priority));
  }
  if (p.group_fwd_mask >= 0) {
    if (p.group_fwd_mask & 0x0007) return -EINVAL;  // BR_GROUPFWD_RESTRICTED
    br->group_fwd_mask = static_cast<uint16_t>(p.group_fwd_mask);
  }
  if (p.nf_call_iptables >= 0) br->nf_call_iptables = p.nf_call_iptables != 0;
  if (p.nf_call_ip6tables >= 0) br->nf_call_ip6tables = p.nf_call_ip6tables != 0;
  if (p.nf_call_arptables >= 0) br->nf_call_arptables = p.nf_call_arptables != 0;
  if (p.vlan_filtering >= 0) {
    // the reference kernel is built without CONFIG_BRIDGE_VLAN_FILTERING: br_vlan_filter_toggle
    // is the stub that refuses any value, 0 included (checked on the real machine)
    if (!br->vlgrp) return -EOPNOTSUPP;
    int err = BrVlanFilterToggle(br, static_cast<unsigned long>(p.vlan_filtering));
    if (err) return err;
  }
  return 0;
}

// br_dev_newlink: register, take the given address as the bridge id, apply the options
int BrDevNewlink(NetNs* net, const BrNewlinkParams& p) {
  ns3::Ptr<BridgeDev> br = ns3::CreateObject<BridgeDev>();
  br->dev_addr = EthRandomAddr(net->host);  // eth_hw_addr_random in br_dev_setup
  br->name = p.name;
  if (p.name.empty()) {
    for (int i = 0;; i++) {
      std::string n = "bridge" + std::to_string(i);
      if (!net->DevGetByName(n)) {
        br->name = n;
        break;
      }
    }
  }
  if (p.addr) {
    if (p.addr->IsMulticast() || p.addr->IsZero()) return -EADDRNOTAVAIL;
    br->dev_addr = *p.addr;
    br->addr_assign_type = 3;  // NET_ADDR_SET
  }
  if (p.mtu) {
    if (p.mtu < br->min_mtu || p.mtu > br->max_mtu) return -EINVAL;
    br->mtu = p.mtu;  // rtnl_create_link sets dev->mtu directly, not through br_change_mtu
  }
  int err = RegisterNetdevice(net, br);
  if (err) return err;
  BrNetfilterEnable(net);  // brnf_device_event(NETDEV_REGISTER) of a bridge
  if (BrVlanConfigured(net)) BrVlanInit(br.operator->());  // br_dev_init
  if (p.addr) BrStpChangeBridgeId(br.operator->(), *p.addr);
  err = BrChangeLinkOpts(br.operator->(), p);
  if (err) {
    UnregisterNetdevice(br.operator->());
    return err;
  }
  return 0;
}

}  // namespace linuxnet
