# tools piped into grep, head, tail, sort and wc, as scripts check their output; a pipeline exits
# with its last command's status
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n a link set va up
ip -n a link show | grep -c mtu
ip -n a addr show | grep inet
ip -n a addr show | grep -v valid_lft | head -n 3
ip -n a route show table local | sort
ip -n a route show table local | wc -l
ip -n a link show | grep nothing
ip netns list | grep -w a
ip -n a route show | tail -1
ip -n nope link | grep x
ip -n a link show | grep -E "^[0-9]+: (lo|va)" | wc -l
