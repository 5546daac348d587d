# who hears a broadcast (here an ARP request): from outside every mode does; from a bridge-mode
# macvlan only the other bridge-mode ones (and the outside world); from VEPA or private ones only
# the outside world; without a hairpinning switch outside, VEPA and bridge cannot talk either
ip netns add host
ip netns add b1
ip netns add b2
ip netns add v3
ip netns add p4
ip netns add ext
ip link add eth0 netns host type veth peer name up0 netns ext
ip -n host link set eth0 up
ip -n ext link set up0 up
ip -n ext addr add 10.4.0.254/24 dev up0
ip -n host link add mb1 link eth0 type macvlan mode bridge
ip -n host link add mb2 link eth0 type macvlan mode bridge
ip -n host link add mv3 link eth0 type macvlan mode vepa
ip -n host link add mp4 link eth0 type macvlan mode private
ip -n host link set mb1 netns b1
ip -n host link set mb2 netns b2
ip -n host link set mv3 netns v3
ip -n host link set mp4 netns p4
ip -n b1 addr add 10.4.0.1/24 dev mb1
ip -n b2 addr add 10.4.0.2/24 dev mb2
ip -n v3 addr add 10.4.0.3/24 dev mv3
ip -n p4 addr add 10.4.0.4/24 dev mp4
ip -n b1 link set mb1 up
ip -n b2 link set mb2 up
ip -n v3 link set mv3 up
ip -n p4 link set mp4 up
ip netns exec ext ping -c 1 -W 1 10.4.0.1
ip -n b1 -s link show mb1
ip -n b2 -s link show mb2
ip -n v3 -s link show mv3
ip -n p4 -s link show mp4
ip netns exec b2 ping -c 1 -W 1 10.4.0.254
ip -n b1 -s link show mb1
ip -n v3 -s link show mv3
ip -n p4 -s link show mp4
ip netns exec v3 ping -c 1 -W 1 10.4.0.254
ip netns exec p4 ping -c 1 -W 1 10.4.0.254
ip -n b1 -s link show mb1
ip -n b2 -s link show mb2
ip -n v3 -s link show mv3
ip -n p4 -s link show mp4
ip -n ext -s link show up0
ip netns exec b1 ping -c 1 -W 1 10.4.0.2
ip netns exec v3 ping -c 1 -W 0.5 10.4.0.2
ip netns exec b1 ping -c 1 -W 0.5 10.4.0.3
