# VLAN filtering: the reference kernel is built without CONFIG_BRIDGE_VLAN_FILTERING, so the
# vlan_filtering option (even 0) is refused, ports have no VLAN list, `bridge vlan add` is refused
# and the -d dump fails; frames are bridged whatever VLANs were asked for
ip netns add sw
ip netns add h1
ip netns add h2
ip -n sw link add br1 type bridge vlan_filtering 1
ip -n sw link add br1 type bridge vlan_filtering 0
ip -n sw link show br1
ip -n sw link add br0 address 02:00:00:00:02:00 type bridge
ip -n sw link set br0 type bridge vlan_filtering 1
ip -n sw link set br0 type bridge vlan_filtering 0
ip link add e1 netns h1 address 02:00:00:00:00:01 type veth peer name p1 netns sw address 02:00:00:00:01:01
ip link add e2 netns h2 address 02:00:00:00:00:02 type veth peer name p2 netns sw address 02:00:00:00:01:02
ip -n sw link add p9 type veth peer name q9
ip -n sw link set p1 master br0
ip -n sw link set p2 master br0
ip -n sw link set p1 up
ip -n sw link set p2 up
ip -n sw link set br0 up
ip -n h1 addr add 10.0.0.1/24 dev e1
ip -n h2 addr add 10.0.0.2/24 dev e2
ip -n h1 link set e1 up
ip -n h2 link set e2 up
bridge -n sw vlan show
bridge -n sw vlan add dev p1 vid 10 pvid untagged
bridge -n sw vlan add dev p2 vid 20 pvid untagged
bridge -n sw vlan add dev br0 vid 10 self
bridge -n sw vlan add dev p9 vid 10
bridge -n sw vlan del dev p1 vid 1
bridge -n sw vlan del dev br0 vid 1 self
bridge -n sw vlan del dev p9 vid 1
bridge -n sw vlan show dev p1
bridge -n sw vlan
bridge -n sw -d vlan show
bridge -n sw vlan add dev p1
bridge -n sw vlan add dev nosuch vid 10
bridge -n sw vlan add dev p1 vid 4096
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.2
ip -n sw link show type bridge
