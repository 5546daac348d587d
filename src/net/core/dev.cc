// net/core/dev.c, net/ethernet/eth.c, net/core/link_watch.c
#include "net/core/dev.h"

#include <algorithm>
#include <cerrno>
#include <vector>

#include "net/core/netdev-notifier.h"
#include "net/core/net_namespace.h"
#include "net/sched/sch_generic.h"
#include "ns3/simulator.h"
#include "sim/host.h"

namespace linuxnet {

namespace {
struct PacketType {
  uint16_t type;
  PacketTypeFn fn;
};
std::vector<PacketType>& PtypeBase() {
  static std::vector<PacketType> v;  // filled by the protocols' static registrars, then read-only
  return v;
}
}  // namespace

void DevAddPack(uint16_t type, PacketTypeFn fn) {
  for (auto& p : PtypeBase())
    if (p.type == type && p.fn == fn) return;
  PtypeBase().push_back({type, fn});
}

int NetdevRxHandlerRegister(NetDev* dev, RxHandlerFn fn, void* data) {
  if (dev->rx_handler) return -EBUSY;
  dev->rx_handler_data = data;
  dev->rx_handler = fn;
  return 0;
}

void NetdevRxHandlerUnregister(NetDev* dev) {
  dev->rx_handler = nullptr;
  dev->rx_handler_data = nullptr;
}

// eth_type_trans
uint16_t EthTypeTrans(SkBuff* skb, NetDev* dev) {
  skb->dev = dev;
  skb->mac_valid = true;
  skb->PullMac();
  const MacAddr& d = skb->eth.h_dest;
  if (d.IsMulticast()) {
    skb->pkt_type = d.IsBroadcast() ? PACKET_BROADCAST : PACKET_MULTICAST;
  } else if (d != dev->dev_addr) {
    skb->pkt_type = PACKET_OTHERHOST;
  } else {
    skb->pkt_type = PACKET_HOST;
  }
  if (skb->eth.h_proto >= 0x0600) return skb->eth.h_proto;  // eth_proto_is_802_3
  // a length in the type field: raw 802.3 (IPX, 0xFFFF) or 802.2 LLC
  uint8_t raw[2] = {0, 0};
  if (skb->data && skb->data->GetSize() >= 2) skb->data->CopyData(raw, 2);
  if (raw[0] == 0xff && raw[1] == 0xff) return 0x0001;  // ETH_P_802_3
  return 0x0004;                                        // ETH_P_802_2
}

// eth_header
void EthHeader(SkBuff* skb, NetDev* dev, uint16_t type, const MacAddr& daddr, const MacAddr* saddr) {
  skb->eth.h_proto = type;
  skb->eth.h_source = saddr ? *saddr : dev->dev_addr;
  skb->eth.h_dest = daddr;
  skb->mac_valid = true;
  skb->PushMac();
}

// jiffies at a simulated moment (CONFIG_HZ=250, the reference machine's Debian kernel)
static int64_t Jiffies(int64_t ps) { return ps / (1000000000000 / Host::kHz); }

static void NetRxRound(Host* host, Cpu* cpu);
static void NetRxActionPoll(Host* host, Cpu* cpu);

// __do_softirq for NET_RX_SOFTIRQ: net_rx_action rounds while one leaves work pending, restarted
// up to MAX_SOFTIRQ_RESTART (10) times within MAX_SOFTIRQ_TIME (2 ms); then ksoftirqd takes its
// turn behind the work waiting for the CPU. need_resched, which also ends the restarts, is never
// set: the model's CPUs run work to completion and do not preempt.
static void NetRxAction(Host* host, Cpu* cpu) {
  SoftnetData& sd = cpu->softnet;
  sd.softirq_restart = 10;
  // end = jiffies + msecs_to_jiffies(2): at HZ 250 one jiffy, so until the next tick
  sd.softirq_end_ps = (Jiffies(host->cursor_ps) + 1) * (1000000000000 / Host::kHz);
  NetRxRound(host, cpu);
}

// net_rx_action: one round over the NAPI instances on this CPU's poll list when it starts, each
// polled once (napi_poll, up to its weight); the round stops early once netdev_budget packets
// are done or netdev_budget_usecs (rounded up to jiffies) have passed (time_squeeze). Those that
// used their whole weight go back on the list behind the rest (repoll).
static void NetRxRound(Host* host, Cpu* cpu) {
  KFunc(KF_net_rx_action, host, nullptr);
  SoftnetData& sd = cpu->softnet;
  sd.in_rx_action = true;
  sd.budget = host->netdev_budget;
  int64_t usecs_jiffies = (int64_t(host->netdev_budget_usecs) * Host::kHz + 999999) / 1000000;  // usecs_to_jiffies
  sd.time_limit_ps = (Jiffies(host->cursor_ps) + usecs_jiffies) * (1000000000000 / Host::kHz);
  sd.round_left = sd.poll_list.size();
  NetRxActionPoll(host, cpu);
}

// the end of a net_rx_action round: the repoll list goes back behind the rest; with work left,
// the softirq is raised again (__do_softirq's restart, or ksoftirqd)
static void NetRxRoundEnd(Host* host, Cpu* cpu) {
  SoftnetData& sd = cpu->softnet;
  sd.round_left = 0;
  for (NapiStruct* n : sd.repoll) sd.poll_list.push_back(n);
  sd.repoll.clear();
  if (sd.poll_list.empty()) {
    sd.in_rx_action = false;
    return;
  }
  if (host->cursor_ps < sd.softirq_end_ps && --sd.softirq_restart > 0) {
    NetRxRound(host, cpu);
    return;
  }
  sd.in_rx_action = false;
  CpuQueue(host, cpu, [host, cpu] { NetRxAction(host, cpu); });  // wakeup_softirqd
}

// napi_poll over the round's instances, one packet at a time, each starting at the moment the
// previous one's work reached, so that what a packet's trip reads of the clock is that moment
static void NetRxActionPoll(Host* host, Cpu* cpu) {
  SoftnetData& sd = cpu->softnet;
  for (;;) {
    if (sd.round_left == 0 || sd.poll_list.empty()) return NetRxRoundEnd(host, cpu);
    NapiStruct* n = sd.poll_list.front();
    if (!n->polling) {
      n->polling = true;
      n->work = 0;
    }
    if (n->work < n->weight && n->step(n)) {
      n->work++;
      if (host->cursor_ps > ns3::Simulator::Now().GetPicoSeconds() && !CpuAdvance(host)) {
        CpuContinue(host, [host, cpu] { NetRxActionPoll(host, cpu); });
        return;
      }
      continue;
    }
    // napi_poll's end: the driver's rest of the poll; one that used its whole weight stays scheduled
    n->polling = false;
    sd.poll_list.pop_front();
    sd.round_left--;
    int work = n->work;
    n->done(n);
    if (n->scheduled) {
      NapiGroFlush(n);  // napi_poll with its weight used: napi_gro_flush(n, HZ >= 1000), all at HZ 250
      sd.repoll.push_back(n);
    }
    sd.budget -= work;
    if (sd.budget <= 0 || host->cursor_ps >= sd.time_limit_ps) {
      sd.time_squeeze++;
      return NetRxRoundEnd(host, cpu);
    }
  }
}

// ____napi_schedule: on this CPU's poll list, and NET_RX_SOFTIRQ raised unless it is pending or
// net_rx_action is running here (it will reach the instance)
void NapiSchedule(NapiStruct* n) {
  if (n->scheduled) return;
  Host* host = n->host;
  Cpu* cpu = n->cpu;
  n->scheduled = true;
  SoftnetData& sd = cpu->softnet;
  bool pending = !sd.poll_list.empty() || sd.in_rx_action;  // NET_RX_SOFTIRQ raised already
  sd.poll_list.push_back(n);
  if (!pending) CpuRaiseSoftirq(host, cpu, &NetRxAction);
}

// napi_complete_done: what GRO holds goes up (no gro_flush_timeout), and the instance is off the
// poll list (net_rx_action has taken it off already)
bool NapiCompleteDone(NapiStruct* n, int work_done) {
  (void)work_done;
  NapiGroFlush(n);
  n->scheduled = false;
  return true;
}

void NapiDisable(NapiStruct* n) {
  if (!n->scheduled || !n->cpu) return;
  SoftnetData& sd = n->cpu->softnet;
  auto it = std::find(sd.poll_list.begin(), sd.poll_list.end(), n);
  if (it != sd.poll_list.end()) {
    if (static_cast<size_t>(it - sd.poll_list.begin()) < sd.round_left) sd.round_left--;
    sd.poll_list.erase(it);
  }
  sd.repoll.erase(std::remove(sd.repoll.begin(), sd.repoll.end(), n), sd.repoll.end());
  n->scheduled = false;
  n->polling = false;
}

// process_backlog, one packet a step: the packet at the head of the input queue
static bool ProcessBacklogStep(NapiStruct* n) {
  SoftnetData& sd = n->cpu->softnet;
  if (sd.input_pkt_queue.empty()) return false;
  SkbPtr skb = std::move(sd.input_pkt_queue.front());
  sd.input_pkt_queue.pop_front();
  sd.processed++;
  NetifReceiveSkb(std::move(skb));
  return true;
}

// process_backlog's end: an empty queue completes the instance (napi->state = 0)
static void ProcessBacklogDone(NapiStruct* n) {
  if (n->cpu->softnet.input_pkt_queue.empty()) n->scheduled = false;
}

void SoftnetInit(Host* host, Cpu* cpu) {
  NapiStruct& b = cpu->softnet.backlog;
  b.weight = 64;  // dev_weight * dev_weight_rx_bias
  b.step = &ProcessBacklogStep;
  b.done = &ProcessBacklogDone;
  b.host = host;
  b.cpu = cpu;
}

// enqueue_to_backlog + ____napi_schedule: the skb waits on this CPU's backlog (no RPS), stamped
// with the moment it arrived (net_timestamp_check, netdev_tstamp_prequeue), and the softirq is
// raised for when the running work ends
static int EnqueueToBacklog(SkbPtr skb) {
  Host* host = skb->host;
  Cpu* cpu = host->ThisCpu();
  SoftnetData& sd = cpu->softnet;
  // enqueued while qlen <= netdev_max_backlog (compared as unsigned): the queue holds one more
  if (sd.input_pkt_queue.size() > static_cast<uint32_t>(host->netdev_max_backlog)) {
    sd.dropped++;
    if (skb->dev) skb->dev->stats.rx_dropped++;
    return NET_RX_DROP;
  }
  skb->tstamp_ps = NowPs(host);
  sd.input_pkt_queue.push_back(std::move(skb));
  if (!sd.backlog.host) SoftnetInit(host, cpu);
  NapiSchedule(&sd.backlog);
  return NET_RX_SUCCESS;
}

int NetifRx(SkbPtr skb) {
  KFunc(KF_netif_rx, skb.get());
  return EnqueueToBacklog(std::move(skb));
}

int NetifReceiveSkb(SkbPtr skb) {
  KFunc(KF_netif_receive_skb, skb.get());
  return NetifReceiveSkbCore(std::move(skb));
}

static void DeliverTaps(const SkBuff& skb, NetDev* dev, bool outgoing) {
  auto& taps = dev->net->taps;
  for (auto& t : taps) t.second(skb, dev, outgoing);
}

// __netif_receive_skb_core
int NetifReceiveSkbCore(SkbPtr skb) {
  KFunc(KF___netif_receive_skb_core, skb.get());
  NetDev* orig_dev = skb->dev;
  bool deliver_exact = false;
another_round:
  skb->skb_iif = skb->dev->ifindex;
  if (!skb->dev->net->taps.empty()) DeliverTaps(*skb, skb->dev, false);
  if (RxHandlerFn rx_handler = skb->dev->rx_handler) {
    switch (rx_handler(&skb)) {
      case RX_HANDLER_CONSUMED:
        return NET_RX_SUCCESS;
      case RX_HANDLER_ANOTHER:
        goto another_round;
      case RX_HANDLER_EXACT:
        deliver_exact = true;
        break;
      case RX_HANDLER_PASS:
        break;
    }
  }
  if (skb->vlan_present) {
    // a tag no VLAN device took (vlan_do_receive): a frame of another VLAN is not for this host;
    // a priority tag is just dropped
    if (skb->vlan_tci & 0x0fff) skb->pkt_type = PACKET_OTHERHOST;
    skb->vlan_present = false;  // __vlan_hwaccel_clear_tag
    skb->vlan_tci = 0;
  }
  // deliver_ptype_list_skb over ptype_base: the handlers are not device-bound here, so an exact
  // delivery (rx_handler EXACT) finds none and the packet is dropped as the kernel does
  KFunc(KF_deliver_ptype_list_skb, skb.get());
  if (!deliver_exact) {
    for (auto& p : PtypeBase()) {
      if (p.type == skb->protocol) {
        NetDev* dev = skb->dev;
        return p.fn(std::move(skb), dev, orig_dev);
      }
    }
    skb->dev->stats.rx_dropped++;  // dev_core_stats_rx_dropped_inc
  } else {
    skb->dev->stats.rx_nohandler++;
  }
  KFunc(KF_kfree_skb, skb.get());
  return NET_RX_DROP;
}

int DevAddTap(NetNs* net, TapFn fn) {
  int id = net->next_tap_id++;
  net->taps.emplace_back(id, std::move(fn));
  return id;
}

void DevRemoveTap(NetNs* net, int id) {
  auto& t = net->taps;
  t.erase(std::remove_if(t.begin(), t.end(), [id](auto& e) { return e.first == id; }), t.end());
}

// __dev_queue_xmit: a device that is down drops the packet (its qdisc is noop); one with a queue
// goes through its qdisc (__dev_xmit_skb); for the queue-less virtual devices dev_hard_start_xmit
// calls the driver.
int DevQueueXmit(SkbPtr skb) {
  KFunc(KF_dev_queue_xmit, skb.get());
  NetDev* dev = skb->dev;
  if (!(dev->flags & IFF_UP)) {
    dev->stats.tx_dropped++;  // noop_enqueue / the no-queue path: dev_core_stats_tx_dropped_inc
    KFunc(KF_kfree_skb, skb.get());
    return -ENETDOWN;
  }
  if (dev->qdisc) return DevXmitSkb(dev, std::move(skb));
  return DevHardStartXmit(std::move(skb)) == NETDEV_TX_OK ? NET_XMIT_SUCCESS : NET_XMIT_DROP;
}

static NetdevTx XmitOne(NetDev* dev, SkbPtr skb) {
  if (!dev->net->taps.empty()) DeliverTaps(*skb, dev, true);  // dev_queue_xmit_nit
  return dev->NdoStartXmit(std::move(skb));
}

// validate_xmit_skb (a GSO packet the device cannot take whole is segmented: skb_gso_segment),
// then dev_hard_start_xmit's xmit_one per packet; a segment the driver refuses stays in
// tx_busy_skb and the ones after it in tx_busy_rest, for the qdisc to requeue
NetdevTx DevHardStartXmit(SkbPtr skb) {
  NetDev* dev = skb->dev;
  if (!SkbIsGso(*skb) || dev->NetifGsoOk()) return XmitOne(dev, std::move(skb));
  std::vector<SkbPtr> segs = SkbGsoSegment(*skb);
  if (segs.empty()) {
    dev->stats.tx_dropped++;
    KFunc(KF_kfree_skb, skb.get());
    return NETDEV_TX_OK;
  }
  KFunc(KF_kfree_skb, skb.get());  // consume_skb of the original
  for (size_t i = 0; i < segs.size(); i++) {
    if (XmitOne(dev, std::move(segs[i])) == NETDEV_TX_BUSY) {
      for (size_t j = i + 1; j < segs.size(); j++) dev->tx_busy_rest.push_back(std::move(segs[j]));
      return NETDEV_TX_BUSY;
    }
  }
  return NETDEV_TX_OK;
}

// __dev_forward_skb + netif_rx: the skb enters dev as if received from a wire
int DevForwardSkb(NetDev* dev, SkbPtr skb) {
  // is_skb_forwardable: a GSO packet passes whatever its length
  if (!(dev->flags & IFF_UP) || (skb->Len() > dev->mtu + ETH_HLEN + 4 /*VLAN_HLEN*/ && !SkbIsGso(*skb))) {
    dev->stats.rx_dropped++;
    return NET_RX_DROP;
  }
  // skb_scrub_packet: a packet crossing namespaces loses its conntrack, mark and route
  if (skb->dev && skb->dev->net != dev->net) {
    skb->mark = 0;
    skb->nfct = nullptr;
    skb->ctinfo = 0;
  }
  skb->dst = Rtable{};
  skb->sk = nullptr;
  skb->bridged = false;  // nf_reset: the br_netfilter state (nf_bridge) is dropped too
  skb->physindev = skb->physoutdev = nullptr;
  skb->protocol = EthTypeTrans(skb.get(), dev);
  return NetifRx(std::move(skb));
}

unsigned DevGetFlags(const NetDev* d) {
  unsigned f = (d->flags & ~(IFF_PROMISC | IFF_ALLMULTI | IFF_RUNNING | IFF_LOWER_UP | IFF_DORMANT)) |
               (d->gflags & (IFF_PROMISC | IFF_ALLMULTI));
  if (d->IsUp()) {
    if (d->operstate == IF_OPER_UP || d->operstate == IF_OPER_UNKNOWN) f |= IFF_RUNNING;
    if (d->carrier) f |= IFF_LOWER_UP;
    if (d->dormant) f |= IFF_DORMANT;
  }
  return f;
}

int DevUcAddExcl(NetDev* dev, const MacAddr& a) {
  for (auto& m : dev->uc)
    if (m == a) return -EEXIST;
  dev->uc.insert(dev->uc.begin(), a);
  return 0;
}

int DevUcDel(NetDev* dev, const MacAddr& a) {
  for (auto it = dev->uc.begin(); it != dev->uc.end(); ++it)
    if (*it == a) {
      dev->uc.erase(it);
      return 0;
    }
  return -ENOENT;
}

bool DevValidName(const std::string& name) {
  if (name.empty() || name.size() >= 16) return false;
  if (name == "." || name == "..") return false;
  // the kernel's isspace (lib/ctype.c): \t \n \v \f \r, ' ' and Latin-1's no-break space 0xa0,
  // the second byte of a UTF-8 'à'
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '/' || c == ':' || c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0) return false;
  }
  return true;
}

