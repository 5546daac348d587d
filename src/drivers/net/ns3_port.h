// An e1000's PHY on an ns-3 channel, so that a linuxnet machine sits in an ns-3 topology beside
// ns-3's own nodes: the PHY is an ns-3 NetDevice of a Node of its own (a CsmaNetDevice on a
// CsmaChannel, or a PointToPointNetDevice on a PointToPointChannel). The e1000's transmit unit
// hands it one frame at a time, the next when the device reports the last one sent (its
// PhyTxEnd, or a drop), so the descriptors are written back when ns-3's channel has carried the
// frame; what the device receives reaches the e1000's MAC (its address filter, its ring).
// A point-to-point link carries PPP, which has no MAC addresses and only IPv4 and IPv6: frames
// of another type (ARP) are dropped at the PHY (`dropped()`), a frame from the peer arrives
// addressed to the e1000, from the peer device's address. Nothing here is kernel code.
#pragma once
#include <cstdint>
#include <deque>

#include "drivers/net/wire.h"
#include "ns3/event-id.h"
#include "ns3/net-device.h"

namespace linuxnet {

class Ns3Port : public Link {
 public:
  // `device` is attached to its channel and installed on a Node that runs nothing else
  explicit Ns3Port(ns3::Ptr<ns3::NetDevice> device);
  ~Ns3Port() override;
  void Attach(int end, WirePort* port) override;
  void Detach(int end) override;
  uint64_t rate_bps() const override { return rate_bps_; }
  bool LinkUp() const override;
  void PhyChanged(int end) override;
  int64_t Transmit(int end, SkbPtr frame, int64_t at_ps) override;
  ns3::Ptr<ns3::NetDevice> device() const { return dev_; }
  uint64_t dropped() const { return dropped_; }  // frames the channel could not carry

 private:
  void StartNext();  // the head frame goes to the device
  void Sent(ns3::Ptr<const ns3::Packet>);  // the device is done with the head frame (sent or dropped)
  bool Receive(ns3::Ptr<ns3::NetDevice>, ns3::Ptr<const ns3::Packet> p, uint16_t protocol, const ns3::Address& from,
               const ns3::Address& to, ns3::NetDevice::PacketType type);
  ns3::Ptr<ns3::NetDevice> dev_;
  bool p2p_ = false;
  uint64_t rate_bps_ = 0;
  WirePort* port_ = nullptr;
  std::deque<SkbPtr> txq_;  // given by the transmit unit, the head on the device
  bool on_device_ = false;
  ns3::EventId start_;
  uint64_t dropped_ = 0;
};

}  // namespace linuxnet
