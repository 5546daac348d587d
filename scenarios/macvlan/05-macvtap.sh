# a macvtap nobody has opened (/dev/tapN) passes its frames to its own stack, like a macvlan;
# its tx_queue_len (the size of a queue opened later) is 500
ip netns add host
ip netns add c1
ip netns add ext
ip link add eth0 netns host type veth peer name up0 netns ext
ip -n host link set eth0 up
ip -n ext link set up0 up
ip -n ext addr add 10.5.0.254/24 dev up0
ip -n host link add mt1 link eth0 type macvtap mode bridge
ip -n host link add mt2 link eth0 type macvtap
ip -n host link add mt3 link eth0 type macvtap mode bogus
ip -n host link show mt1
ip -n host link set mt1 netns c1
ip -n c1 addr add 10.5.0.1/24 dev mt1
ip -n c1 link set mt1 up
ip netns exec c1 ping -c 2 -i 0.2 -W 1 10.5.0.254
ip -n c1 -s link show mt1
ip -n c1 link set mt1 txqueuelen 64
ip -n c1 link show mt1
ip -n host link show mt2
