# a router's FORWARD chain with user chains: a jump returns to the next rule, a goto returns to
# the caller's caller (here the policy), RETURN at the top level falls to the policy; -i/-o with
# wildcards and inverted, source and destination masks; a DROP policy counts what falls through
ip netns add a
ip netns add r
ip netns add b
ip link add va netns a type veth peer name ra netns r
ip link add vb netns b type veth peer name rb netns r
ip -n a addr add 10.1.0.2/24 dev va
ip -n r addr add 10.1.0.1/24 dev ra
ip -n r addr add 10.2.0.1/24 dev rb
ip -n b addr add 10.2.0.2/24 dev vb
ip -n a addr add 10.1.0.3/24 dev va
ip -n a link set va up
ip -n r link set ra up
ip -n r link set rb up
ip -n b link set vb up
ip -n a route add default via 10.1.0.1
ip -n b route add default via 10.2.0.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec r iptables-restore <<EOF
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:FROM_A - [0:0]
:TO_A - [0:0]
:DEEP - [0:0]
:LEAF - [0:0]
-A FORWARD -i r+ -o rb -j FROM_A
-A FORWARD -i rb -o ra -g TO_A
-A FORWARD -s 10.1.0.3 -j ACCEPT
-A FORWARD ! -i ra -j ACCEPT
-A FROM_A -s 10.1.0.3/32 -j RETURN
-A FROM_A -s 10.1.0.0/255.255.255.0 -d 10.2.0.0/16 -j DEEP
-A FROM_A -j DROP
-A DEEP -p icmp -g LEAF
-A DEEP -j DROP
-A LEAF -d 10.2.0.2 -j ACCEPT
-A LEAF -j RETURN
-A TO_A -d 10.1.0.3 -j RETURN
-A TO_A ! -d 10.1.0.0/24 -j DROP
-A TO_A -o ra -j ACCEPT
COMMIT
EOF
ip netns exec a ping -c 2 -i 0.2 -W 1 10.2.0.2
ip netns exec a ping -c 1 -W 1 -I 10.1.0.3 10.2.0.2
ip netns exec a ping -c 1 -W 1 10.2.0.1
ip netns exec r iptables -L -v -n --line-numbers
ip netns exec r iptables -R LEAF 1 -d 10.2.0.9 -j ACCEPT
ip netns exec a ping -c 1 -W 1 10.2.0.2
ip netns exec r iptables -R FORWARD 3 -s 10.1.0.3 -j RETURN
ip netns exec r iptables -I FROM_A -j RETURN
ip netns exec r iptables -A FORWARD -i ra -o rb -j ACCEPT
ip netns exec a ping -c 1 -W 1 -I 10.1.0.3 10.2.0.2
ip netns exec a ping -c 1 -W 1 10.2.0.2
ip netns exec r iptables-save -c
ip netns exec r iptables -P FORWARD ACCEPT
ip netns exec r iptables -F FORWARD
ip netns exec r iptables -A FORWARD -i vb+ -j DROP
ip netns exec r iptables -A FORWARD ! -o ra -s 10.1.0.2/31 -j DROP
ip netns exec a ping -c 1 -W 1 10.2.0.2
ip netns exec a ping -c 1 -W 1 -I 10.1.0.3 10.2.0.2
ip netns exec r iptables -L FORWARD -v -n -x