int RegisterNetdevice(NetNs* net, ns3::Ptr<NetDev> dev, int want_ifindex) {
  if (!DevValidName(dev->name)) return -EINVAL;
  if (net->DevGetByName(dev->name)) return -EEXIST;
  if (want_ifindex && net->DevGetByIndex(want_ifindex)) return -EBUSY;
  dev->ifindex = net->DevIndexReserve(want_ifindex);
  dev->net = net;
  // linkwatch_init_dev: a device registered without carrier gets its operstate now
  if (!dev->carrier) dev->operstate = DefaultOperstate(dev.operator->());
  net->ListNetdevice(dev);
  dev->reg_state = NetDev::NETREG_REGISTERED;
  CallNetdeviceNotifiers(NETDEV_REGISTER, dev.operator->());
  return 0;
}

void UnregisterNetdevice(NetDev* dev) {
  if (dev->flags & IFF_UP) DevClose(dev);
  dev->reg_state = NetDev::NETREG_UNREGISTERING;
  CallNetdeviceNotifiers(NETDEV_UNREGISTER, dev);
  dev->Uninit();
  LinkwatchForgetDev(dev);
  NetNs* net = dev->net;
  ns3::Ptr<NetDev> keep = net->UnlistNetdevice(dev);
  keep->Dispose();
}

