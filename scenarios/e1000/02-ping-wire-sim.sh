#@ host a
#@ host b
#@ wire a:eth0 b:eth0 rate=1Gbit delay=5us
# A ping over a 1 Gbit/s wire with a 5 us propagation delay: the wire (twice 5 us and the
# serialization of 98 + 24 bytes, 0.976 us), the NICs and the stacks. With the default dynamic
# conservative ITR (20000 interrupts/s: ITR = 1e9 / (20000 x 256) = 195 units of 256 ns, 49.92 us)
# the reply's receive interrupt waits for the interval since the probe's transmit interrupt (TIDV
# 8 x 1.024 us after the probe left): an RTT of about 59 us, not 12. No .out (no e1000 here):
# test/unit/test_e1000_scenarios.cc checks the RTTs from e1000_main.c's e1000_set_itr and
# e1000_param.c's defaults.
#@ host a
ip link set eth0 up
ip addr add 10.0.0.1/24 dev eth0
#@ host b
ip link set eth0 up
ip addr add 10.0.0.2/24 dev eth0
sleep 0.1
ping -c 4 -i 0.2 10.0.0.1
dmesg
# With InterruptThrottleRate off on both ends (ethtool -C, e1000_set_coalesce: rx-usecs 0), each
# frame interrupts at once: the RTT is the wire's 12 us and the stacks' work
ethtool -C eth0 rx-usecs 0
#@ host a
ethtool -C eth0 rx-usecs 0
#@ host b
ping -c 4 -i 0.2 10.0.0.1
