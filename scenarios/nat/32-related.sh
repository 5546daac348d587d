# an ICMP error about a tracked flow is RELATED: a FORWARD policy of DROP lets it through with
# ESTABLISHED,RELATED; the error is translated back through MASQUERADE
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
ip netns add far
ip link add v2 netns wan type veth peer name f0 netns far
ip -n wan addr add 198.51.100.1/24 dev v2
ip -n far addr add 198.51.100.2/24 dev f0
ip -n wan link set v2 up
ip -n far link set f0 up
ip -n gw route add default via 203.0.113.2
ip netns exec wan sysctl -w net.ipv4.ip_forward=1
ip netns exec gw iptables -t nat -A POSTROUTING -o g1 -j MASQUERADE
ip netns exec gw iptables -A FORWARD -i g0 -o g1 -j ACCEPT
ip netns exec gw iptables -A FORWARD -m state --state ESTABLISHED,RELATED -j ACCEPT
ip netns exec gw iptables -P FORWARD DROP
ip netns exec lan ping -c 2 -i 0.2 -W 1 -t 2 198.51.100.2
ip netns exec lan ping -c 1 -W 1 198.51.100.2
ip netns exec gw iptables-save -c -t filter
ip netns exec gw iptables-save -c -t nat
