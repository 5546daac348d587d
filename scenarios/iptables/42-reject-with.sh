# REJECT with each ICMP type on INPUT and on OUTPUT, and DROP on OUTPUT: what ping reports, and the
# counters of the rules and of the error packets leaving through OUTPUT
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b iptables -A OUTPUT -p icmp -j ACCEPT
ip netns exec b iptables -I INPUT -j REJECT --reject-with icmp-host-unreachable
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -j REJECT --reject-with icmp-port-unreachable
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -j REJECT --reject-with icmp-admin-prohibited
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -j REJECT --reject-with icmp-proto-unreachable
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -j REJECT --reject-with icmp-net-unreachable
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -j REJECT --reject-with icmp-net-prohibited
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -j REJECT --reject-with icmp-host-prohibited
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -j REJECT --reject-with host-unreach
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p tcp -j REJECT --reject-with tcp-reset
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -L -v -n
ip netns exec b iptables -S
ip netns exec b iptables -D INPUT 1
ip netns exec a iptables -A OUTPUT -d 10.0.0.2 -j REJECT
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -R OUTPUT 1 -d 10.0.0.2 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -R OUTPUT 1 -d 10.0.0.3 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -L OUTPUT -v -n -x --line-numbers
ip netns exec b iptables-save -c
