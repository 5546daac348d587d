# DNAT on bridged traffic (br_netfilter): h1 pings h2's address; PREROUTING rewrites it to h3 on the
# same bridge (the frame stays bridged, to h3's MAC, and its TTL is untouched), or to a host
# behind a routed interface (the frame goes up to the bridge device and is routed)
ip netns add sw
ip netns add h1
ip netns add h2
ip netns add h3
ip netns add far
ip -n sw link add br0 address 02:00:00:00:02:00 type bridge
ip link add e1 netns h1 address 02:00:00:00:00:01 type veth peer name p1 netns sw address 02:00:00:00:01:01
ip link add e2 netns h2 address 02:00:00:00:00:02 type veth peer name p2 netns sw address 02:00:00:00:01:02
ip link add e3 netns h3 address 02:00:00:00:00:03 type veth peer name p3 netns sw address 02:00:00:00:01:03
ip link add f0 netns far address 02:00:00:00:00:09 type veth peer name up0 netns sw address 02:00:00:00:01:09
ip -n sw link set p1 master br0
ip -n sw link set p2 master br0
ip -n sw link set p3 master br0
ip -n sw addr add 10.0.0.254/24 dev br0
ip -n sw addr add 10.9.0.1/24 dev up0
ip -n sw link set p1 up
ip -n sw link set p2 up
ip -n sw link set p3 up
ip -n sw link set up0 up
ip -n sw link set br0 up
ip -n h1 addr add 10.0.0.1/24 dev e1
ip -n h2 addr add 10.0.0.2/24 dev e2
ip -n h3 addr add 10.0.0.3/24 dev e3
ip -n far addr add 10.9.0.2/24 dev f0
ip -n h1 link set e1 up
ip -n h2 link set e2 up
ip -n h3 link set e3 up
ip -n far link set f0 up
ip -n far route add default via 10.9.0.1
ip netns exec sw sysctl -w net.ipv4.ip_forward=1
ip netns exec h1 ping -c 1 -W 1 10.0.0.2
ip netns exec sw ping -c 1 -W 1 10.0.0.3
ip netns exec sw iptables -t nat -A PREROUTING -s 10.0.0.1 -d 10.0.0.2 -p icmp -j DNAT --to-destination 10.0.0.3
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.2
ip -n h2 -s link show e2
ip -n h3 -s link show e3
ip netns exec sw conntrack -L
ip netns exec sw iptables -t nat -R PREROUTING 1 -s 10.0.0.1 -d 10.0.0.2 -p icmp -j DNAT --to-destination 10.9.0.2
ip netns exec sw conntrack -F
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.2
ip -n far -s link show f0
ip netns exec sw conntrack -L
ip netns exec sw iptables-save -c -t nat
