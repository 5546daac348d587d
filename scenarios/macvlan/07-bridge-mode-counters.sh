# bridge-mode macvlans switch between each other inside the lower device (the lower's counters do
# not move), reach the outside through it, and the lower device's own stack cannot reach them;
# a macvlan's MAC address set at creation is the one the others learn
ip netns add host
ip netns add c1
ip netns add c2
ip netns add ext
ip link add eth0 netns host type veth peer name up0 netns ext
ip -n host link set eth0 up
ip -n ext link set up0 up
ip -n ext addr add 10.7.0.254/24 dev up0
ip -n host link add mv1 link eth0 address 02:00:00:00:07:01 type macvlan mode bridge
ip -n host link add mv2 link eth0 address 02:00:00:00:07:02 type macvlan mode bridge
ip -n host link set mv1 netns c1
ip -n host link set mv2 netns c2
ip -n c1 addr add 10.7.0.1/24 dev mv1
ip -n c2 addr add 10.7.0.2/24 dev mv2
ip -n c1 link set mv1 up
ip -n c2 link set mv2 up
ip netns exec c1 ping -c 3 -i 0.2 -W 1 10.7.0.2
ip -n host -s link show eth0
ip netns exec c1 ping -c 2 -i 0.2 -W 1 10.7.0.254
ip -n c2 neigh show 10.7.0.1
ip -n ext neigh show 10.7.0.1
ip -n host addr add 10.7.0.100/24 dev eth0
ip netns exec host ping -c 1 -W 1 10.7.0.2
ip netns exec ext ping -c 1 -W 1 10.7.0.100
ip -n host -s link show eth0
ip -n c1 -s link show mv1
