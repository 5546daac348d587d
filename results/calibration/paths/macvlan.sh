# macvlan: c and s each own a macvlan (mode bridge) on one parent p0 in a third namespace br;
# p0 is a veth whose peer p1 is up in br too (CONFIG_DUMMY is not set on the 6.18 test kernel,
# so no dummy device). c mc 10.0.2.1/24, s ms 10.0.2.2/24; frames between them are switched
# inside the macvlan driver and never cross p0.
# Server s 10.0.2.2 (iperf3 -s, ping target); client c 10.0.2.1.
# Setup only (ip/iptables/sysctl/bridge commands, no loops); run by measure-kernel.sh with
# iptables = iptables-legacy, and IPv6 switched off in every namespace right after `ip netns add`.
ip netns add c
ip netns add br
ip netns add s
ip -n br link add p0 type veth peer name p1
ip -n br link set p0 up
ip -n br link set p1 up
ip -n br link add mc link p0 type macvlan mode bridge
ip -n br link add ms link p0 type macvlan mode bridge
ip -n br link set mc netns c
ip -n br link set ms netns s
ip -n c addr add 10.0.2.1/24 dev mc
ip -n s addr add 10.0.2.2/24 dev ms
ip -n c link set lo up
ip -n s link set lo up
ip -n c link set mc up
ip -n s link set ms up
