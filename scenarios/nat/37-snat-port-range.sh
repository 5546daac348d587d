# SNAT to an address and a port range: a source port inside the range is kept, for TCP and UDP;
# the UDP server answers from its here-document
ip netns add lan
ip netns add gw
ip netns add wan
ip link add v0 netns lan type veth peer name g0 netns gw
ip link add v1 netns wan type veth peer name g1 netns gw
ip -n lan addr add 192.168.1.10/24 dev v0
ip -n gw addr add 192.168.1.1/24 dev g0
ip -n gw addr add 203.0.113.1/24 dev g1
ip -n wan addr add 203.0.113.2/24 dev v1
ip -n lan link set v0 up
ip -n gw link set g0 up
ip -n gw link set g1 up
ip -n wan link set v1 up
ip -n lan route add default via 192.168.1.1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec gw iptables -t nat -A POSTROUTING -o g1 -p tcp -j SNAT --to-source 203.0.113.1:1000-1010
ip netns exec gw iptables -t nat -A POSTROUTING -o g1 -p udp -j SNAT --to-source 203.0.113.1:1000-1010
ip netns exec wan timeout 5 nc -l -p 80 >/dev/null 2>&1 &
ip netns exec wan timeout 5 nc -l -u -p 53 >/dev/null 2>&1 <<EOF &
pong
EOF
sleep 0.5
ip netns exec lan nc -w 2 -q 1 -p 1005 203.0.113.2 80 <<EOF
hello
EOF
ip netns exec lan nc -u -w 1 -p 1003 203.0.113.2 53 <<EOF
ping
EOF
ip netns exec gw conntrack -L
ip netns exec gw iptables -t nat -L POSTROUTING -n
