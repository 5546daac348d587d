# source mode: a macvlan that receives a copy of every frame sent by the MAC addresses it lists,
# whatever their destination; the other macvlans on the same lower device still get theirs
ip netns add host
ip netns add c1
ip netns add c2
ip netns add c3
ip netns add ext
ip link add eth0 netns host type veth peer name up0 netns ext address 02:00:00:00:00:aa
ip -n host link set eth0 up
ip -n ext link set up0 up
ip -n ext addr add 10.9.0.254/24 dev up0
ip -n host link add ms1 link eth0 type macvlan mode source macaddr add 02:00:00:00:00:aa
ip -n host link add mb2 link eth0 type macvlan mode bridge
ip -n host link add ms3 link eth0 type macvlan mode source macaddr set 02:00:00:00:00:bb 02:00:00:00:00:cc
ip -n host link add ms4 link eth0 type macvlan mode bridge macaddr add 02:00:00:00:00:aa
ip -n host link set ms1 netns c1
ip -n host link set mb2 netns c2
ip -n host link set ms3 netns c3
ip -n c1 addr add 10.9.0.1/24 dev ms1
ip -n c2 addr add 10.9.0.2/24 dev mb2
ip -n c3 addr add 10.9.0.3/24 dev ms3
ip -n c1 link set ms1 up
ip -n c2 link set mb2 up
ip -n c3 link set ms3 up
ip netns exec ext ping -c 2 -i 0.2 -W 1 10.9.0.1
ip netns exec ext ping -c 1 -W 1 10.9.0.2
ip -n c1 -s link show ms1
ip -n c2 -s link show mb2
ip -n c3 -s link show ms3
ip -n c1 link set ms1 down
ip netns exec ext ping -c 1 -W 1 10.9.0.1
ip -n c1 -s link show ms1
ip -n host -s link show eth0
