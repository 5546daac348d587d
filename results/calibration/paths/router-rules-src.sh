# router-rules-src: router + K non-matching header-only rules in r's FORWARD chain, each one crossed by
# every packet: -A FORWARD -s 198.18.X.Y/32 -j DROP (198.18.0.0/15, RFC 2544 benchmark range,
# so K up to 131072 distinct /32s; the test traffic is from 10.0.1.1 / 10.0.2.2 and never matches).
# K rules are not written out here: the driver generates the iptables-restore file and passes its
# name in $RULES (K is in $K, only as a label); `measure-kernel.sh --rules src K > FILE` prints the
# very same file, e.g. for running this script in the simulator with $RULES substituted.
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
ip netns exec r iptables-restore < "$RULES"
