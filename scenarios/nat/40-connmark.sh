# connection marks: the mangle table marks the first packet of a flow, CONNMARK --save-mark
# keeps it in the conntrack, --restore-mark puts it on every later packet, -m mark/-m connmark count
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
ip netns exec gw iptables -t mangle -A PREROUTING -j CONNMARK --restore-mark
ip netns exec gw iptables -t mangle -A PREROUTING -m mark ! --mark 0 -j ACCEPT
ip netns exec gw iptables -t mangle -A PREROUTING -p icmp -j MARK --set-mark 1
ip netns exec gw iptables -t mangle -A PREROUTING -p udp --dport 53 -j MARK --set-mark 2
ip netns exec gw iptables -t mangle -A PREROUTING -j CONNMARK --save-mark
ip netns exec gw iptables -A FORWARD -m connmark --mark 1 -j ACCEPT
ip netns exec gw iptables -A FORWARD -m mark --mark 2 -j ACCEPT
ip netns exec gw iptables -A FORWARD -m connmark --mark 0
ip netns exec gw iptables -t nat -A POSTROUTING -o g1 -j MASQUERADE
ip netns exec wan timeout 3 nc -l -u -p 53 >/dev/null 2>&1 <<EOF &
pong
EOF
sleep 0.5
ip netns exec lan ping -c 2 -i 0.2 -W 1 203.0.113.2
ip netns exec lan nc -u -w 1 -p 40000 203.0.113.2 53 <<EOF
ping
EOF
ip netns exec lan nc -u -w 1 -p 40001 203.0.113.2 54 <<EOF
ping
EOF
ip netns exec gw conntrack -L
ip netns exec gw iptables-save -c -t mangle
ip netns exec gw iptables -L FORWARD -v -n -x
