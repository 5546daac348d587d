# The namespace's TCP sysctls (net/ipv4/sysctl_net_ipv4.c): vectors, the congestion control by
# name, and the values each refuses. Defaults are not printed: they follow the machine's tuning.
ip netns add a
ip netns exec a sysctl -w net.ipv4.tcp_congestion_control=reno
ip netns exec a sysctl net.ipv4.tcp_congestion_control
ip netns exec a sysctl -w net.ipv4.tcp_congestion_control=foo
ip netns exec a sysctl -w net.ipv4.tcp_congestion_control=
ip netns exec a sysctl net.ipv4.tcp_congestion_control
ip netns exec a sysctl -w net.ipv4.tcp_rmem="4096 1000 100"
ip netns exec a sysctl net.ipv4.tcp_rmem
ip netns exec a sysctl -w net.ipv4.tcp_rmem="8192 2000"
ip netns exec a sysctl net.ipv4.tcp_rmem
ip netns exec a sysctl -w net.ipv4.tcp_rmem=abc
ip netns exec a sysctl -w net.ipv4.tcp_rmem=0
ip netns exec a sysctl -w net.ipv4.tcp_rmem="5 -5 5"
ip netns exec a sysctl -n net.ipv4.tcp_rmem
ip netns exec a sysctl -w net.ipv4.tcp_wmem="4096 32768 4194304 99"
ip netns exec a sysctl net.ipv4.tcp_wmem
ip netns exec a sysctl -w net.ipv4.tcp_wmem="  4096   65536   4194304  "
ip netns exec a sysctl net.ipv4.tcp_wmem
ip netns exec a sysctl -w net.ipv4.tcp_available_congestion_control=reno
ip netns exec a sysctl -w net.ipv4.tcp_timestamps=0
ip netns exec a sysctl net.ipv4.tcp_timestamps
ip netns exec a sysctl -w net.ipv4.tcp_syn_retries=0
ip netns exec a sysctl -w net.ipv4.tcp_syn_retries=128
ip netns exec a sysctl -w net.ipv4.tcp_syn_retries=127
ip netns exec a sysctl -w net.ipv4.tcp_adv_win_scale=32
ip netns exec a sysctl -w net.ipv4.tcp_adv_win_scale=-31
ip netns exec a sysctl -w net.ipv4.tcp_sack=0 net.ipv4.tcp_window_scaling=0
ip netns exec a sysctl net.ipv4.tcp_sack net.ipv4.tcp_window_scaling
ip netns del a
