# hairpin: an outer bridge that does not learn sends everything up its uplink; the inner bridge
# sends a frame back out of the port it came in on only with hairpin on (h2 then gets duplicates)
ip netns add core
ip netns add edge
ip netns add h1
ip netns add h2
ip -n core link add br0 type bridge
ip -n edge link add brx type bridge
ip link add up0 netns edge address 02:00:00:00:03:01 type veth peer name p1 netns core address 02:00:00:00:01:01
ip link add e1 netns h1 address 02:00:00:00:00:01 type veth peer name q1 netns edge address 02:00:00:00:03:02
ip link add e2 netns h2 address 02:00:00:00:00:02 type veth peer name q2 netns edge address 02:00:00:00:03:03
ip -n core link set p1 master br0
ip -n edge link set up0 master brx
ip -n edge link set q1 master brx
ip -n edge link set q2 master brx
bridge -n edge link set dev up0 learning off
bridge -n edge link set dev q1 learning off
bridge -n edge link set dev q2 learning off
ip -n core link set p1 up
ip -n core link set br0 up
ip -n edge link set up0 up
ip -n edge link set q1 up
ip -n edge link set q2 up
ip -n edge link set brx up
ip -n h1 addr add 10.0.0.1/24 dev e1
ip -n h2 addr add 10.0.0.2/24 dev e2
ip -n h1 link set e1 up
ip -n h2 link set e2 up
sleep 2
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.2
bridge -n core fdb show br br0
ip -n h2 -s link show e2
bridge -n core link set dev p1 hairpin on
bridge -n core -d link show
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.2
ip -n h2 -s link show e2
ip -n h1 -s link show e1