int DevOpen(NetDev* dev) {
  if (dev->flags & IFF_UP) return 0;
  int err = dev->NdoOpen();
  if (err) return err;
  dev->flags |= IFF_UP;
  dev->qdisc_attached = true;  // dev_activate attaches the default qdisc (noqueue here)
  if (dev->qdisc) DevActivate(dev);  // a device with a queue: pfifo_fast, live once it has carrier
  CallNetdeviceNotifiers(NETDEV_UP, dev);
  return 0;
}

int DevClose(NetDev* dev) {
  if (!(dev->flags & IFF_UP)) return 0;
  CallNetdeviceNotifiers(NETDEV_GOING_DOWN, dev);
  if (dev->qdisc) DevDeactivate(dev);
  dev->NdoStop();
  dev->flags &= ~IFF_UP;
  CallNetdeviceNotifiers(NETDEV_DOWN, dev);
  return 0;
}

int DevChangeFlags(NetDev* dev, unsigned flags) {
  if ((flags ^ dev->flags) & IFF_UP) return (flags & IFF_UP) ? DevOpen(dev) : DevClose(dev);
  return 0;
}

int DevChangeName(NetDev* dev, const std::string& newname) {
  if (!DevValidName(newname)) return -EINVAL;
  if (newname == dev->name) return 0;
  if (dev->net->DevGetByName(newname)) return -EEXIST;
  if (dev->flags & IFF_UP) return -EBUSY;
  dev->net->devs.Rename(dev, newname);
  CallNetdeviceNotifiers(NETDEV_CHANGENAME, dev);
  return 0;
}

