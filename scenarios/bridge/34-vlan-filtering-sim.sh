#@ kconfig CONFIG_BRIDGE_VLAN_FILTERING=y
# VLAN filtering on a kernel built WITH CONFIG_BRIDGE_VLAN_FILTERING (the reference machine's is
# not, so there is no recorded .out: test/unit/test_bridge_vlan.cc checks this behaviour against
# the v5.3 source). h1 and h3 share VLAN 10, h2 is alone in VLAN 20; each port untags its PVID.
ip netns add sw
ip netns add h1
ip netns add h2
ip netns add h3
ip -n sw link add br0 address 02:00:00:00:02:00 type bridge vlan_filtering 1
ip link add e1 netns h1 address 02:00:00:00:00:01 type veth peer name p1 netns sw address 02:00:00:00:01:01
ip link add e2 netns h2 address 02:00:00:00:00:02 type veth peer name p2 netns sw address 02:00:00:00:01:02
ip link add e3 netns h3 address 02:00:00:00:00:03 type veth peer name p3 netns sw address 02:00:00:00:01:03
ip -n sw link set p1 master br0
ip -n sw link set p2 master br0
ip -n sw link set p3 master br0
bridge -n sw vlan add dev p1 vid 10 pvid untagged
bridge -n sw vlan add dev p2 vid 20 pvid untagged
bridge -n sw vlan add dev p3 vid 10 pvid untagged
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
bridge -n sw vlan show
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.3
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.2
bridge -n sw fdb show br br0 dynamic
