# veth-samecpu: the veth path with iperf3's client and server on the same CPU (measure-kernel.sh
# --paths veth-samecpu pins both to CPU 0; `linuxnet measure` runs s's processes on c's CPU). Not
# in the default set: the kernel's CFS lets the reader fall behind and spares the sender the
# wakeup it pays with its reader elsewhere, which the model does not express (README, Time).
# Server s 10.0.2.2 (iperf3 -s, ping target); client c 10.0.2.1.
# Setup only (ip/iptables/sysctl/bridge commands, no loops); run by measure-kernel.sh with
# iptables = iptables-legacy, and IPv6 switched off in every namespace right after `ip netns add`.
ip netns add c
ip netns add s
ip link add vc netns c type veth peer name vs netns s
ip -n c addr add 10.0.2.1/24 dev vc
ip -n s addr add 10.0.2.2/24 dev vs
ip -n c link set lo up
ip -n s link set lo up
ip -n c link set vc up
ip -n s link set vs up
