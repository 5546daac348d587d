# the raw table's NOTRACK (and CT --notrack) keep packets out of conntrack: they are UNTRACKED
# for the state match and never reach the nat table
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
ip netns exec gw iptables -t raw -A PREROUTING -i g0 -p icmp --icmp-type echo-request -j NOTRACK
ip netns exec gw iptables -t raw -A PREROUTING -i g1 -p icmp -j CT --notrack
ip netns exec gw iptables -A FORWARD -m state --state UNTRACKED -j ACCEPT
ip netns exec gw iptables -A FORWARD -m state --state NEW,ESTABLISHED -j ACCEPT
ip netns exec gw iptables -t nat -A POSTROUTING -o g1 -j MASQUERADE
ip netns exec wan ip route add 192.168.1.0/24 via 203.0.113.1
ip netns exec lan ping -c 2 -i 0.2 -W 1 203.0.113.2
ip netns exec gw iptables-save -c -t raw
ip netns exec gw iptables-save -c -t filter
ip netns exec gw iptables-save -c -t nat
ip netns exec gw conntrack -L
