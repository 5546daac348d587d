# iperf3 3.12 over UDP between two namespaces joined by a veth: paced by time (-t, -i 0.5), by
# block count (-k) and by bytes (-n, JSON), reversed (-R), two streams with a fixed unit (-f k).
# The daemon server (-D) prints nothing; the link counters after time-paced runs vary, so none.
ip netns add c
ip netns add s
ip link add vc netns c type veth peer name vs netns s
ip -n c addr add 10.0.0.1/24 dev vc
ip -n s addr add 10.0.0.2/24 dev vs
ip -n c link set vc up
ip -n s link set vs up
ip netns exec s iperf3 -s -D
sleep 0.5
ip netns exec c iperf3 -c 10.0.0.2 -u -b 10M -l 1000 -t 2
ip netns exec c iperf3 -c 10.0.0.2 -u -k 100 -l 500
ip netns exec c iperf3 -c 10.0.0.2 -u -b 20M -l 1200 -t 1 -i 0.5
ip netns exec c iperf3 -c 10.0.0.2 -u -b 5M -t 1 -R
ip netns exec c iperf3 -c 10.0.0.2 -u -n 100K -J
ip netns exec c iperf3 -c 10.0.0.2 -u -b 4M -t 1 -P 2 -f k
