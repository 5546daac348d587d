# a bridge learns where each host is and forgets after ageing_time (10 s here) without traffic
ip netns add sw
ip netns add h1
ip netns add h2
ip -n sw link add br0 address 02:00:00:00:02:00 type bridge ageing_time 1000
ip link add e1 netns h1 address 02:00:00:00:00:01 type veth peer name p1 netns sw address 02:00:00:00:01:01
ip link add e2 netns h2 address 02:00:00:00:00:02 type veth peer name p2 netns sw address 02:00:00:00:01:02
ip -n sw link set p1 master br0
ip -n sw link set p2 master br0
ip -n sw link set p1 up
ip -n sw link set p2 up
ip -n sw link set br0 up
ip -n h1 addr add 10.0.0.1/24 dev e1
ip -n h2 addr add 10.0.0.2/24 dev e2
ip -n h1 link set e1 up
ip -n h2 link set e2 up
bridge -n sw fdb show br br0
bridge -n sw link show
ip netns exec h1 ping -c 1 -W 1 10.0.0.2
bridge -n sw fdb show br br0
sleep 5
bridge -n sw fdb show dynamic
sleep 20
bridge -n sw fdb show br br0
bridge -n sw fdb show dev p1
ip netns exec h2 ping -c 1 -W 1 10.0.0.1
bridge -n sw fdb show br br0
ip -n sw link set p2 down
bridge -n sw fdb show br br0
bridge -n sw link show
