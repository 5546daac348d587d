# ping's option values as iputils 20221126 reads them: whole numbers in range for -c/-w/-t/-e
# (strtol_or_err, exit 1), reals for -i/-W (fatal on overflow, NaN or infinity, exit 2); the flags
# scripts pass everywhere (-n, -4) change nothing
ip netns add a
ip -n a link set lo up
ip netns exec a ping -n -c 1 127.0.0.1
ip netns exec a ping -4 -n -c 1 127.0.0.1
ip netns exec a ping -c inf 127.0.0.1
ip netns exec a ping -c 1e30 127.0.0.1
ip netns exec a ping -c 1.5 127.0.0.1
ip netns exec a ping -c 0 127.0.0.1
ip netns exec a ping -c 99999999999999999999 127.0.0.1
ip netns exec a ping -c 1 -w 1e300 127.0.0.1
ip netns exec a ping -c 1 -w 2147483648 127.0.0.1
ip netns exec a ping -c 1 -i nan 127.0.0.1
ip netns exec a ping -c 1 -i 2147484 127.0.0.1
ip netns exec a ping -c 1 -W 18446744073709551615 127.0.0.1
ip netns exec a ping -c 1 -W inf 127.0.0.1
ip netns exec a ping -c 1 -W -1 127.0.0.1
ip netns exec a ping -c 1 -t 0 127.0.0.1
ip netns exec a ping -c 1 -t 256 127.0.0.1
ip netns exec a ping -c 1 -e 70000 127.0.0.1
