# port flags set with `bridge link set`: isolated ports do not reach each other, bcast_flood off
# keeps ARP broadcasts from a port, learning off keeps the fdb from learning behind one; the
# ports as `ip link show master br0` lists them and their bridge_slave section in `ip -d link`
ip netns add sw
ip netns add h1
ip netns add h2
ip netns add h3
ip -n sw link add br0 address 02:00:00:00:02:00 type bridge
ip link add e1 netns h1 address 02:00:00:00:00:01 type veth peer name p1 netns sw address 02:00:00:00:01:01
ip link add e2 netns h2 address 02:00:00:00:00:02 type veth peer name p2 netns sw address 02:00:00:00:01:02
ip link add e3 netns h3 address 02:00:00:00:00:03 type veth peer name p3 netns sw address 02:00:00:00:01:03
ip -n sw link set p1 master br0
ip -n sw link set p2 master br0
ip -n sw link set p3 master br0
ip -n sw link set p1 up
ip -n sw link set p2 up
ip -n sw link set p3 up
ip -n sw link set br0 up
ip -n h1 addr add 10.0.0.1/24 dev e1
ip -n h2 addr add 10.0.0.2/24 dev e2
ip -n h3 addr add 10.0.0.3/24 dev e3
ip -n h1 link set e1 up
ip -n h2 link set e2 up
ip -n h3 link set e3 up
ip -n sw link show master br0
ip -n sw -br link show master br0
ip -n sw addr show master br0
ip -n sw link show type bridge_slave
ip -n sw link show master nosuch
bridge -n sw link set dev p2 isolated on
bridge -n sw link set dev p3 isolated on
ip netns exec h2 ping -c 1 -W 1 10.0.0.3
ip netns exec h2 ping -c 1 -W 1 10.0.0.1
ip netns exec h3 ping -c 1 -W 1 10.0.0.1
bridge -n sw link set dev p3 isolated off bcast_flood off
ip netns exec h2 ping -c 1 -W 1 10.0.0.3
ip netns exec h3 ping -c 1 -W 1 10.0.0.2
bridge -n sw link set dev p1 learning off flood off hairpin on priority 10 cost 7
ip netns exec h1 ping -c 1 -W 1 10.0.0.2
bridge -n sw fdb show br br0
sleep 15
bridge -n sw -d link show
ip -n sw -d link show p1
ip -n sw -d link show p3
ip -n sw -d link show type bridge_slave
ip -n h3 -s link show e3
