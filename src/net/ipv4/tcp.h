// TCP on the model: ns-3's TcpSocketBase, set up per socket as the kernel sets up its own
// (net/ipv4/tcp.c tcp_init_sock, tcp_ipv4.c tcp_v4_connect, tcp_output.c tcp_sync_mss,
// tcp_cong.c), from the namespace's sysctls. What still differs from Linux TCP is listed in the
// README ("TCP").
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace ns3 {
class Socket;
}

namespace linuxnet {

class Host;
class NetNs;

// The namespace's TCP sysctls (net->ipv4.sysctl_tcp_*), v5.3's defaults; a new namespace copies
// init_net's buffer sizes and congestion control (tcp_sk_init)
struct TcpNet {
  int rmem[3] = {4096, 131072, 6291456};   // net.ipv4.tcp_rmem
  int wmem[3] = {4096, 16384, 4194304};    // net.ipv4.tcp_wmem
  int timestamps = 1, sack = 1, window_scaling = 1;
  int adv_win_scale = 1;                   // net.ipv4.tcp_adv_win_scale (tcp_win_from_space)
  int moderate_rcvbuf = 1;                 // net.ipv4.tcp_moderate_rcvbuf (tcp_rcv_space_adjust)
  int syn_retries = 6;                     // net.ipv4.tcp_syn_retries
  int congestion_control = 1;              // index into TcpCongestionNames(): cubic
};

// The congestion controls this model has (ns-3's), by their Linux names
const std::vector<std::string>& TcpCongestionNames();
// tcp_set_default_congestion_control: loads the module when it is not registered yet (the
// writer is root); 0, -ENOENT, or -EPERM (another namespace choosing what init_net does not allow)
int TcpSetDefaultCongestionControl(NetNs* net, const std::string& name);
// tcp_get_available_congestion_control / tcp_get_allowed_congestion_control: names, space separated
std::string TcpAvailableCongestionControl(const Host* host);
std::string TcpAllowedCongestionControl(const Host* host);
// tcp_set_allowed_congestion_control: 0 or -ENOENT (a name not registered)
int TcpSetAllowedCongestionControl(Host* host, const std::string& list);

// tcp_sync_mss over a path of `mtu` bytes: the payload of a full segment (timestamps take 12)
uint32_t TcpMssForMtu(const NetNs* net, uint32_t mtu);

// setsockopt(SO_SNDBUF / SO_RCVBUF) as sock_setsockopt: the kernel doubles the value (capped by
// wmem_max / rmem_max first) and locks it against autotuning. On a TCP socket the receive window
// is tcp_win_from_space of the buffer.
void SockSetSndbuf(ns3::Socket* sock, int val);
void SockSetRcvbuf(ns3::Socket* sock, int val);

// The ns-3 TCP on a namespace's node, with the socket factory that applies tcp_init_sock
void TcpInstall(NetNs* net);

}  // namespace linuxnet
