# conntrack after TCP and UDP flows: an open connection (ESTABLISHED), a closed one (TIME_WAIT),
# one reset after its handshake (CLOSE), UDP with and without an answer ([UNREPLIED]), [ASSURED]
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
ip -n wan route add 192.168.1.0/24 via 203.0.113.1
ip netns exec gw iptables -A FORWARD -m state --state INVALID -j DROP
ip netns exec wan iptables -N rst
ip netns exec wan iptables -A INPUT -p tcp --dport 8082 -j rst
ip netns exec wan iptables -A rst -p tcp -m length --length 58 -j REJECT --reject-with tcp-reset
ip netns exec wan timeout 7 nc -l -p 8081 >/dev/null 2>&1 &
ip netns exec wan timeout 7 nc -l -p 8082 >/dev/null 2>&1 &
ip netns exec wan timeout 7 nc -l -p 8083 >/dev/null 2>&1 &
ip netns exec wan timeout 7 nc -l -u -p 5353 >/dev/null 2>&1 &
ip netns exec wan timeout 7 nc -l -u -p 5354 >/dev/null 2>&1 <<EOF &
pong
EOF
sleep 0.5
ip netns exec lan timeout 6 nc -p 40001 203.0.113.2 8081 >/dev/null 2>&1 &
ip netns exec lan nc -v -w 2 -p 40002 203.0.113.2 8082 <<EOF
hello
EOF
ip netns exec lan nc -w 2 -q 1 -p 40003 203.0.113.2 8083 <<EOF
hello
EOF
ip netns exec lan nc -u -w 1 -p 40004 203.0.113.2 5353 <<EOF
ping
EOF
ip netns exec lan nc -u -w 1 -p 40005 203.0.113.2 5354 <<EOF
ping
EOF
ip netns exec gw conntrack -L
sleep 5
ip netns exec gw conntrack -L -p tcp
ip netns exec wan iptables -L rst -v -n -x
