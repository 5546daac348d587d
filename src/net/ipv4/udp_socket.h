// The ns-3 UDP socket of the model: ns3::UdpSocket's API (what UdpEchoServer, OnOffApplication,
// PacketSink, nc and iperf3 call) over the kernel's socket, udp.h's UdpSock. It replaces ns-3's
// UdpSocketImpl, whose receive buffer counts payload bytes and which no one can hook: here a
// datagram takes its truesize from sk_rcvbuf, the reader is woken on its process's CPU and pays
// udp_recvmsg there, and sendmsg runs on that CPU as udp_sendmsg.
#pragma once

namespace linuxnet {

class NetNs;

// The namespace's UdpSocketFactory (LinuxUdpSocketFactory), aggregated on its node once
void UdpInstall(NetNs* net);

}  // namespace linuxnet
