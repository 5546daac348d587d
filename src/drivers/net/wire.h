// The cable between two machines' NICs (what a PHY pair and a full-duplex Ethernet link do): each
// direction serializes one frame at a time at the line rate, with the preamble, start delimiter,
// FCS and inter-frame gap counted and short frames padded to 64 bytes, then the frame reaches the
// other end a propagation delay later, unless the wire's loss drops it. Nothing here is kernel
// code: it is the hardware between two Hosts' drivers (drivers/net/e1000 on each end).
#pragma once
#include <cstdint>
#include <deque>
#include <random>

#include "sim/skbuff.h"

namespace linuxnet {

// An end of a wire: the NIC that receives what the other end sends
class WirePort {
 public:
  // the last bit of `frame` has arrived (the receiving MAC's job starts here)
  virtual void WireReceive(SkbPtr frame) = 0;
  // the PHY of the other end came up or went down (link partner present)
  virtual void WireLinkChange() = 0;
  virtual bool WirePhyUp() const = 0;  // this end's PHY is powered (its device is up)
  // a frame Transmit answered kTxPending for has left (the medium's transmitter is done with it),
  // in the order they were given
  virtual void WireTxDone() {}

 protected:
  ~WirePort() = default;
};

// What a NIC's MAC sends into: a Wire to another machine's NIC, or an ns-3 channel
// (drivers/net/ns3_port.h)
class Link {
 public:
  static constexpr int64_t kTxPending = INT64_MAX;  // Transmit: the medium reports the end later
  virtual ~Link() = default;
  virtual void Attach(int end, WirePort* port) = 0;
  virtual void Detach(int end) = 0;
  virtual uint64_t rate_bps() const = 0;
  virtual bool LinkUp() const = 0;       // both ends up: the link the ends see
  virtual void PhyChanged(int end) = 0;  // an end's PHY went up or down: the other end hears of it
  // The frame starts leaving `end` at `at_ps` at the earliest; returns the moment its last bit has
  // left, or kTxPending when the medium calls the port's WireTxDone then
  virtual int64_t Transmit(int end, SkbPtr frame, int64_t at_ps) = 0;
};

class Wire : public Link {
 public:
  // rate in bit/s, delay in ps, loss a probability in [0, 1]
  Wire(uint64_t rate_bps, int64_t delay_ps, double loss, uint32_t seed);
  void Attach(int end, WirePort* port) override;
  void Detach(int end) override;
  WirePort* port(int end) const { return ports_[end]; }
  uint64_t rate_bps() const override { return rate_bps_; }
  int64_t delay_ps() const { return delay_ps_; }
  double loss() const { return loss_; }
  bool LinkUp() const override;
  void PhyChanged(int end) override;

  // Bytes a frame of `len` bytes (destination MAC to payload, no FCS) takes on the wire:
  // padding to 60, FCS 4, preamble and SFD 8, inter-frame gap 12
  static uint32_t WireBytes(uint32_t len);
  // The frame starts leaving `end` when that direction is free, at `at_ps` at the earliest; returns
  // the moment its last bit has left. It is handed to the other end `delay` after that.
  int64_t Transmit(int end, SkbPtr frame, int64_t at_ps) override;
  int64_t busy_until_ps(int end) const { return busy_until_ps_[end]; }
  uint64_t lost() const { return lost_; }

 private:
  uint64_t rate_bps_;
  int64_t delay_ps_;
  double loss_;
  std::mt19937 rng_;
  WirePort* ports_[2] = {nullptr, nullptr};
  int64_t busy_until_ps_[2] = {0, 0};
  uint64_t lost_ = 0;
  std::deque<SkbPtr> inflight_[2];
};

}  // namespace linuxnet
