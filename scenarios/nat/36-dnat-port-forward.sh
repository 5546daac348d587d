# DNAT port forwarding: TCP to the router's published port 80 reaches the inside server on
# port 8080; conntrack shows the translated reply tuple; a refused connection leaves no entry
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
ip netns exec gw iptables -t nat -A PREROUTING -i g1 -p tcp --dport 80 -j DNAT --to-destination 192.168.1.10:8080
ip netns exec gw iptables -t nat -A PREROUTING -i g1 -p tcp --dport 81 -j DNAT --to-destination 192.168.1.10:8081
ip netns exec lan timeout 5 nc -l -p 8080 >/dev/null 2>&1 &
sleep 0.5
ip netns exec wan nc -v -w 2 -q 1 -p 40000 203.0.113.1 80 <<EOF
hello
EOF
ip netns exec wan nc -v -w 2 203.0.113.1 81
ip netns exec wan nc -z -v -w 2 203.0.113.1 8080
ip netns exec gw conntrack -L
ip netns exec gw iptables -t nat -L PREROUTING -n
ip netns exec gw iptables -t nat -L PREROUTING -v -n -x
