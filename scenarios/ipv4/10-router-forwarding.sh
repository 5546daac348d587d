# a router namespace between two subnets: forwarding off loses the ping silently, on forwards it
# with the TTL one lower; a TTL of 1 dies at the router with an ICMP time exceeded
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
ip netns exec r sysctl net.ipv4.ip_forward
ip netns exec a ping -c 2 -i 0.2 -W 1 10.2.0.2
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec r sysctl net.ipv4.conf.ra.forwarding net.ipv4.conf.all.forwarding
ip netns exec a ping -c 3 -i 0.2 -W 1 10.2.0.2
ip netns exec b ping -c 2 -i 0.2 -W 1 10.1.0.2
ip netns exec a ping -c 2 -i 0.2 -W 1 -t 1 10.2.0.2
ip netns exec a ping -c 1 -W 1 10.2.0.1
ip -n r -s link show ra
ip -n r -s link show rb
