# bridge-nf0: c --veth-- [br0 in namespace br] --veth-- s, c and s on one /24 (c vc 10.0.2.1/24,
# s vs 10.0.2.2/24; br0 has no address, ports bc and bs); in br net.bridge.bridge-nf-call-iptables=0
# (br_netfilter must be loaded or built in; no iptables table exists in br).
# Server s 10.0.2.2 (iperf3 -s, ping target); client c 10.0.2.1.
# Setup only (ip/iptables/sysctl/bridge commands, no loops); run by measure-kernel.sh with
# iptables = iptables-legacy, and IPv6 switched off in every namespace right after `ip netns add`.
ip netns add c
ip netns add br
ip netns add s
ip link add vc netns c type veth peer name bc netns br
ip link add vs netns s type veth peer name bs netns br
ip -n br link add br0 type bridge
ip -n br link set bc master br0
ip -n br link set bs master br0
ip netns exec br sysctl -qw net.bridge.bridge-nf-call-iptables=0
ip -n c addr add 10.0.2.1/24 dev vc
ip -n s addr add 10.0.2.2/24 dev vs
ip -n c link set lo up
ip -n br link set lo up
ip -n s link set lo up
ip -n c link set vc up
ip -n br link set bc up
ip -n br link set bs up
ip -n br link set br0 up
ip -n s link set vs up
