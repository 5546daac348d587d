# taskset(1) pins a command's process to CPUs (the reference machine has 2): a list or a mask,
# then the command runs as usual, through `ip netns exec` too; what it refuses, and how
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
taskset -c 1 ip netns exec a ping -c 2 -i 0.2 10.0.0.2
ip netns exec a taskset 0x1 ping -c 1 10.0.0.2
taskset -c 0-1:1 echo stride
taskset 1,3 echo mask with a comma
taskset -c 1-1 true
taskset -c 1-0 true
taskset -c 0,1, true
taskset -c 0x1 true
taskset zz true
taskset -c 1
taskset
taskset -x 1 true
taskset --foo 1 true
taskset -p 999999
taskset -cp 999999
taskset -c 0 nosuchcmd
