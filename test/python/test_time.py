"""The CPU model from Python (issue: time): a cost table and the CPU count set on a World change
the simulated times the tools print, the same way in every run."""
import os
import tempfile

import linuxnet

PING = """\
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec a ping -c 2 -i 0.2 10.0.0.2
"""


def world_with(costs):
    w = linuxnet.World()
    w.clear_costs()
    with tempfile.NamedTemporaryFile("w", suffix=".costs", delete=False) as f:
        f.write(costs)
    try:
        w.load_costs(f.name)
    finally:
        os.unlink(f.name)
    return w


def test_costs_set_the_rtt():
    # request veth_xmit + ip_rcv, reply veth_xmit (the reply's timestamp is taken in netif_rx)
    out = world_with("veth_xmit 20000\nip_rcv 7000\n").run(PING)  # ns: 20 and 7 us
    assert "icmp_seq=2 ttl=64 time=0.047 ms" in out, out


def test_same_table_same_times():
    a = world_with("veth_xmit 3.141\nip_rcv 2.718 0.01\n").run(PING)
    b = world_with("veth_xmit 3.141\nip_rcv 2.718 0.01\n").run(PING)
    assert a == b


def test_costs_round_trip_and_bad_table():
    w = world_with("udp_rcv 1.5 0.002\n")
    assert w.costs() == "udp_rcv 1.500 0.002\n"
    with tempfile.NamedTemporaryFile("w", suffix=".costs", delete=False) as f:
        f.write("no_such_function 3\n")
    try:
        w.load_costs(f.name)
        raise AssertionError("a bad table was accepted")
    except ValueError as e:
        assert "unknown kernel function 'no_such_function'" in str(e)
    finally:
        os.unlink(f.name)
    assert w.costs() == "udp_rcv 1.500 0.002\n"  # left as it was


def test_set_cpus():
    w = linuxnet.World()
    w.set_cpus(4)
    # a veth gets a queue per possible CPU (veth_newlink with num_possible_cpus)
    assert "numtxqueues 4 numrxqueues 4" in w.run("ip link add x type veth peer name y\nip -d link show x\n")
    try:
        w.set_cpus(0)
        raise AssertionError("0 CPUs accepted")
    except ValueError:
        pass
