# passthru: the one macvlan on a lower device takes the lower's MAC address and puts it in
# promiscuous mode; every unicast frame the lower receives goes to it
ip netns add host
ip netns add c1
ip netns add ext
ip link add eth0 netns host address 02:00:00:00:01:01 type veth peer name up0 netns ext address 02:00:00:00:02:02
ip -n host link set eth0 up
ip -n ext link set up0 up
ip -n ext addr add 192.168.7.254/24 dev up0
ip -n host link add mpt link eth0 type macvlan mode passthru
ip -n host link add mb link eth0 type macvlan mode bridge
ip -n host link add mpt2 link eth0 type macvlan mode passthru
ip -n host link show mpt
ip -n host link set mpt netns c1
ip -n c1 addr add 192.168.7.1/24 dev mpt
ip -n c1 link set mpt up
ip -n c1 link show mpt
ip netns exec c1 ping -c 2 -i 0.2 -W 1 192.168.7.254
ip netns exec ext ping -c 1 -W 1 192.168.7.1
ip -n c1 -s link show mpt
ip -n c1 link set mpt address 02:00:00:00:01:99
ip -n host link show eth0
ip -n c1 link show mpt
ip netns exec ext ping -c 1 -W 1 192.168.7.1
ip -n c1 link set mpt down
ip netns exec ext ping -c 1 -W 1 192.168.7.1
ip -n c1 link del mpt
ip -n host link show eth0
