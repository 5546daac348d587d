"""Machines joined by a wire from Python (issue 12): add_host and add_wire build what `#@ host`
and `#@ wire` lines build, and a script addresses the machines with `#@ host NAME`. The
expected goodput is the wire's arithmetic: 1472 / 1538 bytes of a 1 Gbit/s wire."""
import json

import linuxnet


def test_two_hosts_over_a_wire():
    w = linuxnet.World()
    w.add_host("b", cpus=2)
    assert w.hosts() == ["host0", "b"]
    w.add_wire("host0", "eth0", "b", "eth0", rate_bps=1e9, delay_s=5e-6)
    out = w.run("""ip link set eth0 up
ip addr add 10.0.0.1/24 dev eth0
iperf3 -s -D
#@ host b
ip link set eth0 up
ip addr add 10.0.0.2/24 dev eth0
sleep 0.1
iperf3 -c 10.0.0.1 -u -b 2G -l 1472 -t 1 -J
""")
    j = json.loads(out[out.index("{"):out.rindex("}") + 1])
    got = j["end"]["sum_received"]["bits_per_second"]
    assert abs(got - 1472 / 1538 * 1e9) < 0.01 * 1e9


def test_bad_wires_are_refused():
    w = linuxnet.World()
    w.add_host("b")
    w.add_wire("host0", "eth0", "b", "eth0", rate_bps=1e9, delay_s=0)
    for args in (("host0", "eth0", "b", "eth1"), ("nope", "eth0", "b", "eth1")):
        try:
            w.add_wire(*args, rate_bps=1e9, delay_s=0)
        except ValueError:
            continue
        raise AssertionError("accepted %r" % (args,))
