# routes: connected routes made by addresses, static routes, default, replace, delete, lookups
ip netns add a
ip netns add z
ip link add va netns a type veth peer name vb netns z
ip link add vc netns a type veth peer name vd netns z
ip -n a addr add 10.5.0.1/24 dev va
ip -n a addr add 10.6.0.1/16 dev vc
ip -n a route show
ip -n a link set va up
ip -n a link set vc up
ip -n z link set vb up
ip -n z link set vd up
ip -n a route show
ip -n a route add 172.16.0.0/12 via 10.5.0.254
ip -n a route add 192.168.7.0/24 dev vc
ip -n a route add default via 10.6.0.254 metric 10
ip -n a route add 10.7.0.0/16 via 10.5.0.9 dev va
ip -n a route show
ip -n a route replace 172.16.0.0/12 via 10.6.0.9
ip -n a route del 192.168.7.0/24
ip -n a route show
ip -n a route get 172.16.1.1
ip -n a route get 8.8.8.8
ip -n a route get 192.168.7.1
ip -n a route show table local
ip -n a link set vc down
ip -n a route show
ip -n a route show table all
ip -n z link del vb
ip -n z link del vd
