# fragmentation and path MTU: a 2000-byte ping leaves in two fragments and is reassembled; a
# router with a smaller MTU answers a DF packet with "fragmentation needed", the sender learns the
# path MTU (ip route get shows it), fragments to it, and -M do fails locally
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
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec a ping -c 1 -W 1 -s 2000 10.1.0.1
ip -n a -s link show va
ip -n r link set rb mtu 1000
ip -n b link set vb mtu 1000
ip netns exec a ping -c 1 -W 1 -s 1200 10.2.0.2
ip -n r -s link show rb
ip netns exec a ping -c 1 -W 1 -s 1200 -M do 10.2.0.2
ip netns exec a ping -c 2 -W 1 -s 1200 -M do 10.2.0.2
ip netns exec a ping -c 1 -W 1 -s 5000 10.2.0.2
ip netns exec a ip route get 10.2.0.2
ip netns exec a ping -c 1 -W 1 -s 1600 -M do 10.1.0.1
