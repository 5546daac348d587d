# iperf3 3.12's error paths and exit statuses: nobody listening, a port in use, bad options and
# values (getopt's complaints and the long usage go to stderr, a parameter error's usage to
# stdout, which most lines here discard), garbage -b read as 0, a one-off server's own report
# (saved to a file and shown after its client: a background job's output would interleave; the
# client is UDP by block count, since after a TCP -t run the server's report sometimes ends with a
# short extra interval and sometimes not)
ip netns add c
ip netns add s
ip link add vc netns c type veth peer name vs netns s
ip -n c addr add 10.0.0.1/24 dev vc
ip -n s addr add 10.0.0.2/24 dev vs
ip -n c link set vc up
ip -n s link set vs up
ip netns exec s iperf3 -s -D
sleep 0.5
ip netns exec c iperf3 -c 10.0.0.2 -p 5202
ip netns exec s iperf3 -s -1
ip netns exec c iperf3 -x
ip netns exec c iperf3
ip netns exec c iperf3 -c 2>&1 | head -2
ip netns exec c iperf3 -s -c 10.0.0.2 >/dev/null
ip netns exec c iperf3 -c 10.0.0.2 -u -l 70000 >/dev/null
ip netns exec c iperf3 -c 10.0.0.2 -t 86401 >/dev/null
ip netns exec c iperf3 -c 10.0.0.2 -P 200 >/dev/null
ip netns exec c iperf3 -c 10.0.0.2 -n 1M -t 1 >/dev/null
ip netns exec c iperf3 -c 10.0.0.2 -p 0 >/dev/null
ip netns exec c iperf3 -c 10.0.0.2 -p 65536 >/dev/null
ip netns exec c iperf3 -c 10.0.0.2 -f x >/dev/null
ip netns exec c iperf3 -c 10.0.0.2 -i 0.05 >/dev/null
ip netns exec c iperf3 -c 10.0.0.2 -i 61 >/dev/null
ip netns exec c iperf3 -c 10.0.0.2 -w 1G >/dev/null
ip netns exec c iperf3 -c 10.0.0.2 -D >/dev/null
ip netns exec c iperf3 -s -u >/dev/null
ip netns exec c iperf3 -c not-an-address
ip netns exec c iperf3 -c 10.0.0.2 -b foo -t 1
ip netns exec s timeout 10 iperf3 -s -1 -p 5301 >/tmp/linuxnet-62-iperf3-server 2>&1 &
sleep 0.5
ip netns exec c iperf3 -c 10.0.0.2 -p 5301 -u -k 50 -l 500
sleep 0.5
cat /tmp/linuxnet-62-iperf3-server
ip netns exec c iperf3 -v
