# iptables-restore: loops and missing targets refused as a whole (the old table stays), syntax
# errors reported with their line numbers, counters restored with -c, --noflush, --test, -T
ip netns add x
ip netns exec x iptables -A INPUT -s 9.9.9.9 -j ACCEPT
ip netns exec x iptables-restore <<EOF
*filter
:INPUT ACCEPT [0:0]
:A - [0:0]
:B - [0:0]
-A INPUT -j A
-A A -j B
-A B -j A
COMMIT
EOF
ip netns exec x iptables-restore <<EOF
*filter
:INPUT ACCEPT [0:0]
-A INPUT -j NOSUCH
COMMIT
EOF
ip netns exec x iptables-restore <<EOF
*filter
:INPUT ACCEPT [0:0]
-A INPUT -j ACCEPT
EOF
ip netns exec x iptables-restore <<EOF
*filter
:INPUT ACCEPT [0:0]
-A INPUT --bogus -j ACCEPT
COMMIT
EOF
ip netns exec x iptables-restore <<EOF
*nosuch
:INPUT ACCEPT [0:0]
COMMIT
EOF
ip netns exec x iptables-restore <<EOF
:INPUT ACCEPT [0:0]
EOF
ip netns exec x iptables-restore <<EOF
*filter
:INPUT BOGUS [0:0]
COMMIT
EOF
ip netns exec x iptables-restore <<EOF
*filter
:INPUT ACCEPT [0:0]
:A - [0:0]
:B - [0:0]
-A A -j B
-A B -j A
COMMIT
EOF
ip netns exec x iptables-save
ip netns exec x iptables-restore -c <<EOF
*filter
:INPUT DROP [5:600]
:FOO - [0:0]
[3:120] -A INPUT -j FOO
-A FOO -j ACCEPT
COMMIT
EOF
ip netns exec x iptables-save -c
ip netns exec x iptables-restore -n <<EOF
*filter
-A INPUT -j ACCEPT
COMMIT
EOF
ip netns exec x iptables-save -c
ip netns exec x iptables-restore --test <<EOF
*filter
-F
COMMIT
EOF
ip netns exec x iptables-restore -T mangle <<EOF
*filter
-F
COMMIT
*mangle
-A INPUT -j ACCEPT
COMMIT
EOF
ip netns exec x iptables-save -c
ip netns exec x iptables-restore <<EOF
# a comment
*mangle
:PREROUTING ACCEPT [0:0]
-A PREROUTING -m comment --comment "two words" -j MARK --set-mark 1
COMMIT

*filter
:INPUT ACCEPT [0:0]
-A INPUT -p tcp --dport 99999 -j ACCEPT
COMMIT
EOF
ip netns exec x iptables-save
ip netns exec x iptables-restore <<EOF
*filter
[1:2] -A INPUT -j ACCEPT
COMMIT
EOF
ip netns exec x iptables-restore --test <<EOF
*filter
:A - [0:0]
-A INPUT -j A
-A A -j A
COMMIT
EOF
ip netns exec x iptables-restore -c <<EOF
*filter
:INPUT ACCEPT
COMMIT
EOF
ip netns exec x iptables-restore -c <<EOF
*filter
:INPUT ACCEPT [1:2]
[x] -A INPUT -j ACCEPT
COMMIT
EOF
ip netns exec x iptables-restore <<EOF
*filter
:INPUT
COMMIT
EOF
ip netns exec x iptables-restore <<EOF
*filter
:averyveryveryverylongchainname12 - [0:0]
COMMIT
EOF
ip netns exec x iptables-restore <<EOF
*filter
-A INPUT -t nat -j ACCEPT
COMMIT
EOF
ip netns exec x iptables-restore <<EOF
*filter
-N FOO
-A FOO -j ACCEPT
-A INPUT -j FOO
COMMIT
*filter
-A INPUT -j ACCEPT
COMMIT
EOF
ip netns exec x iptables -S
ip netns exec x iptables-restore -n <<EOF
*filter
:FOO - [0:0]
-I INPUT -j DROP
-D INPUT 2
COMMIT
EOF
ip netns exec x iptables -S
ip netns exec x iptables-restore <<EOF
*filter
COMMIT
*filter
EOF
ip netns exec x iptables-restore <<EOF
*filter
COMMIT
garbage
EOF
ip netns exec x iptables-restore <<EOF
*filter
-F
-X
COMMIT
EOF
ip netns exec x iptables -L -n
