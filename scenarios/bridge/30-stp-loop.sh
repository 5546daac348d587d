# two kernel-STP bridges joined by two veth links (a loop): s1 (lower MAC) is elected root, s2's
# root port is b1 and its second link b2 blocks; ports go listening -> learning -> forwarding,
# forward_delay apart (the links are up first; s2's bridge comes up 1 s after s1's, so s1's first BPDUs reach it
# before its own hello); a ping crosses the loop without a storm; BPDUs count in ip -s link
ip netns add s1
ip netns add s2
ip netns add h1
ip netns add h2
ip -n s1 link add br0 address 02:00:00:00:01:00 type bridge stp_state 1
ip -n s2 link add br0 address 02:00:00:00:02:00 type bridge stp_state 1
ip link add a1 netns s1 address 02:00:00:00:01:01 type veth peer name b1 netns s2 address 02:00:00:00:02:01
ip link add a2 netns s1 address 02:00:00:00:01:02 type veth peer name b2 netns s2 address 02:00:00:00:02:02
ip link add e1 netns h1 address 02:00:00:00:00:01 type veth peer name a3 netns s1 address 02:00:00:00:01:03
ip link add e2 netns h2 address 02:00:00:00:00:02 type veth peer name b3 netns s2 address 02:00:00:00:02:03
ip -n s1 link set a1 master br0
ip -n s1 link set a2 master br0
ip -n s1 link set a3 master br0
ip -n s2 link set b1 master br0
ip -n s2 link set b2 master br0
ip -n s2 link set b3 master br0
ip -n h1 addr add 10.0.0.1/24 dev e1
ip -n h2 addr add 10.0.0.2/24 dev e2
ip -n h1 link set e1 up
ip -n h2 link set e2 up
ip -n s1 link set a1 up
ip -n s1 link set a2 up
ip -n s1 link set a3 up
ip -n s2 link set b1 up
ip -n s2 link set b2 up
ip -n s2 link set b3 up
sleep 2
ip -n s1 link set br0 up
sleep 1
ip -n s2 link set br0 up
sleep 2
bridge -n s1 link show
bridge -n s2 link show
sleep 15
bridge -n s1 link show
bridge -n s2 link show
sleep 15
bridge -n s1 link show
bridge -n s2 link show
ip netns exec h1 ping -c 3 -i 0.2 -W 1 10.0.0.2
ip -n s1 -s link show a1
ip -n s1 -s link show a2
ip -n s2 -s link show b1
ip -n s2 -s link show b2
ip -n h1 -s link show e1
