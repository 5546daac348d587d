#include "net/ipv4/inet_connection_sock.h"

#include <algorithm>

#include "net/core/net_namespace.h"
#include "net/ipv4/ipv4.h"
#include "ns3/inet-socket-address.h"

namespace linuxnet {

namespace {

InetBindHash& BindHash(NetNs* net) {
  auto& h = net->ipv4->bhash;
  if (!h) h = std::make_unique<InetBindHash>();
  return *h;
}

// the socket's local address and port while ns-3 keeps its endpoint (GetSockName answers port 0
// once it is freed: closed, or TIME_WAIT over)
bool Holds(const ns3::Ptr<ns3::Socket>& sk, uint32_t* addr, uint16_t* port) {
  ns3::Address a;
  if (sk->GetSockName(a) != 0 || !ns3::InetSocketAddress::IsMatchingType(a)) return false;
  ns3::InetSocketAddress in = ns3::InetSocketAddress::ConvertFrom(a);
  *addr = in.GetIpv4().Get();
  *port = in.GetPort();
  return *port != 0;
}

}  // namespace

bool InetCskBindConflict(NetNs* net, uint32_t addr, uint16_t port, bool reuse) {
  // one pass: an entry whose endpoint ns-3 has freed is dropped, the others are checked
  auto& socks = BindHash(net).socks;
  bool conflict = false;
  socks.erase(std::remove_if(socks.begin(), socks.end(),
                             [&](const InetBindHash::Entry& e) {
                               uint32_t a2;
                               uint16_t p2;
                               if (!Holds(e.sk, &a2, &p2)) return true;
                               if (p2 == port && !(reuse && e.reuse && !e.listen) && (!addr || !a2 || addr == a2))
                                 conflict = true;
                               return false;
                             }),
              socks.end());
  return conflict;
}

void InetCskTrack(NetNs* net, ns3::Ptr<ns3::Socket> sk, bool reuse, bool listen) {
  BindHash(net).socks.push_back({sk, reuse, listen});
}

}  // namespace linuxnet
