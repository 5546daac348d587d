# SNAT to a fixed address: the far side sees the router's address; only the first packet of the
# flow crosses the nat table; conntrack shows the mapping
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
ip netns exec gw iptables -t nat -A POSTROUTING -s 192.168.1.0/24 -o g1 -j SNAT --to-source 203.0.113.1
ip netns exec wan iptables -A INPUT -p icmp -s 192.168.1.10 -j DROP
ip netns exec lan ping -c 3 -i 0.2 -W 1 203.0.113.2
ip netns exec gw iptables -t nat -L -v -n -x
ip netns exec gw conntrack -L
ip netns exec gw conntrack -C
ip netns exec wan iptables-save -c
