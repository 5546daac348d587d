# conntrack takes one command: a second one (even the same again) is refused before anything runs,
# so -L -F flushes nothing
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b iptables -A INPUT -m conntrack --ctstate NEW -j ACCEPT
ip netns exec a ping -c 1 10.0.0.2
ip netns exec b conntrack -L -F
ip netns exec b conntrack -C -C
ip netns exec b conntrack -F -L
ip netns exec b conntrack -C
