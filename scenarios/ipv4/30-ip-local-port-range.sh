# net.ipv4.ip_local_port_range (ipv4_local_port_range, per namespace): both ends 1..65535, low <= high
# and not below ip_unprivileged_port_start (1024); one value sets the low end only. UDP's
# ephemeral ports come from it (udp_lib_get_port)
ip netns add a
ip netns exec a sysctl net.ipv4.ip_local_port_range
ip netns exec a sysctl -w net.ipv4.ip_local_port_range="40000 40001"
ip netns exec a sysctl -n net.ipv4.ip_local_port_range
ip netns exec a sysctl -w net.ipv4.ip_local_port_range=50000
ip netns exec a sysctl net.ipv4.ip_local_port_range
ip netns exec a sysctl -w net.ipv4.ip_local_port_range="60000 50000"
ip netns exec a sysctl -w net.ipv4.ip_local_port_range="500 60000"
ip netns exec a sysctl -w net.ipv4.ip_local_port_range="1024 70000"
ip netns exec a sysctl -w net.ipv4.ip_local_port_range="0 100"
ip netns exec a sysctl -w net.ipv4.ip_local_port_range="abc"
ip netns exec a sysctl net.ipv4.ip_local_port_range
sysctl net.ipv4.ip_local_port_range
