# REDIRECT: TCP to any address on port 80 from the inside is redirected to a server on the
# router itself (port 8080 of the incoming interface's address)
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
ip netns exec gw iptables -t nat -A PREROUTING -i g0 -p tcp --dport 80 -j REDIRECT --to-ports 8080
ip netns exec gw timeout 4 nc -l -p 8080 >/dev/null 2>&1 &
sleep 0.5
ip netns exec lan nc -v -w 2 -q 1 -p 40000 203.0.113.2 80 <<EOF
hello
EOF
ip netns exec lan nc -v -w 2 -p 40001 203.0.113.2 80
ip netns exec gw conntrack -L
ip netns exec gw iptables -t nat -L PREROUTING -n
