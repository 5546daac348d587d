# a Docker-style host: bridge docker0 with the containers' gateway address, a veth per container
# namespace, MASQUERADE for the containers' subnet out of eth0, a published port (DNAT tcp 8080 to
# c1:80), and Docker's FORWARD chains: container-to-container frames are bridged but still cross
# FORWARD with -i docker0 -o docker0
ip netns add host
ip netns add c1
ip netns add c2
ip netns add out
ip -n host link add docker0 address 02:42:00:00:00:01 type bridge
ip -n host addr add 172.17.0.1/16 dev docker0
ip -n host link set docker0 up
ip link add eth0 netns c1 address 02:42:ac:11:00:02 type veth peer name veth1 netns host address 02:00:00:00:01:01
ip link add eth0 netns c2 address 02:42:ac:11:00:03 type veth peer name veth2 netns host address 02:00:00:00:01:02
ip -n host link set veth1 master docker0
ip -n host link set veth2 master docker0
ip -n host link set veth1 up
ip -n host link set veth2 up
ip -n c1 addr add 172.17.0.2/16 dev eth0
ip -n c2 addr add 172.17.0.3/16 dev eth0
ip -n c1 link set eth0 up
ip -n c2 link set eth0 up
ip -n c1 route add default via 172.17.0.1
ip -n c2 route add default via 172.17.0.1
ip link add eth0 netns host address 02:00:00:00:09:01 type veth peer name eth0 netns out address 02:00:00:00:09:02
ip -n host addr add 198.51.100.1/24 dev eth0
ip -n out addr add 198.51.100.2/24 dev eth0
ip -n host link set eth0 up
ip -n out link set eth0 up
ip netns exec host sysctl -w net.ipv4.ip_forward=1
ip netns exec host iptables-restore <<EOF
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE
-A DOCKER -i docker0 -j RETURN
-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:DOCKER - [0:0]
:DOCKER-ISOLATION-STAGE-1 - [0:0]
:DOCKER-ISOLATION-STAGE-2 - [0:0]
:DOCKER-USER - [0:0]
-A FORWARD -j DOCKER-USER
-A FORWARD -j DOCKER-ISOLATION-STAGE-1
-A FORWARD -o docker0 -m state --state RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o docker0 -j DOCKER
-A FORWARD -i docker0 ! -o docker0 -j ACCEPT
-A FORWARD -i docker0 -o docker0 -j ACCEPT
-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -j RETURN
-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
-A DOCKER-ISOLATION-STAGE-2 -j RETURN
-A DOCKER-USER -j RETURN
COMMIT
EOF
ip netns exec c1 ping -c 2 -i 0.2 -W 1 198.51.100.2
ip netns exec c2 ping -c 1 -W 1 172.17.0.2
ip netns exec c1 ping -c 1 -W 1 172.17.0.1
ip netns exec out ping -c 1 -W 1 172.17.0.2
ip netns exec host iptables-save -c
ip -n host -s link show docker0
ip -n host link show master docker0
bridge -n host fdb show br docker0
ip netns exec c1 timeout 5 nc -l -p 80 >/dev/null 2>&1 &
sleep 0.5
ip netns exec out nc -v -w 2 -q 1 -p 40000 198.51.100.1 8080 <<EOF
hello
EOF
ip netns exec host conntrack -L
ip netns exec host iptables -t nat -L -v -n -x
ip netns exec host iptables -L DOCKER -v -n -x
