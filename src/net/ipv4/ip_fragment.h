// The fragment reassembly queues of a namespace (struct netns_frags / inet_frag_queue)
#pragma once
#include <map>
#include <tuple>

#include "ns3/event-id.h"
#include "ns3/packet.h"
#include "sim/skbuff.h"

namespace linuxnet {

struct IpFragQueue {
  std::map<uint32_t, std::pair<ns3::Ptr<ns3::Packet>, bool>> frags;  // offset → (data, more fragments)
  uint32_t len = 0;    // total payload length, once the last fragment is seen
  uint32_t meat = 0;   // bytes received
  uint32_t truesize = 0;  // the fragments' skb->truesize, summed
  bool have_first = false, have_last = false;
  SkbPtr first;        // the fragment at offset 0: its header and metadata become the packet's
  ns3::EventId timer;  // ip_expire after ipfrag_time (30 s)
};

struct IpFragQueues {
  std::map<std::tuple<uint32_t, uint32_t, uint16_t, uint8_t>, IpFragQueue> q;
  ~IpFragQueues() {
    for (auto& e : q) e.second.timer.Cancel();
  }
};

}  // namespace linuxnet
