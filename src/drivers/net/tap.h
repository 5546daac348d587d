// drivers/net/tap.c: the character-device side shared by macvtap and ipvtap. A device with a
// tap_dev has tap_handle_frame as its own rx_handler: while a process holds a queue open
// (/dev/tapN), every frame the device receives is put on that queue's ring (tx_queue_len slots,
// sized when the queue is opened) for the process to read, and a full ring drops the frame and
// counts it on the device (count_rx_dropped). With no queue open, frames pass to the device's own
// stack. What the process writes is sent out by dev_queue_xmit on the device (tap_get_user).
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "net/core/netdevice.h"

namespace linuxnet {

struct TapDev;

// struct tap_queue: one open file of /dev/tapN
struct TapQueue {
  TapDev* tap = nullptr;          // q->tap, null once the device is gone
  std::deque<SkbPtr> ring;        // q->ring (ptr_ring)
  size_t ring_size = 0;
  bool enabled = false;
  uint64_t read_frames = 0, written_frames = 0;
};

// struct tap_dev
struct TapDev {
  NetDev* dev = nullptr;
  std::vector<std::shared_ptr<TapQueue>> taps;        // enabled queues, by queue_index
  std::vector<std::shared_ptr<TapQueue>> queue_list;  // every attached queue
  void (*count_rx_dropped)(TapDev* tap) = nullptr;
  void (*count_tx_dropped)(TapDev* tap) = nullptr;
};

constexpr uint32_t TUN_READQ_SIZE = 500;  // the tap devices' default tx_queue_len
constexpr size_t MAX_TAP_QUEUES = 256;

RxHandlerResult TapHandleFrame(SkbPtr* pskb);                 // tap_handle_frame
// The tap half of macvtap_newlink / ipvtap_newlink: a queue of TUN_READQ_SIZE with the device's
// drop counters, and tap_handle_frame as the device's rx_handler. Returns 0 or -errno.
int TapNewlinkSetup(NetDev* dev, TapDev* tap, void (*count_rx_dropped)(TapDev*), void (*count_tx_dropped)(TapDev*));
TapDev* TapDevGet(NetDev* dev);                               // the tap_dev of a macvtap/ipvtap
std::shared_ptr<TapQueue> TapOpen(TapDev* tap, int* err);     // tap_open (+ tap_set_queue)
void TapRelease(const std::shared_ptr<TapQueue>& q);          // tap_release → tap_put_queue
SkbPtr TapDoRead(TapQueue* q);                                // tap_do_read, one frame or null
// a frame's bytes as an skb on `host` (the IPv4 header parsed), nullptr when too short
SkbPtr SkbFromFrameBytes(Host* host, const std::vector<uint8_t>& frame);
int TapGetUser(TapQueue* q, const std::vector<uint8_t>& frame);  // tap_get_user: 0 or -errno
void TapDelQueues(TapDev* tap);                               // tap_del_queues

// The bytes of a frame as a process reading the tap file gets them (no vnet header)
std::vector<uint8_t> SkbFrameBytes(const SkBuff& skb);

// macvtap_newlink: a macvlan whose frames go to the tap queues (drivers/net/macvtap.c)
struct MacvlanParams;
int MacvtapNewlink(NetNs* net, NetDev* lower, const MacvlanParams& p);

}  // namespace linuxnet
