// linuxnet-tap: the "process" side of a macvtap/ipvtap device (its /dev/tapN file), for scenarios.
//
//   linuxnet-tap open DEV        open a queue on DEV (tap_open), like `exec 3<>/dev/tapN`; from now
//                                on every frame DEV receives goes to the queue, not to DEV's stack.
//                                The queue has tx_queue_len slots, fixed when it is opened.
//   linuxnet-tap read DEV [N]    read up to N frames (default 1), oldest first, one line each:
//                                "LEN HEX" (the frame from its Ethernet header on, no vnet header,
//                                as if the file had IFF_VNET_HDR off). Nothing to read: prints
//                                "linuxnet-tap: read: Resource temporarily unavailable", exit 1.
//   linuxnet-tap write DEV HEX   write one frame (tap_get_user): it is sent by dev_queue_xmit on DEV.
//   linuxnet-tap stats DEV       "queues Q qlen L size S read R written W rx_dropped D tx_dropped T":
//                                the open queue's length and size, and the device's drop counters
//                                as the kernel counts them (a full queue counts an rx error, which
//                                `ip -s link` shows as dropped).
//   linuxnet-tap close DEV       close the queue (tap_release); frames go to DEV's stack again.
//
// DEV is looked up in the namespace the command runs in (`ip netns exec NS linuxnet-tap ...`).
// One queue per device per simulation (one process holding the file open).
#include <cerrno>
#include <cstdio>
#include <map>

#include "cli/cmd.h"
#include "drivers/net/tap.h"
#include "net/core/net_namespace.h"

namespace linuxnet {
namespace {

using Open = Userland::TapFile;

int Fail(CmdCtx& ctx, const std::string& msg) {
  ctx.Err("linuxnet-tap: " + msg + "\n");
  return 1;
}

bool ParseHex(const std::string& s, std::vector<uint8_t>* out) {
  std::string h;
  for (char c : s)
    if (c != ':' && c != ' ') h += c;
  if (h.size() % 2) return false;
  for (size_t i = 0; i < h.size(); i += 2) {
    char* end = nullptr;
    std::string b = h.substr(i, 2);
    unsigned long v = std::strtoul(b.c_str(), &end, 16);
    if (*end) return false;
    out->push_back(static_cast<uint8_t>(v));
  }
  return true;
}

int CmdTap(CmdCtx& ctx, const std::vector<std::string>& argv) {
  if (argv.size() < 3) return Fail(ctx, "usage: linuxnet-tap open|read|write|stats|close DEV [ARG]");
  const std::string& op = argv[1];
  NetDev* dev = ctx.net->DevGetByName(argv[2]);
  if (!dev) return Fail(ctx, "cannot find device \"" + argv[2] + "\"");
  TapDev* tap = TapDevGet(dev);
  if (!tap) return Fail(ctx, argv[2] + ": not a macvtap or ipvtap device");
  auto it = ctx.user->tap_files.find(dev);
  if (it != ctx.user->tap_files.end() && it->second.dev.operator->() != dev) it = ctx.user->tap_files.end();
  if (op == "open") {
    if (it != ctx.user->tap_files.end() && it->second.q->tap) return Fail(ctx, argv[2] + ": already open");
    int err = 0;
    auto q = TapOpen(tap, &err);
    if (!q) return Fail(ctx, "open: " + std::string(err == -EBUSY ? "Device or resource busy" : "No such device"));
    ctx.user->tap_files[dev] = Open{dev, q};
    return 0;
  }
  if (it == ctx.user->tap_files.end()) return Fail(ctx, argv[2] + ": no queue open");
  TapQueue* q = it->second.q.get();
  if (op == "close") {
    TapRelease(it->second.q);
    ctx.user->tap_files.erase(it);
    return 0;
  }
  if (op == "read") {
    long n = argv.size() > 3 ? std::strtol(argv[3].c_str(), nullptr, 10) : 1;
    long got = 0;
    for (; got < n; got++) {
      SkbPtr skb = TapDoRead(q);
      if (!skb) break;
      std::vector<uint8_t> f = SkbFrameBytes(*skb);
      std::string line = std::to_string(f.size()) + " ";
      char b[3];
      for (uint8_t c : f) {
        std::snprintf(b, sizeof b, "%02x", c);
        line += b;
      }
      ctx.Out(line + "\n");
    }
    if (!got) return Fail(ctx, "read: Resource temporarily unavailable");
    return 0;
  }
  if (op == "write") {
    std::vector<uint8_t> f;
    if (argv.size() < 4 || !ParseHex(argv[3], &f)) return Fail(ctx, "write: bad hex frame");
    int err = TapGetUser(q, f);
    if (err) return Fail(ctx, "write: Invalid argument");
    return 0;
  }
  if (op == "stats") {
    LinkStats s = dev->GetStats64();
    ctx.Out("queues " + std::to_string(tap->taps.size()) + " qlen " + std::to_string(q->ring.size()) + " size " +
            std::to_string(q->ring_size) + " read " + std::to_string(q->read_frames) + " written " +
            std::to_string(q->written_frames) + " rx_dropped " + std::to_string(s.rx_dropped) + " tx_dropped " +
            std::to_string(s.tx_dropped) + "\n");
    return 0;
  }
  return Fail(ctx, "unknown operation \"" + op + "\"");
}

struct Registrar {
  Registrar() { RegisterCommand("linuxnet-tap", &CmdTap); }
} registrar;

}  // namespace
}  // namespace linuxnet
