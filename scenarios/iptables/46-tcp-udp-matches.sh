# tcp, udp and multiport matches: ICMP packets cross the rules without matching them, so only the
# catch-all rule counts; -C finds each rule by its exact match data, and port ranges, flags and
# inversions print as the kernel stored them
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b iptables -A INPUT -p tcp --dport 22 -j DROP
ip netns exec b iptables -A INPUT -p tcp --sport 1:1023 --dport 80 --syn -j DROP
ip netns exec b iptables -A INPUT -p tcp ! --dport 0:65535 -j DROP
ip netns exec b iptables -A INPUT -p tcp --tcp-flags FIN,SYN,RST,PSH,ACK,URG FIN,PSH,URG -j DROP
ip netns exec b iptables -A INPUT -p tcp --tcp-option 2 -j DROP
ip netns exec b iptables -A INPUT -p tcp ! --tcp-option 8 -j DROP
ip netns exec b iptables -A INPUT -p udp --dport 53 -j DROP
ip netns exec b iptables -A INPUT -p udp ! --sport 1:65535 -j DROP
ip netns exec b iptables -A INPUT -p udp -m multiport --dports 53,67:68,123 -j DROP
ip netns exec b iptables -A INPUT -p tcp -m multiport --ports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15 -j DROP
ip netns exec b iptables -A INPUT -p tcp -m multiport ! --sports 1024:65535 -j DROP
ip netns exec b iptables -A INPUT -p icmp -m multiport --dports 1 -j DROP
ip netns exec b iptables -A INPUT -p udp -j REJECT
ip netns exec b iptables -A INPUT -p tcp -j REJECT --reject-with tcp-reset
ip netns exec b iptables -A INPUT -p icmp -j ACCEPT
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2
ip netns exec b iptables -L INPUT -v -n --line-numbers
ip netns exec b iptables -L INPUT
ip netns exec b iptables -S INPUT
ip netns exec b iptables -C INPUT -p tcp --dport 22 -j DROP
ip netns exec b iptables -C INPUT -p tcp --dport 23 -j DROP
ip netns exec b iptables -C INPUT -p tcp --sport 1:1023 --dport 80 --tcp-flags FIN,SYN,RST,ACK SYN -j DROP
ip netns exec b iptables -C INPUT -p tcp --sport 1:1023 --dport 80 --tcp-flags SYN,RST,ACK,FIN SYN -j DROP
ip netns exec b iptables -C INPUT -p udp -m multiport --dports 53,67:68,123 -j DROP
ip netns exec b iptables -C INPUT -p udp -m multiport --dports 53,67,123 -j DROP
ip netns exec b iptables -C INPUT -p udp --dport domain -j DROP
ip netns exec b iptables -C INPUT -p tcp --dport ssh -j DROP
ip netns exec b iptables -D INPUT -p tcp -m tcp --dport 22 -j DROP
ip netns exec b iptables -D INPUT -p tcp --dport 22 -j DROP
ip netns exec b iptables -A INPUT -p tcp --sport 1 --dport 2 --tcp-option 5 -j ACCEPT
ip netns exec b iptables -A INPUT -p tcp --dp 22 -j ACCEPT
ip netns exec b iptables -A INPUT -p udp --sp 7:8 -j ACCEPT
ip netns exec b iptables-save -c
