#!/usr/bin/env bash
# udp_rcvbuf_kernel.sh: on the REAL kernel (root), how many datagrams a UDP socket that never
# reads holds before __udp_enqueue_schedule_skb drops (UdpRcvbufErrors), and what each costs in
# sk_rmem_alloc (/proc/net/udp's rx_queue): the truesize of a veth datagram of SIZE bytes.
# Usage: udp_rcvbuf_kernel.sh [SIZE...]   (default 64 1472)
# Prints size,sent,queued,rx_queue_bytes,bytes_per_datagram,rcvbuf_errors
set -euo pipefail
[ $# -eq 0 ] && set -- 64 1472
exec unshare -m -n --propagation private bash -s "$@" <<'INNER'
set -euo pipefail
mkdir -p /run/netns && mount -t tmpfs none /run/netns
ip netns add ua; ip netns add ub
ip link add va netns ua type veth peer name vb netns ub
ip -n ua addr add 10.9.0.1/24 dev va; ip -n ub addr add 10.9.0.2/24 dev vb
ip -n ua link set va up; ip -n ub link set vb up
echo "size,sent,queued,rx_queue_bytes,bytes_per_datagram,rcvbuf_errors"
for size in "$@"; do
  ip netns exec ub python3 - "$size" <<'PY' &
import socket, subprocess, sys, time
size, port, sent = int(sys.argv[1]), 9000 + int(sys.argv[1]) % 1000, 400
rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
rx.bind(('10.9.0.2', port))
def errors():
    out = subprocess.run(['nstat', '-asz', 'UdpRcvbufErrors'], capture_output=True, text=True).stdout
    return int(out.split()[2])
before = errors()
subprocess.run(['ip', 'netns', 'exec', 'ua', 'python3', '-c',
                "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                f"for i in range({sent}): s.sendto(b'x' * {size}, ('10.9.0.2', {port}))"], check=True)
time.sleep(0.2)
rxq = 0
for line in open('/proc/net/udp').read().splitlines()[1:]:
    f = line.split()
    if f[1].endswith(':%04X' % port):
        rxq = int(f[4].split(':')[1], 16)
drops = errors() - before
queued = sent - drops
print(f"{size},{sent},{queued},{rxq},{rxq // queued},{drops}")
PY
  wait
done
INNER
