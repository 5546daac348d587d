# mangle targets change what later rules see: TTL set and decremented on the way out, a MARK set
# in PREROUTING matched in INPUT together with length, ttl, pkttype, addrtype, iprange, mac and
# comment matches; TOS rewrites the type of service that tos matches see
ip netns add a
ip netns add b
ip link add va address 02:00:00:00:00:0a netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b iptables -t mangle -A OUTPUT -p icmp -j TTL --ttl-set 9
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -t mangle -A POSTROUTING -p icmp -j TTL --ttl-dec 2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -t mangle -A POSTROUTING -p icmp -j TTL --ttl-inc 5
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -t mangle -A PREROUTING -p icmp -j MARK --set-mark 3
ip netns exec b iptables -t mangle -A PREROUTING -p icmp -j MARK --or-mark 0x10
ip netns exec b iptables -t mangle -A PREROUTING -p icmp -j MARK --and-mark 0x13
ip netns exec b iptables -t mangle -A PREROUTING -p icmp -j MARK --set-xmark 0x100/0x100
ip netns exec b iptables -t mangle -A PREROUTING -p icmp -j TOS --set-tos 0x10
ip netns exec b iptables -t mangle -A PREROUTING -p icmp -j TOS --and-tos 0x18
ip netns exec b iptables -t mangle -A PREROUTING -p icmp -j TOS --or-tos 0x04
ip netns exec b iptables -A INPUT -m mark --mark 0x3 -j ACCEPT
ip netns exec b iptables -A INPUT -m mark --mark 0x113 -m length --length 84 -m ttl --ttl-eq 64 -m pkttype --pkt-type unicast -m addrtype --dst-type LOCAL --src-type UNICAST -m iprange --src-range 10.0.0.1-10.0.0.1 -m mac --mac-source 02:00:00:00:00:0a -m comment --comment hi -j LOG --log-prefix "ok "
ip netns exec b iptables -A INPUT -m mark --mark 0x100/0x100 -m ttl --ttl-gt 63 -m ttl --ttl-lt 65 -m length --length 80:90 -m pkttype ! --pkt-type broadcast
ip netns exec b iptables -A INPUT -m addrtype --dst-type LOCAL --limit-iface-in
ip netns exec b iptables -A INPUT -m addrtype --src-type LOCAL
ip netns exec b iptables -A INPUT -m iprange ! --src-range 10.0.0.1-10.0.0.1
ip netns exec b iptables -A INPUT -m mac ! --mac-source 02:00:00:00:00:0a
ip netns exec b iptables -A INPUT -m length --length 85:65535
ip netns exec b iptables -A INPUT -m ttl ! --ttl-eq 64
ip netns exec b iptables -A INPUT -m tos ! --tos 0x14 -m tos --tos Minimize-Delay
ip netns exec b iptables -A INPUT -m tos --tos 0x04/0x04 -m tos ! --tos Normal-Service
ip netns exec b iptables -A INPUT -m tos --tos 0x14 -j ACCEPT
ip netns exec b iptables -A INPUT -j ACCEPT
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2
ip netns exec a ping -c 1 -s 100 -W 1 10.0.0.2
ip netns exec b iptables -L INPUT -v -n
ip netns exec b iptables -L INPUT -v
ip netns exec b iptables -S INPUT
ip netns exec b iptables -t mangle -L -v -n
ip netns exec b iptables-save -c -t mangle
