# veth states and counters as ip link prints them: one end up, both up, a pair in one namespace,
# moving an end away, the per-device counters after traffic
ip netns add a
ip netns add b
ip -n a link add v0 type veth peer name v1
ip -n a link show
ip -n a link set v0 up
ip -n a link show
ip -n a link set v1 up
ip -n a link show
ip -n a link set v1 down
ip -n a link show
ip -n a link set v1 netns b
ip -n a link show v0
ip -n b link show
ip -n a addr add 10.4.0.1/24 dev v0
ip -n b addr add 10.4.0.2/24 dev v1
ip -n b link set v1 up
ip -n b link set v1 mtu 1400
ip -n a link show v0
ip netns exec a ping -c 4 -i 0.2 -W 1 10.4.0.2
ip netns exec a ping -c 1 -W 1 -s 1000 10.4.0.2
ip -n a -s link show v0
ip -n b -s link show v1
ip -n a -br link show
ip -n b -br addr show