// dev_change_net_namespace: close, unregister from the old namespace (its routes, addresses and
// neighbours go), keep the ifindex if it is free in the new one, register there.
int DevChangeNetNamespace(NetDev* dev, NetNs* net, const std::string& newname) {
  if (dev->net == net) return 0;
  if (dev->flags & IFF_LOOPBACK) return -EINVAL;  // NETIF_F_NETNS_LOCAL
  std::string name = newname.empty() ? dev->name : newname;
  if (net->DevGetByName(name)) return -EEXIST;
  NetNs* old = dev->net;
  if (dev->flags & IFF_UP) DevClose(dev);
  CallNetdeviceNotifiers(NETDEV_UNREGISTER, dev);
  ns3::Ptr<NetDev> keep = old->UnlistNetdevice(dev);
  dev->uc.clear();  // dev_uc_flush
  dev->name = name;
  dev->qdisc_attached = false;  // dev_shutdown; the new namespace starts it with noop_qdisc
  int want = net->DevGetByIndex(dev->ifindex) ? 0 : dev->ifindex;
  dev->ifindex = net->DevIndexReserve(want);
  dev->net = net;
  net->ListNetdevice(keep);
  CallNetdeviceNotifiers(NETDEV_REGISTER, dev);
  CallNetdeviceNotifiers(NETDEV_CHANGE_NETNS, dev);
  return 0;
}

