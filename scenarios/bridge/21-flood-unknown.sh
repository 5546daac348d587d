# flooding: broadcasts reach every port; a port that does not learn leaves its host's MAC
# unknown, so frames to it are flooded to every other port; `flood off` keeps them from a port
ip netns add sw
ip netns add h1
ip netns add h2
ip netns add h3
ip -n sw link add br0 type bridge
ip link add e1 netns h1 address 02:00:00:00:00:01 type veth peer name p1 netns sw address 02:00:00:00:01:01
ip link add e2 netns h2 address 02:00:00:00:00:02 type veth peer name p2 netns sw address 02:00:00:00:01:02
ip link add e3 netns h3 address 02:00:00:00:00:03 type veth peer name p3 netns sw address 02:00:00:00:01:03
ip -n sw link set p1 master br0
ip -n sw link set p2 master br0
ip -n sw link set p3 master br0
ip -n sw link set br0 up
ip -n sw link set p1 up
ip -n sw link set p2 up
ip -n sw link set p3 up
ip -n h1 addr add 10.0.0.1/24 dev e1
ip -n h2 addr add 10.0.0.2/24 dev e2
ip -n h3 addr add 10.0.0.3/24 dev e3
ip -n h1 link set e1 up
ip -n h2 link set e2 up
ip -n h3 link set e3 up
bridge -n sw link set dev p2 learning off
bridge -n sw -d link show dev p2
ip netns exec h1 ping -c 3 -i 0.2 -W 1 10.0.0.2
bridge -n sw fdb show br br0
ip -n h3 -s link show e3
bridge -n sw link set dev p3 flood off
bridge -n sw -d link show dev p3
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.2
ip -n h3 -s link show e3
ip -n sw -s link show br0
bridge -n sw link set dev p2 learning on
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.2
bridge -n sw fdb show br br0
bridge -n sw link set dev p9 flood off
bridge -n sw link set dev p3 flood maybe
