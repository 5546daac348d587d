# ip -d link: the generic details line and the kind lines for lo, veth, bridge, macvlan; a device
# that already has an rx_handler (a macvlan lower) cannot become a bridge port
ip netns add a
ip netns add b
ip -n a -d link show lo
ip link add va netns a type veth peer name vb netns b
ip -n a -d link show va
ip -n a link set lo up
ip -n a -d link show lo
ip -n a link add br0 type bridge
ip -n a -d link show br0
ip -n a link add m0 link va type macvlan mode bridge
ip -n a -d link show m0
ip -n a link set va master br0
ip -n a -d link show br0
ip -n a -d link show va
