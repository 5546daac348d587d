// drivers/net/tap.c: the queue side of macvtap/ipvtap (see tap.h)
#include "sim/host.h"
#include "drivers/net/tap.h"

#include <algorithm>
#include <cerrno>

#include "net/core/dev.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

// tap_dev_get_rcu: the tap_dev is the rx_handler_data of a device whose handler is ours
TapDev* TapDevGet(NetDev* dev) {
  if (!dev || dev->rx_handler != &TapHandleFrame) return nullptr;
  return static_cast<TapDev*>(dev->rx_handler_data);
}

// tap_get_queue: one queue takes everything; with several, the flow hash picks one
static TapQueue* TapGetQueue(TapDev* tap, const SkBuff& skb) {
  size_t n = tap->taps.size();
  if (!n) return nullptr;
  if (n == 1) return tap->taps[0].get();
  uint32_t h = 0;
  if (skb.protocol == ETH_P_IP) h = (skb.iph.saddr * 2654435761u) ^ (skb.iph.daddr * 40503u) ^ skb.iph.protocol;
  return tap->taps[h % n].get();
}

// tap_handle_frame
RxHandlerResult TapHandleFrame(SkbPtr* pskb) {
  KFunc(KF_tap_handle_frame, pskb->get());
  SkBuff* skb = pskb->get();
  TapDev* tap = static_cast<TapDev*>(skb->dev->rx_handler_data);
  if (!tap) return RX_HANDLER_PASS;
  TapQueue* q = TapGetQueue(tap, *skb);
  if (!q) return RX_HANDLER_PASS;  // no process has the device open: its own stack gets it
  skb->PushMac();                   // skb_push(skb, ETH_HLEN)
  if (q->ring.size() >= q->ring_size) {  // ptr_ring_produce fails on a full ring
    if (tap->count_rx_dropped) tap->count_rx_dropped(tap);
    pskb->reset();  // kfree_skb
    return RX_HANDLER_CONSUMED;
  }
  q->ring.push_back(std::move(*pskb));
  return RX_HANDLER_CONSUMED;  // wake_up_interruptible_poll
}

// tap_open + tap_set_queue: the ring has tx_queue_len slots from now on
std::shared_ptr<TapQueue> TapOpen(TapDev* tap, int* err) {
  *err = 0;
  if (!tap || !tap->dev) {
    *err = -ENODEV;
    return nullptr;
  }
  if (tap->queue_list.size() >= MAX_TAP_QUEUES) {
    *err = -EBUSY;
    return nullptr;
  }
  auto q = std::make_shared<TapQueue>();
  q->tap = tap;
  q->ring_size = tap->dev->tx_queue_len;
  q->enabled = true;
  tap->taps.push_back(q);
  tap->queue_list.push_back(q);
  return q;
}

// tap_release → tap_put_queue: the queue leaves the device; what it held is freed
void TapRelease(const std::shared_ptr<TapQueue>& q) {
  if (TapDev* tap = q->tap) {
    auto drop = [&](std::vector<std::shared_ptr<TapQueue>>& v) { v.erase(std::remove(v.begin(), v.end(), q), v.end()); };
    drop(tap->taps);
    drop(tap->queue_list);
    q->tap = nullptr;
  }
  q->enabled = false;
  q->ring.clear();
}

// tap_do_read (non-blocking): the oldest frame on the ring
SkbPtr TapDoRead(TapQueue* q) {
  if (q->ring.empty()) return nullptr;
  SkbPtr skb = std::move(q->ring.front());
  q->ring.pop_front();
  q->read_frames++;
  return skb;
}

std::vector<uint8_t> SkbFrameBytes(const SkBuff& skb) {
  std::vector<uint8_t> out(ETH_HLEN);
  std::copy(skb.eth.h_dest.b, skb.eth.h_dest.b + 6, out.begin());
  std::copy(skb.eth.h_source.b, skb.eth.h_source.b + 6, out.begin() + 6);
  out[12] = static_cast<uint8_t>(skb.eth.h_proto >> 8);
  out[13] = static_cast<uint8_t>(skb.eth.h_proto & 255);
  if (skb.in_data & SkBuff::HDR_NET) {
    uint8_t ip[20];
    skb.iph.Write(ip);
    out.insert(out.end(), ip, ip + 20);
  }
  uint32_t n = skb.data->GetSize();
  size_t at = out.size();
  out.resize(at + n);
  if (n) skb.data->CopyData(out.data() + at, n);
  return out;
}

// tap_get_user: a frame the process wrote leaves through the device (dev_queue_xmit)
SkbPtr SkbFromFrameBytes(Host* host, const std::vector<uint8_t>& frame) {
  if (frame.size() < ETH_HLEN) return nullptr;
  SkbPtr skb = AllocSkb(host, nullptr);
  std::copy(frame.begin(), frame.begin() + 6, skb->eth.h_dest.b);
  std::copy(frame.begin() + 6, frame.begin() + 12, skb->eth.h_source.b);
  skb->eth.h_proto = static_cast<uint16_t>((frame[12] << 8) | frame[13]);
  skb->protocol = skb->eth.h_proto;
  skb->mac_valid = true;
  size_t off = ETH_HLEN;
  if (skb->protocol == ETH_P_IP && skb->iph.Read(frame.data() + off, static_cast<uint32_t>(frame.size() - off))) {
    off += skb->iph.ihl * 4u;
    if (off > frame.size()) return nullptr;
    skb->PushNet();
  }
  skb->data = ns3::Create<ns3::Packet>(frame.data() + off, static_cast<uint32_t>(frame.size() - off));
  skb->PushMac();
  return skb;
}

int TapGetUser(TapQueue* q, const std::vector<uint8_t>& frame) {
  // the skb is allocated on the machine the device is on (none once the device is gone)
  SkbPtr skb = SkbFromFrameBytes(q->tap && q->tap->dev->net ? q->tap->dev->net->host : nullptr, frame);
  if (!skb) return -EINVAL;
  TapDev* tap = q->tap;
  if (!tap) return 0;  // the device is gone: kfree_skb, the write itself succeeds
  skb->dev = tap->dev;
  q->written_frames++;
  DevQueueXmit(std::move(skb));
  return 0;
}

// tap_del_queues: the device goes away; open files keep their (now detached) queues
void TapDelQueues(TapDev* tap) {
  for (auto& q : tap->queue_list) {
    q->tap = nullptr;
    q->enabled = false;
  }
  tap->queue_list.clear();
  tap->taps.clear();
}

int TapNewlinkSetup(NetDev* dev, TapDev* tap, void (*count_rx_dropped)(TapDev*), void (*count_tx_dropped)(TapDev*)) {
  dev->priv_flags &= ~IFF_NO_QUEUE;
  dev->tx_queue_len = TUN_READQ_SIZE;
  tap->dev = dev;
  tap->count_rx_dropped = count_rx_dropped;
  tap->count_tx_dropped = count_tx_dropped;
  return NetdevRxHandlerRegister(dev, &TapHandleFrame, tap);
}

}  // namespace linuxnet