int DevSetMtu(NetDev* dev, uint32_t mtu) {
  if (mtu < dev->min_mtu || (dev->max_mtu && mtu > dev->max_mtu)) return -EINVAL;  // dev_validate_mtu
  if (mtu == dev->mtu) return 0;
  int err = dev->NdoChangeMtu(mtu);
  if (err) return err;
  CallNetdeviceNotifiers(NETDEV_CHANGEMTU, dev);
  return 0;
}

int DevSetMacAddress(NetDev* dev, const MacAddr& a) {
  if (a.IsMulticast()) return -EADDRNOTAVAIL;  // eth_prepare_mac_addr_change
  int err = dev->NdoSetMacAddress(a);
  if (err) return err;
  dev->addr_assign_type = 3;  // NET_ADDR_SET
  CallNetdeviceNotifiers(NETDEV_CHANGEADDR, dev);
  return 0;
}

void DevSetPromiscuity(NetDev* dev, int inc) {
  dev->promiscuity += inc;
  if (dev->promiscuity > 0) dev->flags |= IFF_PROMISC; else dev->flags &= ~IFF_PROMISC;
}

// default_operstate (net/core/link_watch.c, 6.x): without carrier, a device whose iflink names
// another device *in its own namespace* without carrier is LOWERLAYERDOWN; otherwise DOWN.
OperState DefaultOperstate(const NetDev* dev) {
  if (!dev->carrier) {
    int iflink = dev->NdoGetIflink();
    if (iflink == dev->ifindex) return IF_OPER_DOWN;
    NetDev* peer = dev->net ? dev->net->DevGetByIndex(iflink) : nullptr;
    if (!peer || peer == dev) return IF_OPER_DOWN;
    return peer->carrier ? IF_OPER_DOWN : IF_OPER_LOWERLAYERDOWN;
  }
  if (dev->dormant) return IF_OPER_DORMANT;
  return IF_OPER_UP;
}

