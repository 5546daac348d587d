# The demo: a host a, a router r, a host b; one ping from a to b crosses three namespaces.
# Run with `./linuxnet run` (the wrapper adds --trace) to see each kernel function it passes.
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
ip netns exec a ping -c 1 10.2.0.2
ip -n r -s link show rb
