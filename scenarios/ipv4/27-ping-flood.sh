# ping -i 0 sends the next probe as soon as the last is answered (iputils' pinger with interval 0),
# and its 16-bit sequence numbers wrap after 65535 without counting duplicates; an unreachable
# destination fails at connect
ip netns add a
ip -n a link set lo up
ip netns exec a ping -c 3 -i 0 127.0.0.1
ip netns exec a ping -q -c 70000 -i 0 127.0.0.1
ip netns exec a ping -q -c 3 -i 0 -w 1 10.9.9.9
