# two clients behind one MASQUERADE use the same ICMP identifier: the second mapping gets
# another one, both flows work, conntrack lists both
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
ip netns add lan2
ip link add w0 netns lan2 type veth peer name g2 netns gw
ip -n lan2 addr add 192.168.2.10/24 dev w0
ip -n gw addr add 192.168.2.1/24 dev g2
ip -n lan2 link set w0 up
ip -n gw link set g2 up
ip -n lan2 route add default via 192.168.2.1
ip netns exec gw iptables -t nat -A POSTROUTING -o g1 -j MASQUERADE
ip netns exec lan ping -c 1 -W 1 -e 4242 203.0.113.2
ip netns exec lan2 ping -c 1 -W 1 -e 4242 203.0.113.2
ip netns exec gw conntrack -L -p icmp
ip netns exec gw iptables -t nat -L POSTROUTING -v -n
ip netns exec gw conntrack -D -s 192.168.1.10
ip netns exec gw conntrack -L
ip netns exec gw conntrack -F
ip netns exec gw conntrack -C
