# IPv4 sysctls change what the path does: the default TTL, ignoring echo requests, forwarding
# per device, reverse-path filtering (strict drops a source routed out another way, loose lets
# it pass: the counter in b shows which packets arrived)
ip netns add a
ip netns add r
ip netns add b
ip link add va netns a type veth peer name ra netns r
ip link add vb netns b type veth peer name rb netns r
ip -n a addr add 10.1.0.2/24 dev va
ip -n a addr add 10.9.0.2/24 dev va
ip -n r addr add 10.1.0.1/24 dev ra
ip -n r addr add 10.2.0.1/24 dev rb
ip -n b addr add 10.2.0.2/24 dev vb
ip -n a link set va up
ip -n r link set ra up
ip -n r link set rb up
ip -n b link set vb up
ip -n a route add default via 10.1.0.1
ip -n b route add default via 10.2.0.1
ip netns exec b sysctl -w net.ipv4.ip_default_ttl=33
ip netns exec a ping -c 1 -W 1 10.2.0.1
ip netns exec r sysctl -w net.ipv4.conf.ra.forwarding=1
ip netns exec a ping -c 1 -W 1 10.2.0.2
ip netns exec r sysctl -w net.ipv4.conf.rb.forwarding=1
ip netns exec r sysctl net.ipv4.ip_forward
ip netns exec a ping -c 1 -W 1 10.2.0.2
ip netns exec b sysctl -w net.ipv4.icmp_echo_ignore_all=1
ip netns exec a ping -c 1 -W 1 10.2.0.2
ip netns exec b sysctl -w net.ipv4.icmp_echo_ignore_all=0
ip -n r route add 10.9.0.0/24 via 10.2.0.2
ip netns exec b iptables -A INPUT -s 10.9.0.2 -p icmp
ip netns exec a ping -c 1 -W 1 -I 10.9.0.2 10.2.0.2
ip netns exec r sysctl -w net.ipv4.conf.all.rp_filter=1
ip netns exec a ping -c 1 -W 1 -I 10.9.0.2 10.2.0.2
ip netns exec r sysctl -w net.ipv4.conf.all.rp_filter=2
ip netns exec a ping -c 1 -W 1 -I 10.9.0.2 10.2.0.2
ip netns exec b iptables-save -c
ip netns exec a ping -c 1 -W 1 -t 1 10.2.0.2
ip netns exec r sysctl net.ipv4.conf.ra.rp_filter net.ipv4.conf.default.forwarding
