#@ host a
#@ host b
#@ wire a:eth0 b:eth0 rate=1Gbit delay=5us
# Two machines joined by a 1 Gbit/s wire (5 us). iperf3 offers 2 Gbit/s of 1472-byte datagrams;
# each takes 1538 bytes of the wire (IP and UDP 28, Ethernet 14, FCS 4, preamble and delimiter 8,
# inter-frame gap 12), so the wire carries 1472 / 1538 x 1 Gbit/s = 957 Mbit/s of payload, and
# the sender, a blocking writer, is held to that by its send buffer (sock_alloc_send_skb waits
# while the datagrams the NIC has not sent yet fill sk_sndbuf). No .out: the reference machine has
# no e1000 and one kernel; test/unit/test_e1000_scenarios.cc checks the figures (IEEE 802.3 framing,
# net/core/sock.c sock_alloc_send_pskb, drivers/net/ethernet/intel/e1000).
#@ host a
ip link set eth0 up
ip addr add 10.0.0.1/24 dev eth0
iperf3 -s -D
#@ host b
ip link set eth0 up
ip addr add 10.0.0.2/24 dev eth0
sleep 0.1
iperf3 -c 10.0.0.1 -u -b 2G -l 1472 -t 2 -J
ip -s link show eth0
