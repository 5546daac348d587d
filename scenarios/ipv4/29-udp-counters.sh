# UDP's counters as nstat shows them (/proc/net/snmp's Udp: line, __udp4_lib_rcv and udp_recvmsg
# count them): a datagram read by a listener, one to a closed port (NoPorts, and the ICMP error),
# what a router forwards; nstat's history, patterns, JSON and errors
ip netns add a
ip netns add r
ip netns add b
ip link add va netns a type veth peer name ra netns r
ip link add vb netns b type veth peer name rb netns r
ip -n a addr add 10.1.0.2/24 dev va
ip -n r addr add 10.1.0.1/24 dev ra
ip -n r addr add 10.2.0.1/24 dev rb
ip -n b addr add 10.2.0.2/24 dev vb
ip -n a link set va up
ip -n r link set ra up
ip -n r link set rb up
ip -n b link set vb up
ip -n a route add default via 10.1.0.1
ip -n b route add default via 10.2.0.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec b nstat -n
ip netns exec b timeout 3 nc -l -u -p 9000 >/dev/null 2>&1 &
sleep 0.5
echo one | ip netns exec a nc -u -w1 10.2.0.2 9000
echo two | ip netns exec a nc -u -w1 10.2.0.2 9001
sleep 0.5
ip netns exec b nstat 'Udp*' 'IpIn*'
ip netns exec b nstat -asz UdpInDatagrams UdpNoPorts UdpInErrors UdpOutDatagrams UdpRcvbufErrors IpInReceives IpInDelivers
ip netns exec a nstat -asz 'Udp[A-Z]*s' IpOutRequests
ip netns exec r nstat -asz IpForwDatagrams IpInReceives
ip netns exec b nstat -asj UdpInDatagrams UdpNoPorts
ip netns exec b nstat -aszjp 'Udp*Datagrams'
ip netns exec b nstat -x
ip netns exec b nstat -t 0
ip netns exec b nstat -t
