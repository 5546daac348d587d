# VEPA: every frame leaves through the lower device, so two VEPA macvlans on one port reach each
# other only if the switch outside sends frames back out of the port they came in on (hairpin);
# private ones never do, even then (their broadcasts come back only to themselves)
ip netns add host
ip netns add sw
ip netns add v1
ip netns add v2
ip netns add p3
ip netns add p4
ip link add eth0 netns host type veth peer name swp1 netns sw
ip -n sw link add br0 type bridge
ip -n sw link set swp1 master br0
ip -n sw link set br0 up
ip -n sw link set swp1 up
ip -n host link set eth0 up
ip -n host link add mv1 link eth0 type macvlan mode vepa
ip -n host link add mv2 link eth0 type macvlan mode vepa
ip -n host link add mp3 link eth0 type macvlan mode private
ip -n host link add mp4 link eth0 type macvlan mode private
ip -n host link set mv1 netns v1
ip -n host link set mv2 netns v2
ip -n host link set mp3 netns p3
ip -n host link set mp4 netns p4
ip -n v1 addr add 10.6.0.1/24 dev mv1
ip -n v2 addr add 10.6.0.2/24 dev mv2
ip -n p3 addr add 10.6.0.3/24 dev mp3
ip -n p4 addr add 10.6.0.4/24 dev mp4
ip -n v1 link set mv1 up
ip -n v2 link set mv2 up
ip -n p3 link set mp3 up
ip -n p4 link set mp4 up
ip netns exec v1 ping -c 1 -W 0.5 10.6.0.2
ip netns exec sw bridge link set dev swp1 hairpin on
ip netns exec v1 ping -c 2 -i 0.2 -W 1 10.6.0.2
ip netns exec p3 ping -c 1 -W 0.5 10.6.0.4
ip netns exec v1 ping -c 1 -W 0.5 10.6.0.4
ip -n v2 -s link show mv2
ip -n p4 -s link show mp4
