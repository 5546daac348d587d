# the root moves: s1 (lower MAC) is root until s2's priority is lowered to 4096; s2 then sends
# superior BPDUs, s1's a1 becomes its root port and s1's a2 blocks instead of s2's b2, which goes
# listening -> learning -> forwarding
ip netns add s1
ip netns add s2
ip -n s1 link add br0 address 02:00:00:00:01:00 type bridge stp_state 1
ip -n s2 link add br0 address 02:00:00:00:02:00 type bridge stp_state 1
ip link add a1 netns s1 address 02:00:00:00:01:01 type veth peer name b1 netns s2 address 02:00:00:00:02:01
ip link add a2 netns s1 address 02:00:00:00:01:02 type veth peer name b2 netns s2 address 02:00:00:00:02:02
ip -n s1 link set a1 master br0
ip -n s1 link set a2 master br0
ip -n s2 link set b1 master br0
ip -n s2 link set b2 master br0
ip -n s1 link set br0 up
ip -n s2 link set br0 up
ip -n s1 link set a1 up
ip -n s1 link set a2 up
ip -n s2 link set b1 up
ip -n s2 link set b2 up
sleep 35
bridge -n s1 link show
bridge -n s2 link show
ip -n s2 link set br0 type bridge priority 4096
sleep 1
bridge -n s1 link show
bridge -n s2 link show
sleep 17
bridge -n s1 link show
bridge -n s2 link show
sleep 17
bridge -n s1 link show
bridge -n s2 link show
