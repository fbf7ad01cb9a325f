// bgplens-cli: decode captures to JSON lines, count their messages per session, generate
// sample and synthetic captures.
#include <cstdio>
#include <cstring>
#include <string>

#include "commands.h"
#include "context_options.h"

namespace {

constexpr const char* kUsage =
    "usage: bgplens-cli <command> [options]\n"
    "\n"
    "commands:\n"
    "  decode FILE [--tree] [--all] [--stats] [context options]\n"
    "  decode --hex HEX|- [--tree] [context options]\n"
    "      One JSON object per BGP message of a pcap/pcapng capture, or per row of an MRT dump\n"
    "      (RIB entry, BGP4MP message, other record), in file order; or of raw messages in\n"
    "      hex (marker included), one per line on standard input with -.\n"
    "      Files may be gzip, bzip2 or xz compressed (told by content).\n"
    "      --tree   add \"fields\": the whole field tree of each message\n"
    "      --all    also list stream rows that are not messages (unparsed bytes, gaps)\n"
    "      --stats  print what was read (frames, segments, skipped frames) on standard error\n"
    "  decode FILE --format bgpdump\n"
    "      An MRT dump as the lines of bgpdump -m (1.6.2), with the same line shape for what\n"
    "      bgpdump skips; damaged stretches reported on standard error.\n"
    "  stats FILE [--json]\n"
    "      Messages per session and direction by type, unparsed and gap rows, first and last\n"
    "      time, how each direction ended (FIN/RST), from the index alone (nothing decoded).\n"
    "      --json   one JSON document instead of the table\n"
    "  generate sample OUT.pcap\n"
    "      Write the sample capture bundled with BGP Lens.\n"
    "  generate seeds DIR\n"
    "      Write the benchmark messages (scripts/bench/run) into DIR.\n"
    "  generate capture [--bytes SIZE | --messages N] [--peers N] [--table N] [--seed N] OUT\n"
    "      Write a synthetic capture of BGP peers and a route collector, streamed to OUT:\n"
    "      handshakes, OPENs, table transfers in MSS-sized segments, updates over time,\n"
    "      KEEPALIVEs, retransmissions, reconnects, NOTIFICATION/FIN/RST endings.\n"
    "      --bytes SIZE    about this file size (K, M, G: binary multiples; default 100M)\n"
    "      --messages N    about this many BGP messages instead\n"
    "      --peers N       BGP peers (default 8; some reconnect)\n"
    "      --table N       prefixes per table transfer (default: about 40% of the messages)\n"
    "      --seed N        the same seed writes the same file (default 1)\n"
    "      Prints what it wrote (bytes, frames, connections, messages by type).\n"
    "  generate mrt-rib [--ipv4 N] [--ipv6 N] [--peers N] [--seed N] [--compress gzip|bzip2] OUT\n"
    "      Write a TABLE_DUMP_V2 RIB dump (RFC 6396): a PEER_INDEX_TABLE, then a RIB record per\n"
    "      prefix with an entry per peer that has it (default: a full table, 1000000 IPv4 and\n"
    "      230000 IPv6 prefixes, 30 peers).\n"
    "  generate mrt-updates [--messages N] [table options] [--extended-time]\n"
    "                       [--compress gzip|bzip2] OUT\n"
    "      Write a BGP4MP update stream that changes that table: MESSAGE_AS4 UPDATEs and\n"
    "      STATE_CHANGE_AS4 records (default 100000 records; --extended-time: BGP4MP_ET).\n"
    "  live --connect HOST[:PORT] | --listen ADDR:PORT  --local-as N --router-id A.B.C.D\n"
    "       [--peer-as N] [--family F]... [--addpath F]... [--hold-time S] [--extended-message]\n"
    "       [--graceful-restart S] [--no-route-refresh] [--enhanced-route-refresh]\n"
    "       [--role provider|rs|rs-client|customer|peer [--strict-role]] [--md5 SECRET]\n"
    "       [--reconnect] [--duration S] [--write FILE.mrt|FILE.pcapng] [--tree]\n"
    "      A read-only BGP speaker (it never advertises a route): one JSON object per message,\n"
    "      received and sent, as it arrives, decoded with the session's negotiated context.\n"
    "      State changes and errors go to standard error. Families default to ipv4-unicast\n"
    "      and ipv6-unicast; F is AFI/SAFI (1/1) or a name (ipv4-vpn, l2vpn-evpn, ...).\n"
    "      Ends after --duration seconds, at Ctrl-C, or when the session ends (without\n"
    "      --reconnect), sending a Cease (RFC 4486 Administrative Shutdown) if it is open.\n"
    "  live --bmp ADDR:PORT [--duration S] [--write FILE]\n"
    "      A BMP station (RFC 7854): routers connect to it; their BMP messages and the BGP\n"
    "      messages inside them, each monitored peer a session of its own.\n"
    "  live --capture IFACE [--filter BPF] [--duration S] [--write FILE]\n"
    "      Capture from an interface (libpcap; default filter: tcp port 179), indexed as a\n"
    "      capture file is.\n";

}  // namespace

namespace bgplens::cli {

void fail(const std::string& message) {
  std::fprintf(stderr, "bgplens-cli: %s\n", message.c_str());
}

}  // namespace bgplens::cli

int main(int argc, char** argv) {
  using namespace bgplens::cli;
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    std::fputs("  context options:\n", argc < 2 ? stderr : stdout);
    std::fputs(bgplens::cli::kContextOptionsHelp, argc < 2 ? stderr : stdout);
    return argc < 2 ? kExitUsage : kExitOk;
  }
  const std::string command = argv[1];
  const Args args(argv + 2, argv + argc);
  if (command == "decode") return run_decode(args);
  if (command == "generate") return run_generate(args);
  if (command == "stats") return run_stats(args);
  if (command == "live") return run_live(args);
  fail("unknown command '" + command + "' (try --help)");
  return kExitUsage;
}
