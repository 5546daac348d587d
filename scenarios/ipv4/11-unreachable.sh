# no route: the sender's own lookup fails; a router without a route answers net unreachable;
# a router with forwarding off drops silently; a host on the link that does not exist fails ARP
ip netns add a
ip netns add r
ip link add va netns a type veth peer name ra netns r
ip -n a addr add 10.1.0.2/24 dev va
ip -n r addr add 10.1.0.1/24 dev ra
ip -n a link set va up
ip -n r link set ra up
ip netns exec a ping -c 1 -W 1 192.0.2.1
ip -n a route add 192.0.2.0/24 via 10.1.0.1
ip netns exec a ping -c 2 -i 0.2 -W 1 192.0.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec a ping -c 2 -i 0.2 -W 1 192.0.2.1
ip netns exec a ping -c 2 -i 0.5 -W 2 10.1.0.77
ip -n a neigh show 10.1.0.77
ip -n a neigh show dev va 10.1.0.1
ip -n a route get 192.0.2.9
ip -n a route get 10.1.0.1
ip -n a route get 10.1.0.2
