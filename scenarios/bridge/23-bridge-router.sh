# the bridge as an L3 device: it has an address and routes between its hosts and another subnet
ip netns add sw
ip netns add h1
ip netns add h2
ip netns add far
ip -n sw link add br0 address 02:00:00:00:02:00 type bridge
ip link add e1 netns h1 address 02:00:00:00:00:01 type veth peer name p1 netns sw address 02:00:00:00:01:01
ip link add e2 netns h2 address 02:00:00:00:00:02 type veth peer name p2 netns sw address 02:00:00:00:01:02
ip link add f0 netns far address 02:00:00:00:00:09 type veth peer name up0 netns sw address 02:00:00:00:01:09
ip -n sw link set p1 master br0
ip -n sw link set p2 master br0
ip -n sw addr add 10.1.0.254/24 dev br0
ip -n sw addr add 10.9.0.1/24 dev up0
ip -n sw link set p1 up
ip -n sw link set p2 up
ip -n sw link set br0 up
ip -n sw link set up0 up
ip netns exec sw sysctl -w net.ipv4.ip_forward=1
ip -n h1 addr add 10.1.0.1/24 dev e1
ip -n h2 addr add 10.1.0.2/24 dev e2
ip -n far addr add 10.9.0.2/24 dev f0
ip -n h1 link set e1 up
ip -n h2 link set e2 up
ip -n far link set f0 up
ip -n h1 route add default via 10.1.0.254
ip -n h2 route add default via 10.1.0.254
ip -n far route add default via 10.9.0.1
ip -n sw link show br0
ip -n sw route show
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.1.0.254
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.9.0.2
ip netns exec far ping -c 1 -W 1 10.1.0.2
ip -n sw neigh show dev br0 10.1.0.1
ip -n sw neigh show dev br0 10.1.0.2
bridge -n sw fdb show br br0
ip -n sw -s link show br0
ip -n sw link set p1 nomaster
ip netns exec h1 ping -c 1 -W 1 10.1.0.254
bridge -n sw fdb show br br0
ip -n sw link show
