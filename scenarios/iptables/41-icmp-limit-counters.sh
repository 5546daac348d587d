# ICMP type matches and a limit with a burst in a user chain: the first two echo requests are
# under the limit and RETURN, the rest are logged and rejected with host-prohibited; counters and
# every listing show which rules the packets crossed
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b iptables -N CNT
ip netns exec b iptables -A INPUT -p icmp -j CNT
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-reply -j ACCEPT
ip netns exec b iptables -A INPUT -p icmp --icmp-type 8/0 -j ACCEPT
ip netns exec b iptables -A CNT -p icmp --icmp-type echo-request -m limit --limit 1/sec --limit-burst 2 -j RETURN
ip netns exec b iptables -A CNT -p icmp --icmp-type 3 -j ACCEPT
ip netns exec b iptables -A CNT -j LOG --log-prefix "over: "
ip netns exec b iptables -A CNT -p icmp -j REJECT --reject-with icmp-host-prohibited
ip netns exec b iptables -A OUTPUT -p icmp --icmp-type destination-unreachable -j ACCEPT
ip netns exec b iptables -A OUTPUT -p icmp --icmp-type host-prohibited
ip netns exec b iptables -A OUTPUT -p icmp --icmp-type port-unreachable
ip netns exec b iptables -A OUTPUT -p icmp --icmp-type echo-reply
ip netns exec a ping -c 5 -i 0.2 -W 1 10.0.0.2
ip netns exec b iptables -nvL
ip netns exec b iptables -L CNT --line -n -v -x
ip netns exec b iptables -S -v
ip netns exec b iptables-save -c
ip netns exec b iptables -Z INPUT 1
ip netns exec b iptables -Z INPUT 5
ip netns exec b iptables -L INPUT -v -n
ip netns exec b iptables -L -v -Z
ip netns exec b iptables -L -v
ip netns exec a ping -c 1 -s 300 -W 1 10.0.0.2
ip netns exec b iptables -L -v -x -n
