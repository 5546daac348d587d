# MASQUERADE follows the out device's address: when that address goes, the connections
# masqueraded to it are dropped, and the next packet is masqueraded to the new one
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
ip netns exec lan ping -c 1 -W 1 -e 777 203.0.113.2
ip netns exec gw conntrack -L
ip -n gw addr add 203.0.113.9/24 dev g1
ip netns exec gw conntrack -C
ip -n gw addr del 203.0.113.1/24 dev g1
ip netns exec gw conntrack -C
ip netns exec lan ping -c 1 -W 1 -e 777 203.0.113.2
ip netns exec gw conntrack -L
ip netns exec gw iptables -t nat -L POSTROUTING -v -n -x
ip -n gw link set g1 down
ip netns exec gw conntrack -C
