# router: c --veth-- r --veth-- s; r forwards (c vc 10.0.1.1/24 - r rc 10.0.1.254/24, r rs 10.0.2.254/24 - s vs 10.0.2.2/24).
# Server s 10.0.2.2 (iperf3 -s, ping target); client c 10.0.1.1.
# Setup only (ip/iptables/sysctl/bridge commands, no loops); run by measure-kernel.sh with
# iptables = iptables-legacy, and IPv6 switched off in every namespace right after `ip netns add`.
ip netns add c
ip netns add r
ip netns add s
ip link add vc netns c type veth peer name rc netns r
ip link add vs netns s type veth peer name rs netns r
ip -n c addr add 10.0.1.1/24 dev vc
ip -n r addr add 10.0.1.254/24 dev rc
ip -n r addr add 10.0.2.254/24 dev rs
ip -n s addr add 10.0.2.2/24 dev vs
ip -n c link set lo up
ip -n r link set lo up
ip -n s link set lo up
ip -n c link set vc up
ip -n r link set rc up
ip -n r link set rs up
ip -n s link set vs up
ip -n c route add default via 10.0.1.254
ip -n s route add default via 10.0.2.254
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
