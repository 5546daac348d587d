# REJECT and DROP of a host's own pings on OUTPUT: with lo down the REJECT's ICMP error has
# nowhere to go and ping sees nothing; with lo up it reads the error and reports the failed sendmsg
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec a iptables -A OUTPUT -d 10.0.0.2 -j REJECT
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -R OUTPUT 1 -d 10.0.0.2 -j REJECT --reject-with icmp-host-prohibited
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -R OUTPUT 1 -d 10.0.0.2 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip -n a link set lo up
ip netns exec a iptables -R OUTPUT 1 -d 10.0.0.2 -j REJECT
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -R OUTPUT 1 -d 10.0.0.2 -j REJECT --reject-with icmp-host-prohibited
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -R OUTPUT 1 -d 10.0.0.2 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -L OUTPUT -v -n
ip netns exec a iptables -L INPUT -v -n
