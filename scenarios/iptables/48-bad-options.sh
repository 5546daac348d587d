# bad option values: masks, ports, ICMP types, limits, states, interface names, inversions,
# options in the wrong place, abbreviations that are and are not unique, table/target mismatches
ip netns add x
ip netns exec x iptables -v -A INPUT -s 1.2.3.4 -p tcp --dport 80 -j ACCEPT
ip netns exec x iptables -v -N FOO
ip netns exec x iptables -v -A FOO -i eth0 -j LOG
ip netns exec x iptables -v -I INPUT -j FOO
ip netns exec x iptables -v -D INPUT -j FOO
ip netns exec x iptables -v -F
ip netns exec x iptables -v -X
ip netns exec x iptables -v -P INPUT DROP
ip netns exec x iptables -v -Z
ip netns exec x iptables -A INPUT -p foo -j ACCEPT
ip netns exec x iptables -A INPUT -s 1.2.3.4/33 -j ACCEPT
ip netns exec x iptables -A INPUT -s 1.2.3.4/255.0.255.0 -j ACCEPT
ip netns exec x iptables -A INPUT -d 1.2.3.4/-1 -j ACCEPT
ip netns exec x iptables -A INPUT -d 1.2.3.4/255.255.255.256 -j ACCEPT
ip netns exec x iptables -A INPUT -i averyveryverylongifname -j ACCEPT
ip netns exec x iptables -A INPUT -j
ip netns exec x iptables -A INPUT foo
ip netns exec x iptables -L -A INPUT
ip netns exec x iptables -A INPUT -L
ip netns exec x iptables -D INPUT 0
ip netns exec x iptables -F -s 1.1.1.1
ip netns exec x iptables -p tcp -A INPUT --sport 1:2:3 -j ACCEPT
ip netns exec x iptables -A INPUT -p tcp --dport 99999 -j ACCEPT
ip netns exec x iptables -A INPUT -p tcp --dport nosuchservice -j ACCEPT
ip netns exec x iptables -A INPUT -p udp --sport 5:3 -j ACCEPT
ip netns exec x iptables -A INPUT -p tcp --tcp-flags SYN -j ACCEPT
ip netns exec x iptables -A INPUT -p tcp --tcp-flags SYN,FOO SYN -j ACCEPT
ip netns exec x iptables -A INPUT -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16 -j ACCEPT
ip netns exec x iptables -A INPUT -m multiport --dports 22 -j ACCEPT
ip netns exec x iptables -A INPUT -p icmp -m multiport --dports 22 -j ACCEPT
ip netns exec x iptables -A INPUT -p icmp --icmp-type echo -j ACCEPT
ip netns exec x iptables -A INPUT -p icmp --icmp-type e -j ACCEPT
ip netns exec x iptables -A INPUT -p icmp --icmp-type 3/300 -j ACCEPT
ip netns exec x iptables -A INPUT -m comment -j ACCEPT
ip netns exec x iptables -A INPUT -m limit --limit 0/s -j ACCEPT
ip netns exec x iptables -A INPUT -m limit --limit 3/fortnight -j ACCEPT
ip netns exec x iptables -A INPUT -m mark --mark foo -j ACCEPT
ip netns exec x iptables -A INPUT -m ttl --ttl-eq 300 -j ACCEPT
ip netns exec x iptables -A INPUT -m ttl ! --ttl-lt 3 -j ACCEPT
ip netns exec x iptables -A INPUT -m length --length 5:3 -j ACCEPT
ip netns exec x iptables -A INPUT -m pkttype --pkt-type anycast -j ACCEPT
ip netns exec x iptables -A INPUT -m addrtype --src-type NOSUCH -j ACCEPT
ip netns exec x iptables -A INPUT -m iprange --src-range 1.1.1.1 -j ACCEPT
ip netns exec x iptables -A INPUT -m mac --mac-source 00:11:22:33:44 -j ACCEPT
ip netns exec x iptables -A INPUT ! ! -s 1.1.1.1 -j ACCEPT
ip netns exec x iptables -A INPUT -s 1.1.1.1 !
ip netns exec x iptables -A INPUT -g ACCEPT
ip netns exec x iptables -A INPUT -m state --state FOO -j ACCEPT
ip netns exec x iptables -A INPUT -m tos --tos foo -j ACCEPT
ip netns exec x iptables -A INPUT -m tos --tos 0x100 -j ACCEPT
ip netns exec x iptables -A INPUT -m tos -j ACCEPT
ip netns exec x iptables -A INPUT -j LOG --log-level 9
ip netns exec x iptables -A INPUT -j LOG --log-prefix 012345678901234567890123456789
ip netns exec x iptables -A INPUT -j MARK --set-mark 1
ip netns exec x iptables -A INPUT -j TTL --ttl-set 1
ip netns exec x iptables -t mangle -A INPUT -j TTL --ttl-set 300
ip netns exec x iptables -t mangle -A INPUT -j TOS --set-tos 0x10 -j TOS
ip netns exec x iptables -t nat -A INPUT -j MASQUERADE
ip netns exec x iptables -t nat -A POSTROUTING -j DNAT --to-destination 1.1.1.1
ip netns exec x iptables -t nat -A POSTROUTING -j REDIRECT
ip netns exec x iptables -t nat -A OUTPUT -j SNAT --to-source 1.1.1.1
ip netns exec x iptables -t nat -A POSTROUTING -j SNAT
ip netns exec x iptables -t raw -A INPUT -j ACCEPT
ip netns exec x iptables -t nat -A POSTROUTING -p tcp -j SNAT --to 1.2.3.4:100-200
ip netns exec x iptables -t nat -A PREROUTING -p udp -j DNAT --to 10.0.0.1
ip netns exec x iptables -A INPUT -p tcp --dp 22 -j ACCEPT
ip netns exec x iptables -A INPUT -p tcp --d 22 -j ACCEPT
ip netns exec x iptables -A INPUT -m limit --lim 5/s -j LOG --log-p "x "
ip netns exec x iptables -t nat -S
ip netns exec x iptables -S
