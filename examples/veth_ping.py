#!/usr/bin/env python3
"""Two namespaces joined by a veth pair, driven from Python: the same commands a shell script
uses, then the counters read as numbers. Run: PYTHONPATH=build/python python3 examples/veth_ping.py"""
import linuxnet

w = linuxnet.World()
w.run("""
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
""")
rc, out = w.command("a", ["ping", "-c", "3", "-i", "0.2", "10.0.0.2"])
print(out, end="")
stats = w.link_stats("b", "vb")
print("vb rx:", stats["rx_packets"], "packets", stats["rx_bytes"], "bytes; virtual time", round(w.now(), 3), "s")
# three echo requests and one ARP request arrive at vb: 3 * 98 + 42 bytes
assert rc == 0 and stats["rx_packets"] == 4 and stats["rx_bytes"] == 336, stats
