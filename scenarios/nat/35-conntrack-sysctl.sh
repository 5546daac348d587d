# conntrack's sysctls and a full table: with nf_conntrack_max reached, new flows are dropped
ip netns add lan
ip netns add gw
ip netns add wan
ip link add v0 netns lan type veth peer name g0 netns gw
ip link add v1 netns wan type veth peer name g1 netns gw
ip -n lan addr add 192.168.1.10/24 dev v0
ip -n gw addr add 192.168.1.1/24 dev g0
ip -n gw addr add 203.0.113.1/24 dev g1
ip -n wan addr add 203.0.113.2/24 dev v1
ip -n lan link set v0 up
ip -n gw link set g0 up
ip -n gw link set g1 up
ip -n wan link set v1 up
ip -n lan route add default via 192.168.1.1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec gw sysctl net.netfilter.nf_conntrack_icmp_timeout net.netfilter.nf_conntrack_udp_timeout net.netfilter.nf_conntrack_tcp_timeout_established
ip netns exec gw iptables -A FORWARD -m state --state INVALID -j DROP
ip netns exec gw sysctl -w net.netfilter.nf_conntrack_icmp_timeout=5
ip netns exec lan ping -c 1 -W 1 203.0.113.2
ip netns exec gw sysctl net.netfilter.nf_conntrack_count
sleep 6
ip netns exec gw sysctl net.netfilter.nf_conntrack_count
ip netns exec gw conntrack -L
ip netns exec gw sysctl -w net.netfilter.nf_conntrack_count=3
