# -C and -D find a rule by its exact contents (targets and their options included); -R and -I
# with counters (-c); chains in use cannot be deleted; listing a rule number that is not there
ip netns add x
ip netns exec x iptables -C INPUT -j ACCEPT
ip netns exec x iptables -C INPUT -j LOG
ip netns exec x iptables -D INPUT -j LOG
ip netns exec x iptables -A INPUT -j ACCEPT
ip netns exec x iptables -C INPUT -j DROP
ip netns exec x iptables -C INPUT -j LOG
ip netns exec x iptables -D INPUT -j LOG
ip netns exec x iptables -C INPUT -p tcp --dport 5 -j ACCEPT
ip netns exec x iptables -D INPUT -p tcp --dport 5 -j ACCEPT
ip netns exec x iptables -N FOO
ip netns exec x iptables -C INPUT -j FOO
ip netns exec x iptables -D INPUT -j FOO
ip netns exec x iptables -C INPUT -j MARK --set-mark 1
ip netns exec x iptables -A INPUT -j LOG
ip netns exec x iptables -C INPUT -j LOG --log-prefix x
ip netns exec x iptables -D INPUT -j LOG --log-prefix x
ip netns exec x iptables -C INPUT -j REJECT
ip netns exec x iptables -I INPUT 1 -j FOO
ip netns exec x iptables -X FOO
ip netns exec x iptables -P INPUT DROP
ip netns exec x iptables -X FOO
ip netns exec x iptables -R INPUT 1 -j LOG -c 1 2
ip netns exec x iptables -L INPUT -v
ip netns exec x iptables -vL -x
ip netns exec x iptables -L -n -v --line
ip netns exec x iptables -S INPUT 9
ip netns exec x iptables -L INPUT 9
ip netns exec x iptables -L FOO 1
ip netns exec x iptables -D FOO 1
ip netns exec x iptables -A INPUT -m ttl --ttl-gt 1 -m ttl --ttl-lt 9 -m mark --mark 1 -m mark --mark 2/3 -j ACCEPT -c 7 700
ip netns exec x iptables -C INPUT -m ttl --ttl-gt 1 -m ttl --ttl-lt 9 -m mark --mark 1 -m mark --mark 2/3 -j ACCEPT
ip netns exec x iptables -C INPUT -m ttl --ttl-lt 9 -m ttl --ttl-gt 1 -m mark --mark 1 -m mark --mark 2/3 -j ACCEPT
ip netns exec x iptables -P INPUT DROP -c 10 20
ip netns exec x iptables -A INPUT -p tcp --dport 22 ! --syn -j ACCEPT -c 5 6
ip netns exec x iptables -I INPUT 2 -p udp -j REJECT
ip netns exec x iptables-save -c -t filter
ip netns exec x iptables -A INPUT -p tcp -m tcp -m udp -j ACCEPT
ip netns exec x iptables -t filter -F -v
ip netns exec x iptables -Lv
ip netns exec x iptables -L -t raw
ip netns exec x iptables -L -t mangle -v -n --line-numbers
