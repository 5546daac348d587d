# iperf3 3.12 over TCP through a router namespace, c (10.0.1.2) - r - s (10.0.2.2): by bytes
# (-n, with -l 64K -f m, with -w 64K), by time (-t, two streams, reversed, JSON, -i 0.5 from a
# fixed client port)
ip netns add c
ip netns add r
ip netns add s
ip link add vc netns c type veth peer name rc netns r
ip link add vs netns s type veth peer name rs netns r
ip -n c addr add 10.0.1.2/24 dev vc
ip -n r addr add 10.0.1.1/24 dev rc
ip -n r addr add 10.0.2.1/24 dev rs
ip -n s addr add 10.0.2.2/24 dev vs
ip -n c link set vc up
ip -n r link set rc up
ip -n r link set rs up
ip -n s link set vs up
ip -n c route add default via 10.0.1.1
ip -n s route add default via 10.0.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec s iperf3 -s -D
sleep 0.5
ip netns exec c iperf3 -c 10.0.2.2 -n 1M
ip netns exec c iperf3 -c 10.0.2.2 -t 1 -P 2
ip netns exec c iperf3 -c 10.0.2.2 -t 1 -R
ip netns exec c iperf3 -c 10.0.2.2 -n 2M -l 64K -f m
ip netns exec c iperf3 -c 10.0.2.2 -t 1 -J
ip netns exec c iperf3 -c 10.0.2.2 -t 1 -i 0.5 --cport 40000
ip netns exec c iperf3 -c 10.0.2.2 -n 1M -w 64K