// linkwatch runs after the current netlink request; the model queues the device on its machine's
// event list and the command layer calls LinkwatchRunQueue when the request is done.
static void LinkwatchFireEvent(NetDev* dev) {
  auto& v = dev->net->host->linkwatch_events;
  for (NetDev* d : v)
    if (d == dev) return;
  v.push_back(dev);
}

// linkwatch_forget_dev: a device that goes away leaves the list
void LinkwatchForgetDev(NetDev* dev) {
  if (!dev->net) return;
  auto& v = dev->net->host->linkwatch_events;
  v.erase(std::remove(v.begin(), v.end(), dev), v.end());
}

void LinkwatchRunQueue(Host* host) {
  // events fired while the queue runs (a stacked device following its lower one) run too
  while (!host->linkwatch_events.empty()) {
    std::vector<ns3::Ptr<NetDev>> v(host->linkwatch_events.begin(), host->linkwatch_events.end());
    host->linkwatch_events.clear();
    for (auto& d : v) {
      if (!d->net) continue;
      d->operstate = DefaultOperstate(d.operator->());
      // linkwatch_do_dev: a device with a queue gets its qdisc on carrier, noop without
      if (d->qdisc && (d->flags & IFF_UP)) {
        if (d->carrier) DevActivate(d.operator->());
        else DevDeactivate(d.operator->());
      }
      CallNetdeviceNotifiers(NETDEV_CHANGE, d.operator->());
    }
  }
}

void LinkwatchUpdateOperstate(NetDev* dev) { LinkwatchFireEvent(dev); }

void NetifCarrierOn(NetDev* dev) {
  if (dev->carrier) return;
  dev->carrier = true;
  if (dev->ifindex) dev->carrier_up_count++;
  LinkwatchFireEvent(dev);
}

void NetifCarrierOff(NetDev* dev) {
  if (!dev->carrier) return;
  dev->carrier = false;
  if (dev->ifindex) dev->carrier_down_count++;
  LinkwatchFireEvent(dev);
}

}  // namespace linuxnet

namespace linuxnet {

int LinkSetMaster(NetDev* dev, NetDev* master) {
  if (dev->master == master) return 0;
  if (dev->master) {
    int err = dev->master->NdoDelSlave(dev);
    if (err) return err;
  }
  if (master) return master->NdoAddSlave(dev);
  return 0;
}

}  // namespace linuxnet
