# state and conntrack matches on ping traffic: the first echo request is NEW, its reply and the
# second request ESTABLISHED; CT --notrack and NOTRACK in the raw table make them UNTRACKED; the
# CONNMARK target saves and restores a packet mark through the connection
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b iptables -A INPUT -m state --state NEW -j CONNMARK --set-mark 5
ip netns exec b iptables -A INPUT -m state --state NEW -j ACCEPT
ip netns exec b iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec b iptables -A INPUT -j DROP
ip netns exec b iptables -A OUTPUT -m conntrack --ctstate ESTABLISHED -j CONNMARK --restore-mark
ip netns exec b iptables -A OUTPUT -m mark --mark 5 -j ACCEPT
ip netns exec b iptables -A OUTPUT -m mark ! --mark 5
ip netns exec a iptables -A OUTPUT -m state --state NEW,ESTABLISHED -j MARK --set-mark 9
ip netns exec a iptables -A OUTPUT -m mark --mark 9 -j CONNMARK --save-mark
ip netns exec a iptables -A INPUT -m state --state ESTABLISHED -j ACCEPT
ip netns exec a iptables -A INPUT -m state ! --state ESTABLISHED -j DROP
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2
ip netns exec b iptables -L -v -n
ip netns exec a iptables -L -v -n
ip netns exec a iptables -F
ip netns exec a iptables -t raw -A OUTPUT -j CT --notrack
ip netns exec a iptables -t raw -A PREROUTING -j NOTRACK
ip netns exec a iptables -A OUTPUT -m state --state UNTRACKED -j ACCEPT
ip netns exec a iptables -A OUTPUT -m conntrack --ctstate INVALID -j DROP
ip netns exec a iptables -A INPUT -m conntrack --ctstate UNTRACKED -j ACCEPT
ip netns exec a iptables -A INPUT -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -vnL
ip netns exec a iptables -t raw -vnL
ip netns exec a iptables-save -c
