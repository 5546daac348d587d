# bad input gets the real tools' messages and exit statuses, and changes nothing
ip netns add a
ip netns add a
ip netns del nope
ip netns exec zz ip link
ip -n zz link
ip -n a link show nope
ip -n a link set nope up
ip -n a addr add 10.0.0.1/24 dev nope
ip -n a addr add 10.0.0.300/24 dev lo
ip -n a link set lo up
ip -n a addr add 127.0.0.1/8 dev lo
ip -n a addr del 10.1.1.1/24 dev lo
ip -n a route add 10.5.0.0/16 via 10.9.9.9
ip -n a route add 10.5.0.0/16 dev lo
ip -n a route add 10.5.0.0/16 dev lo
ip -n a route del 10.6.0.0/16
ip -n a route get 8.8.8.8
ip -n a foo
ip -n a link add x type nosuch
ip -n a link add v0 type veth peer name v0
ip -n a link add lo type veth
ip -n a link del lo
ip -n a link show
ip netns exec a ping -c 1 -W 1 8.8.8.8
ip netns exec a sysctl net.ipv4.nope
ip netns exec a sysctl -w net.ipv4.ip_forward=abc
ip netns exec a sysctl -w net.ipv4.ip_forward
ip netns exec a sysctl net.ipv4.conf.nodev.forwarding
ip netns exec a sysctl net.ipv4.ip_forward
ip netns exec a ping
ip netns exec a ping -c 0 1.1.1.1
ip netns exec a ping -c 1 -I 10.9.9.9 127.0.0.1
ip netns list
