# veth-samecpu: the veth path with iperf3's client and server on the same CPU (measure-kernel.sh pins
# both to CPU 0; the simulator runs s's processes on c's CPU): per delivered datagram that CPU
# does the whole path and the receiver's recvmsg, which calibrates udp_recvmsg.
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
