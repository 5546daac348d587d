"""Several Worlds in one process (issue: the house). Each World has its own clock, events,
random generators and user space, so the same script gives the same output in each and in a
fresh process; deleting one World leaves the others working."""
import os
import subprocess
import sys

import linuxnet

HERE = os.path.dirname(os.path.abspath(__file__))
# the real-kernel scenario 01 (veth ping), then what shows clocks, timers and the kernel log
with open(os.path.join(HERE, "..", "..", "scenarios", "oracle", "01-veth-ping.sh")) as f:
    SCRIPT = f.read() + """\
ip -n a link show va
ip -n b neigh show
ip link set lo up
iptables -A OUTPUT -o lo -p icmp -j LOG --log-prefix "out: "
sleep 1.5
ping -c 1 -W 1 127.0.0.1
dmesg
ip netns list
sleep 3
ip -n a -s link show va
"""


def fresh_process_output():
    code = "import linuxnet, sys; sys.stdout.write(linuxnet.World().run(sys.stdin.read(), echo=True))"
    return subprocess.run([sys.executable, "-c", code], input=SCRIPT, capture_output=True, text=True,
                          env=os.environ, check=True).stdout


def test_two_worlds_side_by_side_give_identical_output():
    w1 = linuxnet.World()
    w2 = linuxnet.World()
    out1 = w1.run(SCRIPT, echo=True)
    out2 = w2.run(SCRIPT, echo=True)
    assert "64 bytes from 10.0.0.2" in out1
    assert "link/ether" in out1
    assert "out: IN= OUT=lo" in out1  # the kernel log, with its timestamps
    assert out1 == out2
    # each World's clock is its own: both advanced by the same amount from 0
    assert w1.now() == w2.now() > 3.0


def test_same_as_a_fresh_process():
    w = linuxnet.World()
    assert w.run(SCRIPT, echo=True) == fresh_process_output()


def test_deleting_one_world_leaves_the_other_working():
    w1 = linuxnet.World()
    w2 = linuxnet.World()
    w1.run(SCRIPT)
    w2.run("ip netns add x\nip -n x link set lo up\n")
    t = w2.now()
    del w1
    rc, out = w2.command("x", ["ping", "-c", "1", "-W", "1", "127.0.0.1"])
    assert rc == 0, out
    assert "1 received" in out
    assert w2.namespaces() == ["x"]
    assert w2.now() >= t
    # and one after another: a new World starts again at 0 with the same names free
    w3 = linuxnet.World()
    assert w3.now() == 0.0
    assert w3.namespaces() == []
    assert w3.run(SCRIPT, echo=True) == w2.run("", echo=True) + fresh_process_output()


def test_interleaved_commands_do_not_leak_between_worlds():
    w1 = linuxnet.World()
    w2 = linuxnet.World()
    w1.run("ip netns add only1\n")
    rc, out = w2.command("", ["ip", "netns", "list"])
    assert rc == 0 and out == ""
    rc, _ = w2.command("", ["sleep", "5"])
    assert rc == 0
    assert w2.now() > w1.now()
