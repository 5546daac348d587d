// The TCP bind hash's conflict test (net/ipv4/inet_connection_sock.c, v5.3: inet_csk_get_port →
// inet_csk_bind_conflict) for the sockets linuxnet's tools open on ns-3's TCP. ns-3's own check
// (Ipv4EndPointDemux::Allocate) lets a wildcard bind take a port that a connected socket or one in
// TIME_WAIT holds on a specific address, and a connect from it then makes a second endpoint with
// the same four-tuple, on which ns-3 aborts ("Too many endpoints"). The kernel refuses that bind:
// two sockets on one port conflict when their addresses overlap (equal, or either one the
// wildcard) unless both set SO_REUSEADDR and the older one is not listening.
#pragma once
#include <cstdint>
#include <vector>

#include "ns3/ptr.h"
#include "ns3/socket.h"

namespace linuxnet {

class NetNs;

struct InetBindHash {
  struct Entry {
    ns3::Ptr<ns3::Socket> sk;
    bool reuse = false;   // sk_reuse (SO_REUSEADDR)
    bool listen = false;  // TCP_LISTEN
  };
  std::vector<Entry> socks;  // the TCP sockets the tools opened, while ns-3 keeps their endpoint
};

// inet_csk_bind_conflict: would binding addr:port (host order; addr 0 the wildcard) with
// SO_REUSEADDR `reuse` conflict with a socket that still holds the port (TIME_WAIT included)?
bool InetCskBindConflict(NetNs* net, uint32_t addr, uint16_t port, bool reuse);
// a TCP socket that now holds a port (bound, accepted), until ns-3 frees its endpoint
void InetCskTrack(NetNs* net, ns3::Ptr<ns3::Socket> sk, bool reuse, bool listen);

}  // namespace linuxnet
