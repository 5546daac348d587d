# modes side by side on one lower device: private macvlans reach the outside but not each other
# nor the bridge-mode ones; bridge-mode ones reach each other; changing a macvlan's mode with
# `ip link set ... type macvlan mode` changes who it can reach
ip netns add host
ip netns add p1
ip netns add b1
ip netns add b2
ip netns add ext
ip link add eth0 netns host type veth peer name up0 netns ext
ip -n host link set eth0 up
ip -n ext link set up0 up
ip -n ext addr add 10.8.0.254/24 dev up0
ip -n host link add mp link eth0 type macvlan mode private
ip -n host link add mb1 link eth0 type macvlan mode bridge
ip -n host link add mb2 link eth0 type macvlan mode bridge
ip -n host link set mp netns p1
ip -n host link set mb1 netns b1
ip -n host link set mb2 netns b2
ip -n p1 addr add 10.8.0.1/24 dev mp
ip -n b1 addr add 10.8.0.2/24 dev mb1
ip -n b2 addr add 10.8.0.3/24 dev mb2
ip -n p1 link set mp up
ip -n b1 link set mb1 up
ip -n b2 link set mb2 up
ip netns exec p1 ping -c 1 -W 1 10.8.0.254
ip netns exec p1 ping -c 1 -W 1 10.8.0.2
ip netns exec b1 ping -c 1 -W 1 10.8.0.3
ip netns exec b1 ping -c 1 -W 1 10.8.0.1
sleep 3
ip -n p1 link set mp type macvlan mode bridge
ip -n p1 -d link show mp
ip netns exec p1 ping -c 1 -W 1 10.8.0.2
ip netns exec b2 ping -c 1 -W 1 10.8.0.1
ip -n b1 link set mb1 type macvlan mode vepa
ip netns exec b1 ping -c 1 -W 1 10.8.0.3
