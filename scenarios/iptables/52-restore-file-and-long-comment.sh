# iptables-restore reads the file it is given, not standard input: a missing one changes nothing;
# /dev/stdin is the here-document. A --comment longer than 255 characters is cut to 255
ip netns add a
ip netns exec a iptables-restore /nonexistent <<'XEOF'
*filter
-A INPUT -j DROP
COMMIT
XEOF
ip netns exec a iptables -S
ip netns exec a iptables-restore /dev/stdin <<'XEOF'
*filter
-A INPUT -s 10.9.9.9/32 -j DROP
COMMIT
XEOF
ip netns exec a iptables -S
ip netns exec a iptables -A INPUT -m comment --comment aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabbbbbbbbbb -j ACCEPT
ip netns exec a iptables -S INPUT
ip netns exec a iptables -L INPUT
