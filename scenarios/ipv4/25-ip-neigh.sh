# ip neigh add / replace / change / del (iproute2 ip/ipneigh.c, the kernel's neigh_add and
# neigh_delete): a permanent entry answers for the peer without ARP, a duplicate add fails,
# change needs an entry, del removes it, and bad input changes nothing
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set va address 02:00:00:00:00:0a
ip -n b link set vb address 02:00:00:00:00:0b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip -n a neigh add 10.0.0.2 lladdr 02:00:00:00:00:0b dev va
ip -n a neigh show
ip -n a neigh add 10.0.0.2 lladdr 02:00:00:00:00:0b dev va
ip -n a neigh add 10.0.0.9 lladdr 02:00:00:00:00:99 dev va nud reachable
ip -n a neigh show dev va to 10.0.0.9
ip -n a neigh change 10.0.0.9 lladdr 02:00:00:00:00:98 dev va nud stale
ip -n a neigh show 10.0.0.9
ip -n a neigh change 10.0.0.7 lladdr 02:00:00:00:00:77 dev va
ip -n a neigh replace 10.0.0.7 lladdr 02:00:00:00:00:77 dev va
ip -n a neigh replace 10.0.0.7 lladdr 02:00:00:00:00:76 dev va nud noarp
ip -n a neigh show 10.0.0.7
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2
ip -n b neigh show
ip -n a neigh show 10.0.0.2
ip -n a neigh del 10.0.0.9 dev va
ip -n a neigh del 10.0.0.9 dev va
ip -n a neigh show
ip -n a neigh add 10.0.0.3 lladdr 02:00:00:00:00:03
ip -n a neigh add 10.0.0.3 lladdr 02:00:00:00:00:03 dev nosuch
ip -n a neigh add 10.0.0.3 lladdr zz dev va
ip -n a neigh add 10.0.0.3 dev va
ip -n a neigh add 10.0.0.3 lladdr 02:00:00:00:00:03 dev va nud bogus
ip -n a neigh add lladdr 02:00:00:00:00:03 dev va
ip -n a neigh del 10.0.0.2
ip -n a neigh show
ip -n a neigh flush dev va
ip -n a neigh show
ip -n a neigh add 10.0.0.4 dev va
ip -n a neigh add 10.0.0.4 lladdr 02:00:00:00:00:04 dev va
ip -n a neigh show nud all to 10.0.0.4
ip -n a neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev va nud failed
ip -n a neigh show nud all to 10.0.0.5
ip -n a neigh show nud failed
ip -n a neigh show nud bogus
ip -n a neigh show dev nosuch
ip -n a neigh add 10.0.0.6 lladdr
ip -n a neigh flush
ip -n a neigh flush nud failed
ip -n a neigh show nud failed
