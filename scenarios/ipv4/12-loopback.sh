# lo is down in a new namespace: 127.0.0.1 is unknown until it comes up; the namespace's own
# address answers through lo once lo is up
ip netns add a
ip netns add z
ip link add va netns a type veth peer name vb netns z
ip -n a addr add 10.3.0.1/24 dev va
ip -n a link set va up
ip -n a addr show lo
ip netns exec a ping -c 1 -W 1 127.0.0.1
ip netns exec a ping -c 1 -W 1 10.3.0.1
ip -n a link set lo up
ip -n a addr show lo
ip -n a route show table local
ip netns exec a ping -c 2 -i 0.2 -W 1 127.0.0.1
ip netns exec a ping -c 2 -i 0.2 -W 1 10.3.0.1
ip -n a -s link show lo
ip -n a link set lo down
ip netns exec a ping -c 1 -W 1 10.3.0.1
ip -n a route show table local
ip -n z link del vb
ip -n a link show
