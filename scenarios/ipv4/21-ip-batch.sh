# ip -batch: one ip command a line (without the leading "ip"), from a here-document (-) or a
# file; comments, blank lines, backslash continuations and quoted words as getcmdline and
# makeargs read them; global options before -batch apply to every line; the first failing
# command ends the batch ("Command failed FILE:LINE", status 1) unless -force; a command that
# exit()s in iproute2 (a bad argument) ends the batch even with -force, with its own status
ip netns add a
ip netns add b
ip -n a -batch - <<'EOF'
# a comment line, then a blank one

link add va type veth peer name vb netns b
addr add 10.0.0.1/24 dev va   # a comment after the command
link set "va" \
   mtu 1400 \
   up
route add 10.9.0.0/16 via 10.0.0.2 dev va onlink
EOF
ip -n b -b - <<'EOF'
addr add 10.0.0.2/24 dev vb
link set vb up
EOF
ip -n a -br addr show
ip -n a route show
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip -n a -batch - <<'EOF'
link set va mtu 1300
link set nosuch up
link set va mtu 1200
EOF
ip -n a link show va
ip -n a -force -batch - <<'EOF'
addr add 10.0.0.11/24 dev va
addr add 10.0.0.1/24 dev va
foo bar
route add 10.8.0.0/16 \
  via 10.7.7.7
addr add 10.0.0.12/24 dev va
EOF
ip -n a -br addr show dev va
ip -n a -fo -b - <<'EOF'
link set va mtu 1500
link set va mtu abc
link set va mtu 1280
EOF
ip -n a -force -batch - <<'EOF'
addr add 10.0.0.13/24 dev va
addr add 10.0.0.300/24 dev va
addr add 10.0.0.14/24 dev va
EOF
ip -n a -br addr show dev va
ip -n a -s -batch - <<'EOF'
link show va
EOF
echo "addr add 10.0.0.21/24 dev va" > /tmp/linuxnet-21-batch
echo "link set va mtu 1450" >> /tmp/linuxnet-21-batch
echo "" >> /tmp/linuxnet-21-batch
echo "addr del 10.0.0.99/24 dev va" >> /tmp/linuxnet-21-batch
echo "addr add 10.0.0.22/24 dev va" >> /tmp/linuxnet-21-batch
ip -n a -batch /tmp/linuxnet-21-batch
ip -n a -force -batch /tmp/linuxnet-21-batch
ip -n a -br addr show dev va
ip -n a -batch /tmp/linuxnet-21-nosuch
ip -batch
ip -n a -force -batch - <<'EOF'
netns exec nope true
link add vc type veth peer name vd
netns exec b ip link set vb mtu 1400
EOF
ip -n a link show vc
ip -n a -batch - <<'EOF'
netns exec b nosuchcmd
link set va down
EOF
ip -n a -batch - <<'EOF'
link set va down
link show va \
EOF
