# A client's source port held by a socket in TIME_WAIT: the first connection's client closes first
# (-q 1 after its input) and keeps 10.0.0.1:1005 in TIME_WAIT, so the same nc -p 1005 again is
# refused at bind (netcat-openbsd sets no SO_REUSEADDR on a client; inet_csk_bind_conflict),
# and so is a listener on it: SO_REUSEADDR lets two sockets share a port only when both set it
ip netns add lan
ip netns add wan
ip link add v0 netns lan type veth peer name v1 netns wan
ip -n lan addr add 10.0.0.1/24 dev v0
ip -n wan addr add 10.0.0.2/24 dev v1
ip -n lan link set v0 up
ip -n wan link set v1 up
ip netns exec wan timeout 5 nc -l -p 80 >/dev/null 2>&1 &
sleep 0.5
ip netns exec lan nc -w 2 -q 1 -p 1005 10.0.0.2 80 <<EOF
hello
EOF
ip netns exec wan timeout 5 nc -l -p 80 >/dev/null 2>&1 &
sleep 0.5
ip netns exec lan nc -w 2 -q 1 -p 1005 10.0.0.2 80 <<EOF
hello
EOF
ip netns exec lan timeout 3 nc -l -p 1005 </dev/null
