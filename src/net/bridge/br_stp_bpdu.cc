// net/bridge/br_stp_bpdu.c: configuration and TCN BPDUs, built as the kernel builds them (an LLC UI
// header, SAP 0x42, then the 802.1D BPDU, to 01:80:c2:00:00:00 with the length in the Ethernet type
// field) and received through the LLC layer (net/llc/llc_input.c llc_rcv -> net/802/stp.c
// stp_pdu_rcv -> br_stp_rcv).
#include <vector>

#include "net/bridge/br_private.h"
#include "net/core/dev.h"
#include "net/netfilter/core.h"
#include "ns3/simulator.h"
#include "sim/host.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

static constexpr uint16_t ETH_P_802_2 = 0x0004;
static constexpr uint8_t LLC_SAP_BSPAN = 0x42;
static constexpr uint8_t LLC_PDU_UI_CMD = 0x03;
static const ns3::Time kJiffy = ns3::MilliSeconds(4);  // HZ 250
static constexpr int64_t STP_HZ = 256, HZ = 250;

// br_send_bpdu_finish
static int BrSendBpduFinish(NetNs*, SkbPtr skb) { return DevQueueXmit(std::move(skb)); }

// br_send_bpdu: LLC header (llc_pdu_header_init, llc_pdu_init_as_ui_cmd), MAC header
// (llc_mac_hdr_init: the length in h_proto), then NF_BR_LOCAL_OUT and dev_queue_xmit
static void BrSendBpdu(NetBridgePort* p, const uint8_t* data, uint32_t length) {
  std::vector<uint8_t> buf(3 + length);
  buf[0] = LLC_SAP_BSPAN;  // dsap
  buf[1] = LLC_SAP_BSPAN;  // ssap
  buf[2] = LLC_PDU_UI_CMD;
  for (uint32_t i = 0; i < length; i++) buf[3 + i] = data[i];
  SkbPtr skb = AllocSkb(p->br->net->host, ns3::Create<ns3::Packet>(buf.data(), static_cast<uint32_t>(buf.size())));
  NetDev* dev = p->dev.operator->();
  skb->dev = dev;
  skb->protocol = ETH_P_802_2;
  KFunc(KF_br_send_bpdu, skb.get());
  EthHeader(skb.get(), dev, static_cast<uint16_t>(buf.size()), p->br->group_addr, &dev->dev_addr);
  NfHook(NF_FAM_BRIDGE, NF_BR_LOCAL_OUT, dev->net, std::move(skb), nullptr, dev, &BrSendBpduFinish);
}

// br_set_ticks: jiffies to 1/256 s
static void BrSetTicks(uint8_t* dest, ns3::Time t) {
  int64_t j = t.GetNanoSeconds() / kJiffy.GetNanoSeconds();
  uint64_t ticks = static_cast<uint64_t>(STP_HZ * j / HZ);
  dest[0] = static_cast<uint8_t>(ticks >> 8);
  dest[1] = static_cast<uint8_t>(ticks);
}

// br_get_ticks: 1/256 s to jiffies, rounded up
static ns3::Time BrGetTicks(const uint8_t* src) {
  int64_t ticks = (src[0] << 8) | src[1];
  return kJiffy * ((ticks * HZ + STP_HZ - 1) / STP_HZ);
}

static void PutBridgeId(uint8_t* b, const BridgeId& id) {
  b[0] = id.prio[0];
  b[1] = id.prio[1];
  for (int i = 0; i < 6; i++) b[2 + i] = id.addr.b[i];
}

static BridgeId GetBridgeId(const uint8_t* b) {
  BridgeId id;
  id.prio[0] = b[0];
  id.prio[1] = b[1];
  for (int i = 0; i < 6; i++) id.addr.b[i] = b[2 + i];
  return id;
}

// br_send_config_bpdu: 35 bytes
void BrSendConfigBpdu(NetBridgePort* p, const BrConfigBpdu& bpdu) {
  if (p->br->stp_enabled != BR_KERNEL_STP) return;
  uint8_t buf[35] = {};
  buf[3] = BPDU_TYPE_CONFIG;
  buf[4] = static_cast<uint8_t>((bpdu.topology_change ? 0x01 : 0) | (bpdu.topology_change_ack ? 0x80 : 0));
  PutBridgeId(buf + 5, bpdu.root);
  buf[13] = static_cast<uint8_t>(bpdu.root_path_cost >> 24);
  buf[14] = static_cast<uint8_t>(bpdu.root_path_cost >> 16);
  buf[15] = static_cast<uint8_t>(bpdu.root_path_cost >> 8);
  buf[16] = static_cast<uint8_t>(bpdu.root_path_cost);
  PutBridgeId(buf + 17, bpdu.bridge_id);
  buf[25] = static_cast<uint8_t>(bpdu.port_id >> 8);
  buf[26] = static_cast<uint8_t>(bpdu.port_id);
  BrSetTicks(buf + 27, bpdu.message_age);
  BrSetTicks(buf + 29, bpdu.max_age);
  BrSetTicks(buf + 31, bpdu.hello_time);
  BrSetTicks(buf + 33, bpdu.forward_delay);
  BrSendBpdu(p, buf, 35);
}

