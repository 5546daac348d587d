# bad commands get iptables' messages and exit statuses and change nothing: unknown chains,
# targets, tables, matches and options, built-in chains that cannot be deleted or renamed,
# references that keep a chain, loops, rule numbers out of range, deleting what is not there
ip netns add x
ip netns exec x iptables -A NOSUCH -j ACCEPT
ip netns exec x iptables -A INPUT -j NOSUCH
ip netns exec x iptables -X INPUT
ip netns exec x iptables -X NOSUCH
ip netns exec x iptables -N FOO
ip netns exec x iptables -N FOO
ip netns exec x iptables -N BAR
ip netns exec x iptables -A FOO -j BAR
ip netns exec x iptables -X BAR
ip netns exec x iptables -A BAR -j ACCEPT
ip netns exec x iptables -F FOO
ip netns exec x iptables -X BAR
ip netns exec x iptables -D INPUT 5
ip netns exec x iptables -D INPUT -s 1.1.1.1 -j ACCEPT
ip netns exec x iptables -C INPUT -s 1.1.1.1 -j ACCEPT
ip netns exec x iptables -P FOO DROP
ip netns exec x iptables -P INPUT FOO
ip netns exec x iptables -P INPUT REJECT
ip netns exec x iptables -I INPUT 3 -j ACCEPT
ip netns exec x iptables -R INPUT 1 -j ACCEPT
ip netns exec x iptables -A INPUT --dport 22 -j ACCEPT
ip netns exec x iptables -A INPUT -p tcp --bogus -j ACCEPT
ip netns exec x iptables -A INPUT -m nosuchmatch -j ACCEPT
ip netns exec x iptables -t nosuch -L
ip netns exec x iptables -E FOO INPUT
ip netns exec x iptables -E NOSUCH BAZ
ip netns exec x iptables -E FOO BAZ
ip netns exec x iptables -L BAZ -n
ip netns exec x iptables -L NOSUCH
ip netns exec x iptables -S NOSUCH
ip netns exec x iptables -A INPUT -p icmp --icmp-type foo -j ACCEPT
ip netns exec x iptables -A INPUT -s 1.2.3.400 -j ACCEPT
ip netns exec x iptables -A INPUT -j REJECT --reject-with tcp-reset
ip netns exec x iptables -A INPUT -p tcp -j REJECT --reject-with foo
ip netns exec x iptables -A OUTPUT -j REJECT --reject-with icmp-echo-reply
ip netns exec x iptables -t mangle -A INPUT -j REJECT
ip netns exec x iptables -N INPUT
ip netns exec x iptables -N ACCEPT
ip netns exec x iptables -N averyveryveryverylongchainname12
ip netns exec x iptables
ip netns exec x iptables -A
ip netns exec x iptables -A INPUT -j ACCEPT -j DROP
ip netns exec x iptables -A INPUT -s 1.1.1.1 -s 2.2.2.2 -j ACCEPT
ip netns exec x iptables -F NOSUCH
ip netns exec x iptables -Z NOSUCH
ip netns exec x iptables -A INPUT -j BAZ
ip netns exec x iptables -A BAZ -j INPUT
ip netns exec x iptables -A BAZ -j BAZ
ip netns exec x iptables -A BAZ -j RETURN
ip netns exec x iptables -A INPUT -j RETURN
ip netns exec x iptables -I INPUT 2 -s 9.9.9.9
ip netns exec x iptables -R INPUT 2 -d 8.8.8.8 -j DROP
ip netns exec x iptables -L INPUT -n --line-numbers
ip netns exec x iptables -L INPUT 2 -n
ip netns exec x iptables -S INPUT 2
ip netns exec x iptables -D INPUT 2
ip netns exec x iptables -C INPUT -j RETURN
ip netns exec x iptables -D INPUT -j RETURN
ip netns exec x iptables -Z
ip netns exec x iptables -L -v -Z
ip netns exec x iptables -X
ip netns exec x iptables -F
ip netns exec x iptables -X
ip netns exec x iptables -L
