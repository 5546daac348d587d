# DNAT: pings to the router's public address are forwarded to the inside host, which answers
# from behind the router
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
ip -n lan route del default
ip -n lan route add default via 192.168.1.1
ip netns exec gw iptables -t nat -A PREROUTING -i g1 -d 203.0.113.1 -p icmp -j DNAT --to-destination 192.168.1.10
ip netns exec wan ping -c 2 -i 0.2 -W 1 203.0.113.1
ip netns exec gw iptables-save -c -t nat
ip netns exec gw conntrack -L -p icmp
ip -n lan -s link show v0
