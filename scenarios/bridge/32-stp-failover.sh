# s1 (root) and s2 joined directly by a2/b2 and through a plain bridge "mid" (no STP, so it
# forwards BPDUs) by a1/b1; b2 blocks. When mid's m1 goes down, b1 keeps its carrier but hears no
# more BPDUs: after max_age its information ages out and the blocked b2 becomes root port,
# forwarding 2 * forward_delay later; the ping then takes the other link
ip netns add s1
ip netns add s2
ip netns add mid
ip netns add h1
ip netns add h2
ip -n s1 link add br0 address 02:00:00:00:01:00 type bridge stp_state 1
ip -n s2 link add br0 address 02:00:00:00:02:00 type bridge stp_state 1
ip -n mid link add br0 address 02:00:00:00:03:00 type bridge
ip link add a1 netns s1 address 02:00:00:00:01:01 type veth peer name m1 netns mid address 02:00:00:00:03:01
ip link add m2 netns mid address 02:00:00:00:03:02 type veth peer name b1 netns s2 address 02:00:00:00:02:01
ip link add a2 netns s1 address 02:00:00:00:01:02 type veth peer name b2 netns s2 address 02:00:00:00:02:02
ip link add e1 netns h1 address 02:00:00:00:00:01 type veth peer name a3 netns s1 address 02:00:00:00:01:03
ip link add e2 netns h2 address 02:00:00:00:00:02 type veth peer name b3 netns s2 address 02:00:00:00:02:03
ip -n mid link set m1 master br0
ip -n mid link set m2 master br0
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
ip -n mid link set br0 up
ip -n mid link set m1 up
ip -n mid link set m2 up
ip -n s1 link set br0 up
ip -n s2 link set br0 up
ip -n s1 link set a1 up
ip -n s1 link set a2 up
ip -n s1 link set a3 up
ip -n s2 link set b1 up
ip -n s2 link set b2 up
ip -n s2 link set b3 up
sleep 35
bridge -n s2 link show
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.2
ip -n mid link set m1 down
bridge -n s2 link show
sleep 15
bridge -n s1 link show
bridge -n s2 link show
ip netns exec h1 ping -c 1 -W 1 10.0.0.2
sleep 10
bridge -n s2 link show
sleep 15
bridge -n s2 link show
sleep 15
bridge -n s2 link show
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.2
