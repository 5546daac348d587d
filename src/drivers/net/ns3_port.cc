#include "drivers/net/ns3_port.h"

#include <vector>

#include "drivers/net/tap.h"
#include "ns3/channel.h"
#include "ns3/data-rate.h"
#include "ns3/mac48-address.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/simulator.h"
#include "sim/cpu.h"

namespace linuxnet {

namespace {
// what the device reports when it is done with a frame: sent, or dropped
constexpr const char* kTxTraces[] = {"PhyTxEnd", "PhyTxDrop", "MacTxDrop"};
// the device's Node has no stack (a free function: the device may outlive the port)
bool NoStack(ns3::Ptr<ns3::NetDevice>, ns3::Ptr<const ns3::Packet>, uint16_t, const ns3::Address&) { return true; }
MacAddr FromNs3(const ns3::Address& a) {
  MacAddr m;
  if (ns3::Mac48Address::IsMatchingType(a)) ns3::Mac48Address::ConvertFrom(a).CopyTo(m.b);
  return m;
}
ns3::Mac48Address ToNs3(const MacAddr& m) {
  ns3::Mac48Address a;
  a.CopyFrom(m.b);
  return a;
}
}  // namespace

Ns3Port::Ns3Port(ns3::Ptr<ns3::NetDevice> device) : dev_(device) {
  p2p_ = ns3::DynamicCast<ns3::PointToPointNetDevice>(device) != nullptr;
  // the line rate: the point-to-point device's, the CSMA channel's
  ns3::DataRateValue rate;
  if (!dev_->GetAttributeFailSafe("DataRate", rate) && dev_->GetChannel())
    dev_->GetChannel()->GetAttributeFailSafe("DataRate", rate);
  rate_bps_ = rate.Get().GetBitRate();
  // the Node runs no stack: everything goes to the e1000 through the promiscuous hook
  dev_->SetReceiveCallback(ns3::MakeCallback(&NoStack));
  dev_->SetPromiscReceiveCallback(ns3::MakeCallback(&Ns3Port::Receive, this));
  for (const char* t : kTxTraces) dev_->TraceConnectWithoutContext(t, ns3::MakeCallback(&Ns3Port::Sent, this));
}

// the device may outlive the port (its channel is the caller's): nothing of it points here after
Ns3Port::~Ns3Port() {
  start_.Cancel();
  for (const char* t : kTxTraces) dev_->TraceDisconnectWithoutContext(t, ns3::MakeCallback(&Ns3Port::Sent, this));
  dev_->SetPromiscReceiveCallback(ns3::NetDevice::PromiscReceiveCallback());
}

void Ns3Port::Attach(int, WirePort* port) { port_ = port; }
void Ns3Port::Detach(int) {
  port_ = nullptr;
  txq_.clear();
}
bool Ns3Port::LinkUp() const { return port_ && port_->WirePhyUp() && dev_->IsLinkUp(); }
void Ns3Port::PhyChanged(int) {
  if (port_) port_->WireLinkChange();
}

int64_t Ns3Port::Transmit(int, SkbPtr frame, int64_t at_ps) {
  txq_.push_back(std::move(frame));
  if (txq_.size() == 1 && !on_device_) start_ = ns3::Simulator::Schedule(Until(at_ps), [this] { StartNext(); });
  return kTxPending;
}

void Ns3Port::StartNext() {
  while (!txq_.empty()) {
    const SkBuff& f = *txq_.front();
    std::vector<uint8_t> bytes = SkbFrameBytes(f);
    ns3::Ptr<ns3::Packet> p = ns3::Create<ns3::Packet>(bytes.data() + ETH_HLEN, static_cast<uint32_t>(bytes.size() - ETH_HLEN));
    const uint16_t proto = f.eth.h_proto;
    bool ok;
    if (p2p_) ok = (proto == ETH_P_IP || proto == 0x86dd) && dev_->Send(p, dev_->GetBroadcast(), proto);
    else ok = dev_->SendFrom(p, ToNs3(f.eth.h_source), ToNs3(f.eth.h_dest), proto);
    if (ok) {
      on_device_ = true;
      return;
    }
    // not carried: the frame is gone, its descriptor done
    dropped_++;
    txq_.pop_front();
    if (port_) port_->WireTxDone();
  }
}

void Ns3Port::Sent(ns3::Ptr<const ns3::Packet>) {
  if (!on_device_ || txq_.empty()) return;
  on_device_ = false;
  txq_.pop_front();
  if (port_) port_->WireTxDone();
  // the next one after the device has finished its own bookkeeping for this one
  if (!txq_.empty()) start_ = ns3::Simulator::ScheduleNow([this] { StartNext(); });
}

bool Ns3Port::Receive(ns3::Ptr<ns3::NetDevice>, ns3::Ptr<const ns3::Packet> p, uint16_t protocol,
                      const ns3::Address& from, const ns3::Address& to, ns3::NetDevice::PacketType) {
  if (!port_) return true;
  std::vector<uint8_t> frame(ETH_HLEN + p->GetSize());
  MacAddr dst = FromNs3(to), src = FromNs3(from);
  std::copy(dst.b, dst.b + 6, frame.begin());
  std::copy(src.b, src.b + 6, frame.begin() + 6);
  frame[12] = static_cast<uint8_t>(protocol >> 8);
  frame[13] = static_cast<uint8_t>(protocol);
  p->CopyData(frame.data() + ETH_HLEN, p->GetSize());
  if (SkbPtr skb = SkbFromFrameBytes(nullptr, frame)) port_->WireReceive(std::move(skb));
  return true;
}

}  // namespace linuxnet
