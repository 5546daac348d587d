# addresses: primaries and secondaries, explicit broadcast, deleting a primary takes its
# secondaries, the brief listing
ip netns add a
ip netns add z
ip link add va netns a type veth peer name vb netns z
ip -n a addr add 10.8.0.1/24 dev va
ip -n a addr add 10.8.0.2/24 dev va
ip -n a addr add 10.8.0.3/24 dev va
ip -n a addr add 10.9.0.1/16 brd + dev va
ip -n a addr add 10.10.0.1/30 brd 10.10.0.3 dev va
ip -n a addr add 192.0.2.5 dev va
ip -n a addr show dev va
ip -n a route show table local
ip -n a addr del 10.8.0.2/24 dev va
ip -n a addr show va
ip -n a addr del 10.8.0.1/24 dev va
ip -n a addr show va
ip -n a route show table all
ip -n a -br addr show
ip -n a addr flush dev va
ip -n a addr show va
ip -n z link del vb
