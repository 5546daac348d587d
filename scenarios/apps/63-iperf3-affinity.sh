# iperf3 -A: the CPU a process runs on (iperf_setaffinity), and its errors: a CPU the machine lacks
# (EINVAL at the run's start; a server also says "exiting"), an unparsable or negative value
# (parameter error, usage on stdout), n,m on a server (client only); taskset beside -A
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b iperf3 -s -A 5
ip netns exec b iperf3 -s -A x
ip netns exec b iperf3 -s -A -1
ip netns exec b iperf3 -s -1 -A 1 >/dev/null 2>&1 &
sleep 1
ip netns exec a iperf3 -c 10.0.0.2 -u -b 1M -t 1 -A 0,1 | grep -c sender
ip netns exec a iperf3 -c 10.0.0.2 -A 2
ip netns exec b iperf3 -s -A 0,1
ip netns exec b taskset -c 1 iperf3 -s -A 0 -1 >/dev/null 2>&1 &
sleep 1
ip netns exec a iperf3 -c 10.0.0.2 -u -b 1M -t 1 | grep -c receiver
