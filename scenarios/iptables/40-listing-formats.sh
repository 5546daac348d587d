# every listing format of the same rule set: -L, -L -n -v --line-numbers, -L -v -x -n, -S, -S -v,
# iptables-save, iptables-save -c, for the filter, mangle, raw and nat tables
ip netns add x
ip netns exec x iptables -L
ip netns exec x iptables -S
ip netns exec x iptables-save
ip netns exec x iptables -N FOO
ip netns exec x iptables -A INPUT -s 1.2.3.4 -j FOO
ip netns exec x iptables -A INPUT ! -s 1.2.3.0/24 -d 5.6.7.8/255.255.0.0 -i eth+ -p tcp --dport 22 -j ACCEPT
ip netns exec x iptables -A INPUT -s 1.1.1.1,2.2.2.0/24 -d 3.3.3.3 -j ACCEPT
ip netns exec x iptables -A INPUT -d 10.0.0.0/255.0.255.0 -j ACCEPT
ip netns exec x iptables -A INPUT -p udp --sport 53:60 ! --dport 1000 -j DROP
ip netns exec x iptables -A INPUT -p tcp --tcp-flags SYN,ACK SYN --syn -j DROP
ip netns exec x iptables -A INPUT -p tcp ! --syn -j DROP
ip netns exec x iptables -A INPUT -p tcp --sport 80 --tcp-flags ALL NONE -j ACCEPT
ip netns exec x iptables -A INPUT -p tcp --dport 1024: -j ACCEPT
ip netns exec x iptables -A INPUT -p tcp --sport :1023 -j ACCEPT
ip netns exec x iptables -A INPUT -p icmp --icmp-type 3/4 -j DROP
ip netns exec x iptables -A INPUT -p icmp ! --icmp-type any -j DROP
ip netns exec x iptables -A INPUT -p icmp --icmp-type echo-reply -j DROP
ip netns exec x iptables -A INPUT -p icmp --icmp-type 40 -j ACCEPT
ip netns exec x iptables -A INPUT -p 50 -f -j DROP
ip netns exec x iptables -A INPUT -p 47 -j ACCEPT
ip netns exec x iptables -A INPUT ! -p tcp -j ACCEPT
ip netns exec x iptables -A INPUT ! -f -o veth0 -j DROP
ip netns exec x iptables -A FORWARD -o veth0 ! -i lo -g FOO
ip netns exec x iptables -A OUTPUT -o veth+ -j ACCEPT
ip netns exec x iptables -A FOO -m comment --comment "hello world" -j RETURN
ip netns exec x iptables -A FOO -m mark --mark 0x5/0xff -j LOG --log-prefix "X: " --log-level 4
ip netns exec x iptables -A FOO -m mark ! --mark 3 -j LOG
ip netns exec x iptables -A FOO -p tcp -m multiport --dports 22,80:90 -j REJECT
ip netns exec x iptables -A FOO -p udp -m multiport ! --sports 53 -j REJECT --reject-with icmp-host-prohibited
ip netns exec x iptables -A FOO -p tcp -j REJECT --reject-with tcp-reset
ip netns exec x iptables -A FOO -m iprange --src-range 1.1.1.1-1.1.1.5 ! --dst-range 2.2.2.2-2.2.2.9 -j MARK --set-mark 7
ip netns exec x iptables -A FOO -m mac --mac-source 00:11:22:33:44:55 -j MARK --set-xmark 0x7/0xf
ip netns exec x iptables -A FOO -m limit --limit 3/min --limit-burst 7 -j ACCEPT
ip netns exec x iptables -A FOO -m limit -j ACCEPT
ip netns exec x iptables -A FOO -m limit --limit 100/day -j ACCEPT
ip netns exec x iptables -A FOO -m addrtype --src-type LOCAL ! --dst-type UNICAST -j ACCEPT
ip netns exec x iptables -A FOO -m addrtype --dst-type LOCAL --limit-iface-in -j ACCEPT
ip netns exec x iptables -A FOO -m length --length 100:200 -m ttl --ttl-gt 5 -j ACCEPT
ip netns exec x iptables -A FOO -m ttl --ttl-eq 64 -m pkttype --pkt-type broadcast -j ACCEPT
ip netns exec x iptables -A FOO -m ttl ! --ttl-eq 3 -m pkttype ! --pkt-type unicast -j ACCEPT
ip netns exec x iptables -A FOO -m length ! --length 10: -j ACCEPT
ip netns exec x iptables -A FOO -m state --state ESTABLISHED,RELATED -j ACCEPT
ip netns exec x iptables -A FOO -m conntrack --ctstate NEW,INVALID -j ACCEPT
ip netns exec x iptables -A FOO -j CONNMARK --set-mark 1
ip netns exec x iptables -A FOO -j CONNMARK --save-mark
ip netns exec x iptables -A FOO -j LOG --log-tcp-options --log-ip-options --log-uid
ip netns exec x iptables -A FOO -j LOG --log-level debug --log-prefix "a b"
ip netns exec x iptables -t mangle -A PREROUTING -j TTL --ttl-set 5
ip netns exec x iptables -t mangle -A PREROUTING -j TTL --ttl-dec 1
ip netns exec x iptables -t mangle -A PREROUTING -j TOS --set-tos 0x10
ip netns exec x iptables -t mangle -A PREROUTING -j MARK --set-mark 0x10/0xff
ip netns exec x iptables -t mangle -A POSTROUTING -j TOS --set-tos Minimize-Delay
ip netns exec x iptables -t mangle -A POSTROUTING -j TTL --ttl-inc 2
ip netns exec x iptables -t mangle -A POSTROUTING -j MARK --and-mark 0xf
ip netns exec x iptables -t mangle -A POSTROUTING -j MARK --or-mark 0xf
ip netns exec x iptables -t mangle -A POSTROUTING -j CONNMARK --restore-mark
ip netns exec x iptables -t mangle -A POSTROUTING -j TOS --and-tos 0x3
ip netns exec x iptables -t raw -A PREROUTING -j NOTRACK
ip netns exec x iptables -t raw -A PREROUTING -j CT --notrack
ip netns exec x iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE
ip netns exec x iptables -t nat -A POSTROUTING -o eth0 -j SNAT --to-source 1.2.3.4
ip netns exec x iptables -t nat -A POSTROUTING -j SNAT --to-source 1.2.3.4-1.2.3.9:1000-2000
ip netns exec x iptables -t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 10.0.0.1:8080
ip netns exec x iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 3128
ip netns exec x iptables -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports 1000-2000 --random
ip netns exec x iptables -t security -A INPUT -j ACCEPT
ip netns exec x iptables -L
ip netns exec x iptables -L -n -v --line-numbers
ip netns exec x iptables -L -v -x -n
ip netns exec x iptables -nvL FOO
ip netns exec x iptables -S
ip netns exec x iptables -S -v
ip netns exec x iptables -S FOO
ip netns exec x iptables-save
ip netns exec x iptables-save -c -t mangle
ip netns exec x iptables -t mangle -L -n
ip netns exec x iptables -t mangle -S
ip netns exec x iptables -t raw -L -n
ip netns exec x iptables -t nat -L
ip netns exec x iptables -t nat -L -v -n
ip netns exec x iptables -t nat -S
ip netns exec x iptables -t security -L
ip netns exec x iptables-save -t security
