# UDP to a closed port behind MASQUERADE: the ICMP port unreachable is RELATED to the UDP flow,
# passes a FORWARD policy of DROP and is translated back; nc sees the refusal and exits
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
ip netns exec gw iptables -t nat -A POSTROUTING -o g1 -j MASQUERADE
ip netns exec gw iptables -A FORWARD -i g0 -o g1 -j ACCEPT
ip netns exec gw iptables -A FORWARD -m state --state ESTABLISHED -j ACCEPT
ip netns exec gw iptables -A FORWARD -m state --state RELATED -j ACCEPT
ip netns exec gw iptables -P FORWARD DROP
ip netns exec wan timeout 3 nc -l -u -p 9 >/dev/null 2>&1 &
sleep 0.5
ip netns exec lan nc -u -w 1 -p 40000 203.0.113.2 7 <<EOF
hello
EOF
ip netns exec lan nc -u -w 1 -p 40001 203.0.113.2 9 <<EOF
hello
EOF
ip netns exec gw conntrack -L
ip netns exec gw iptables-save -c -t filter
ip netns exec gw iptables-save -c -t nat
ip -n wan -s link show v1
