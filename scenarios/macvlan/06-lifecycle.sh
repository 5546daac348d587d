# the macvlan follows its lower device: carrier, MTU, deletion; moved to another namespace it
# shows its lower device as @ifN with the lower's namespace
ip netns add host
ip netns add c1
ip netns add ext
ip link add eth0 netns host type veth peer name up0 netns ext
ip -n host link add mv1 link eth0 type macvlan
ip -n host link add mv2 link eth0 mtu 1400 type macvlan mode bridge
ip -n host link add mv3 link eth0 mtu 9000 type macvlan
ip -n host link add mv4 link mv1 type macvlan mode private
ip -n host link show
ip -n host link set mv1 up
ip -n host link set eth0 up
ip -n host link show mv1
ip -n ext link set up0 up
ip -n host link show mv1
ip -n host link set mv1 mtu 1600
ip -n host link set eth0 mtu 1300
ip -n host link show
ip -n host link set mv1 netns c1
ip -n c1 link show
ip -n host link set mv2 netns c1
ip -n c1 link set mv2 name m2
ip -n c1 link show m2
ip -n host link set eth0 down
ip -n c1 link show mv1
ip -n host link del eth0
ip -n c1 link show
ip -n host link show