// br_send_tcn_bpdu: 4 bytes
void BrSendTcnBpdu(NetBridgePort* p) {
  if (p->br->stp_enabled != BR_KERNEL_STP) return;
  uint8_t buf[4] = {0, 0, 0, BPDU_TYPE_TCN};
  BrSendBpdu(p, buf, 4);
}

// br_stp_rcv: a BPDU (LLC header already pulled) on a bridge port
void BrStpRcv(SkbPtr skb, NetDev* dev) {
  KFunc(KF_br_stp_rcv, skb.get());
  NetBridgePort* p = BrPortGet(dev);
  if (!p) return;  // err: kfree_skb
  uint32_t len = skb->data->GetSize();
  if (len < 4) return;  // pskb_may_pull(skb, 4)
  std::vector<uint8_t> buf(len);
  skb->data->CopyData(buf.data(), len);
  if (buf[0] != 0 || buf[1] != 0 || buf[2] != 0) return;  // protocol id and version
  BridgeDev* br = p->br;
  if (br->stp_enabled != BR_KERNEL_STP) return;
  if (!(br->flags & IFF_UP)) return;
  if (p->state == BR_STATE_DISABLED) return;
  if (!(skb->eth.h_dest == br->group_addr)) return;
  if (p->flags & BR_BPDU_GUARD) {  // "BPDU received on blocked port"
    BrStpDisablePort(p);
    LinkwatchRunQueue(br->net->host);
    return;
  }
  const uint8_t* b = buf.data() + 3;  // skb_pull(skb, 3)
  if (b[0] == BPDU_TYPE_CONFIG) {
    if (len < 3 + 32) return;  // pskb_may_pull(skb, 32)
    BrConfigBpdu bpdu;
    bpdu.topology_change = (b[1] & 0x01) != 0;
    bpdu.topology_change_ack = (b[1] & 0x80) != 0;
    bpdu.root = GetBridgeId(b + 2);
    bpdu.root_path_cost = (uint32_t(b[10]) << 24) | (uint32_t(b[11]) << 16) | (uint32_t(b[12]) << 8) | b[13];
    bpdu.bridge_id = GetBridgeId(b + 14);
    bpdu.port_id = static_cast<uint16_t>((b[22] << 8) | b[23]);
    bpdu.message_age = BrGetTicks(b + 24);
    bpdu.max_age = BrGetTicks(b + 26);
    bpdu.hello_time = BrGetTicks(b + 28);
    bpdu.forward_delay = BrGetTicks(b + 30);
    if (bpdu.message_age > bpdu.max_age) return;  // "config from ... (message_age > max_age)"
    BrReceivedConfigBpdu(p, bpdu);
  } else if (b[0] == BPDU_TYPE_TCN) {
    BrReceivedTcnBpdu(p);
  }
  LinkwatchRunQueue(br->net->host);  // carrier changes of the bridge, outside any request
}

// llc_rcv (net/llc/llc_input.c) with the SAP stp_proto_register opened (net/802/stp.c
// stp_pdu_rcv): frames to SAP 0x42 go to br_stp_rcv, every other LLC frame is freed
static int LlcRcv(SkbPtr skb, NetDev* dev, NetDev*) {
  KFunc(KF_llc_rcv, skb.get());
  if (skb->pkt_type == PACKET_OTHERHOST) return NET_RX_DROP;
  if (skb->data->GetSize() < 3) return NET_RX_DROP;
  uint8_t llc[3];
  skb->data->CopyData(llc, 3);
  if (llc[0] != LLC_SAP_BSPAN || llc[2] != LLC_PDU_UI_CMD) return NET_RX_DROP;  // llc_sap_find
  skb->data->RemoveAtStart(3);  // skb_pull(skb, llc_len)
  BrStpRcv(std::move(skb), dev);
  return NET_RX_SUCCESS;
}

namespace {
// llc_init / stp_proto_register: the 802.2 packet type is there as soon as the bridge module is
const struct Registrar {
  Registrar() { DevAddPack(ETH_P_802_2, &LlcRcv); }
} registrar;
}  // namespace

}  // namespace linuxnet
