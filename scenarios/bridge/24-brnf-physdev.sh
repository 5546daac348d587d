# br_netfilter: bridged IPv4 frames cross iptables (PREROUTING/FORWARD/POSTROUTING with in and
# out = the bridge); -m physdev tells the bridge ports apart; bridge-nf-call-iptables=0 bypasses it,
# unless the bridge itself asks for it (nf_call_iptables 1)
ip netns add sw
ip netns add h1
ip netns add h2
ip netns add h3
ip netns exec sw sysctl net.bridge.bridge-nf-call-iptables
ip -n sw link add br0 address 02:00:00:00:02:00 type bridge
ip link add e1 netns h1 address 02:00:00:00:00:01 type veth peer name p1 netns sw address 02:00:00:00:01:01
ip link add e2 netns h2 address 02:00:00:00:00:02 type veth peer name p2 netns sw address 02:00:00:00:01:02
ip link add e3 netns h3 address 02:00:00:00:00:03 type veth peer name p3 netns sw address 02:00:00:00:01:03
ip -n sw link set p1 master br0
ip -n sw link set p2 master br0
ip -n sw link set p3 master br0
ip -n sw addr add 10.0.0.254/24 dev br0
ip -n sw link set p1 up
ip -n sw link set p2 up
ip -n sw link set p3 up
ip -n sw link set br0 up
ip -n h1 addr add 10.0.0.1/24 dev e1
ip -n h2 addr add 10.0.0.2/24 dev e2
ip -n h3 addr add 10.0.0.3/24 dev e3
ip -n h1 link set e1 up
ip -n h2 link set e2 up
ip -n h3 link set e3 up
ip netns exec sw sysctl net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-arptables net.bridge.bridge-nf-call-ip6tables
ip netns exec sw iptables -t mangle -A PREROUTING -i br0 -m physdev --physdev-is-in -j ACCEPT
ip netns exec sw iptables -t mangle -A POSTROUTING -o br0 -m physdev --physdev-is-out -j ACCEPT
ip netns exec sw iptables -t mangle -A POSTROUTING -o br0 -m physdev ! --physdev-is-bridged -j ACCEPT
ip netns exec sw iptables -A FORWARD -i br0 -o br0 -m physdev --physdev-in p1 --physdev-out p3 -j DROP
ip netns exec sw iptables -A FORWARD -m physdev --physdev-in p+ ! --physdev-out p1 -j ACCEPT
ip netns exec sw iptables -A FORWARD -m physdev --physdev-is-bridged -j ACCEPT
ip netns exec sw iptables -A FORWARD -m physdev ! --physdev-is-bridged -j ACCEPT
ip netns exec sw iptables -A INPUT -m physdev --physdev-in p2 -j ACCEPT
ip netns exec sw iptables -A INPUT -m physdev ! --physdev-is-in -j ACCEPT
ip netns exec sw iptables -A OUTPUT -m physdev --physdev-out p1 -j DROP
ip netns exec sw iptables -A FORWARD -m physdev
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.2
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.3
ip netns exec h2 ping -c 1 -W 1 10.0.0.254
ip netns exec sw iptables-save -c
ip netns exec sw iptables -L FORWARD -v -n -x
ip netns exec sw sysctl -w net.bridge.bridge-nf-call-iptables=0
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.3
ip netns exec sw iptables -L FORWARD -v -n -x
ip netns exec sw iptables -t mangle -L -v -n -x
ip netns exec h1 sysctl net.bridge.bridge-nf-call-iptables
ip -n h3 -s link show e3
ip -n sw link set br0 type bridge nf_call_iptables 1
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.3
ip netns exec sw iptables -L FORWARD -v -n -x
ip -n sw link set br0 type bridge nf_call_iptables 300
