#@ host rx
#@ host tx
#@ wire tx:eth0 rx:eth0 rate=10Gbit delay=5us
# 200 MB of TCP over a 10 Gbit/s wire (5 us), GRO off on the receiver. The receiver's buffer
# starts at tcp_rmem[1] (131072, a 65536-byte window) and grows once per receiver RTT with what
# iperf3 reads (tcp_rcv_space_adjust, net.ipv4.tcp_moderate_rcvbuf), the SYN having offered window
# scale 7 (tcp_select_initial_window, for tcp_rmem[2]) so the window can follow. No .out (no e1000
# here): test/unit/test_e1000_scenarios.cc runs it with and without tcp_moderate_rcvbuf.
#@ host rx
ip link set eth0 up
ip addr add 10.0.0.1/24 dev eth0
ethtool -K eth0 gro off
iperf3 -s -D
#@ host tx
ip link set eth0 up
ip addr add 10.0.0.2/24 dev eth0
sleep 0.1
iperf3 -c 10.0.0.1 -n 200M -J
