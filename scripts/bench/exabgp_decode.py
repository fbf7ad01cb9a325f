#!/usr/bin/python3
"""Decodes BGP Lens's seed messages with ExaBGP 4.2 (Debian's python3-exabgp), the same bytes
BGP Lens decodes in bgplens_bench, and prints one JSON line per scenario: seconds per decode
(the median of several runs) and, for the stream, the memory the held routes take.

Usage: exabgp_decode.py SEED_DIR   (files written by `bgplens-cli generate seeds SEED_DIR`)
"""
import gc
import json
import os
import statistics
import sys
import time

from exabgp.configuration.setup import environment

environment.setup('')  # ExaBGP's defaults, as its own tools set them up (logging off)

from exabgp.bgp.message import Open, Update  # noqa: E402
from exabgp.bgp.message.direction import Direction  # noqa: E402
from exabgp.bgp.message.open import ASN, HoldTime, RouterID, Version  # noqa: E402
from exabgp.bgp.message.open.capability import Capabilities, Capability, Negotiated  # noqa: E402
from exabgp.bgp.neighbor import Neighbor  # noqa: E402
from exabgp.protocol.family import AFI, SAFI  # noqa: E402


def negotiated():
    """A 4-octet-AS session with IPv4 unicast and VPNv4, as in BGP Lens's benchmark."""
    n = Neighbor()
    n.router_id = RouterID('192.0.2.254')
    n.local_as = ASN(64500)
    n.peer_as = ASN(64501)
    n.asn4 = True
    # Attributes this ExaBGP version reads when it builds capabilities.
    n.extended_message = False
    n.operational = False
    n.host_name = None
    n.domain_name = None
    n.add_family((AFI.ipv4, SAFI.unicast))
    n.add_family((AFI.ipv4, SAFI.mpls_vpn))
    capa = Capabilities().new(n, False)
    capa[Capability.CODE.MULTIPROTOCOL] = n.families()
    sent = Open(Version(4), ASN(64500), HoldTime(180), RouterID('192.0.2.254'), capa)
    received = Open(Version(4), ASN(64501), HoldTime(180), RouterID('192.0.2.253'), capa)
    result = Negotiated(n)
    result.sent(sent)
    result.received(received)
    return result


def messages(data):
    p = 0
    while p + 19 <= len(data):
        length = int.from_bytes(data[p + 16:p + 18], 'big')
        yield data[p:p + length]
        p += length


def routes(update):
    return len(update.nlris)


def rss_bytes():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE')


def single(name, data, neg, runs):
    body = data[19:]
    times = []
    count = 0
    for _ in range(runs):
        start = time.perf_counter()
        update = Update.unpack_message(body, Direction.IN, neg)
        times.append(time.perf_counter() - start)
        count = routes(update)
    print(json.dumps({'scenario': name, 'seconds': statistics.median(times), 'routes': count, 'runs': runs}))


def stream(name, data, neg):
    gc.collect()
    before = rss_bytes()
    start = time.perf_counter()
    held = [Update.unpack_message(m[19:], Direction.IN, neg) for m in messages(data)]
    seconds = time.perf_counter() - start
    gc.collect()
    after = rss_bytes()
    print(json.dumps({'scenario': name, 'seconds': seconds, 'updates': len(held),
                      'routes': sum(routes(u) for u in held), 'held_bytes': after - before}))


def main():
    seeds = sys.argv[1]
    neg = negotiated()
    read = lambda n: open(os.path.join(seeds, n), 'rb').read()
    single('update1000ipv4', read('update-1000-ipv4.bin'), neg, 30)
    single('update100vpnv4', read('update-100-vpnv4.bin'), neg, 30)
    stream('stream800k', read('stream-800k.bin'), neg)


if __name__ == '__main__':
    main()
