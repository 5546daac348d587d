# a lone kernel-STP bridge is its own root: every hello_time it sends a configuration BPDU (LLC
# header + 35 bytes, to 01:80:c2:00:00:00) on each designated port, 52 bytes on the wire, that the
# host behind the port receives; with STP off the BPDUs stop
ip netns add sw
ip netns add h1
ip netns add h2
ip -n sw link add br0 address 02:00:00:00:02:00 type bridge stp_state 1
ip link add e1 netns h1 address 02:00:00:00:00:01 type veth peer name p1 netns sw address 02:00:00:00:01:01
ip link add e2 netns h2 address 02:00:00:00:00:02 type veth peer name p2 netns sw address 02:00:00:00:01:02
ip -n sw link set p1 master br0
ip -n sw link set p2 master br0
ip -n h1 link set e1 up
ip -n h2 link set e2 up
ip -n sw link set p1 up
ip -n sw link set p2 up
ip -n sw link set br0 up
sleep 9
bridge -n sw link show
ip -n h1 -s link show e1
ip -n sw -s link show p2
ip -n sw link set br0 type bridge stp_state 0
bridge -n sw link show
sleep 9
ip -n h1 -s link show e1
ip -n sw link set br0 type bridge stp_state 1
bridge -n sw link show
sleep 5
ip -n h1 -s link show e1
bridge -n sw link show
