# a stateful firewall on a bridge: conntrack follows bridged frames (br_netfilter), so FORWARD
# can let h1 open connections to h2 and h2's replies back while h2 cannot open any to h1
ip netns add sw
ip netns add h1
ip netns add h2
ip -n sw link add br0 address 02:00:00:00:02:00 type bridge
ip link add e1 netns h1 address 02:00:00:00:00:01 type veth peer name p1 netns sw address 02:00:00:00:01:01
ip link add e2 netns h2 address 02:00:00:00:00:02 type veth peer name p2 netns sw address 02:00:00:00:01:02
ip -n sw link set p1 master br0
ip -n sw link set p2 master br0
ip -n sw link set p1 up
ip -n sw link set p2 up
ip -n sw link set br0 up
ip -n h1 addr add 10.0.0.1/24 dev e1
ip -n h2 addr add 10.0.0.2/24 dev e2
ip -n h1 link set e1 up
ip -n h2 link set e2 up
ip netns exec sw iptables -P FORWARD DROP
ip netns exec sw iptables -A FORWARD -m state --state ESTABLISHED,RELATED -j ACCEPT
ip netns exec sw iptables -A FORWARD -m physdev --physdev-in p1 --physdev-out p2 -m state --state NEW -j ACCEPT
ip netns exec sw iptables -A FORWARD -m physdev --physdev-is-bridged -m state --state NEW -j DROP
ip netns exec h1 ping -c 3 -i 0.2 -W 1 10.0.0.2
ip netns exec h2 ping -c 2 -i 0.2 -W 1 10.0.0.1
ip netns exec h2 timeout 5 nc -u -l -p 5000 >/dev/null 2>&1 &
sleep 0.5
ip netns exec h1 nc -u -w 1 -q 1 -p 4000 10.0.0.2 5000 <<EOF
hello
EOF
ip netns exec sw conntrack -L
ip netns exec sw iptables-save -c
ip netns exec sw iptables -L FORWARD -v -n -x
ip -n h1 -s link show e1
ip -n h2 -s link show e2
