#include "session_report.h"

#include <QObject>
#include <algorithm>

#include "bgp/message_summary.h"
#include "bgp/names/names.h"
#include "util/text.h"

namespace bgplens::session_report {
namespace {

QString qs(const std::string& s) {
  return QString::fromStdString(s);
}

// RFC 7854 §4.1 message types.
QString bmp_type_name(std::size_t type) {
  switch (type) {
    case 0:
      return QObject::tr("BMP Route Monitoring");
    case 1:
      return QObject::tr("BMP Statistics Report");
    case 2:
      return QObject::tr("BMP Peer Down Notification");
    case 3:
      return QObject::tr("BMP Peer Up Notification");
    case 4:
      return QObject::tr("BMP Initiation");
    case 5:
      return QObject::tr("BMP Termination");
    case 6:
      return QObject::tr("BMP Route Mirroring");
  }
  return QObject::tr("BMP, other types");
}

// RFC 4364 §4.2 route distinguisher forms, which RD instance and Loc-RIB peers use as their
// distinguisher (RFC 7854 §4.2, RFC 9069 §4.1); other values are shown as numbers.
QString distinguisher_text(std::uint8_t peer_type, std::uint64_t d) {
  if (d == 0 || (peer_type != 1 && peer_type != 3)) return QString::number(d);
  const auto type = static_cast<std::uint16_t>(d >> 48);
  const std::uint64_t value = d & 0xFFFF'FFFF'FFFFull;
  switch (type) {
    case 0:
      return QStringLiteral("%1:%2").arg(value >> 32).arg(value & 0xFFFF'FFFFu);
    case 1:
      return QStringLiteral("%1:%2")
          .arg(qs(text::ipv4_value(static_cast<std::uint32_t>(value >> 16))))
          .arg(value & 0xFFFFu);
    case 2:
      return QStringLiteral("%1:%2").arg(value >> 16).arg(value & 0xFFFFu);
  }
  return QStringLiteral("0x%1").arg(d, 16, 16, QLatin1Char('0'));
}

QString peer_type_name(std::uint8_t type) {
  switch (type) {
    case 0:
      return QObject::tr("global instance peer");
    case 1:
      return QObject::tr("RD instance peer");
    case 2:
      return QObject::tr("local instance peer");
    case 3:
      return QObject::tr("Loc-RIB instance");
  }
  return QObject::tr("peer type %1").arg(type);
}

}  // namespace

QString side_name(std::uint8_t direction) {
  return direction == 0 ? QObject::tr("A") : QObject::tr("B");
}

QString kind_name(SessionKind kind) {
  switch (kind) {
    case SessionKind::Bgp:
      return QObject::tr("BGP");
    case SessionKind::Bmp:
      return QObject::tr("BMP");
    case SessionKind::BmpPeer:
      return QObject::tr("BMP peer");
    case SessionKind::MrtPeer:
      return QObject::tr("MRT peer");
  }
  return {};
}

QString endpoint_text(const Endpoint& e) {
  return e.port == 0 ? qs(e.address.text()) : qs(e.text());
}

QString pair_text(const QString& a, const QString& b) {
  if (a.isEmpty() && b.isEmpty()) return {};
  const QString unknown = QStringLiteral("?");
  return (a.isEmpty() ? unknown : a) + QStringLiteral(" ↔ ") + (b.isEmpty() ? unknown : b);
}

QString endpoints_text(const SessionInfo& s) {
  // An MRT file names the collector's address only in BGP4MP records.
  if (s.kind == SessionKind::MrtPeer && s.b.address.version == 0)
    return pair_text(endpoint_text(s.a), QObject::tr("collector"));
  return pair_text(endpoint_text(s.a), endpoint_text(s.b));
}

QString as_text(const SessionIndex& index, std::uint32_t session, int side) {
  const DirectionStats& d = index.stats(session).dir[static_cast<std::size_t>(side & 1)];
  if (d.open) return QString::number(d.open->as4 ? *d.open->as4 : d.open->my_as);
  const SessionInfo& info = index.info(session);
  if (side == 0 && info.bmp_peer) return QString::number(info.bmp_peer->as);
  if (info.mrt_peer && (side == 0 || info.mrt_peer->local_as != 0))
    return QString::number(side == 0 ? info.mrt_peer->as : info.mrt_peer->local_as);
  return {};
}

QString router_id_text(const SessionIndex& index, std::uint32_t session, int side) {
  const DirectionStats& d = index.stats(session).dir[static_cast<std::size_t>(side & 1)];
  if (d.open) return qs(text::ipv4_value(d.open->bgp_id));
  const SessionInfo& info = index.info(session);
  if (side == 0 && info.bmp_peer) return qs(text::ipv4_value(info.bmp_peer->bgp_id));
  if (info.mrt_peer && info.mrt_peer->bgp_id != 0)
    return qs(text::ipv4_value(side == 0 ? info.mrt_peer->bgp_id : info.mrt_peer->collector_id));
  return {};
}

QString bmp_peer_text(const BmpPeerInfo& peer) {
  return QObject::tr("%1, distinguisher %2, address %3, AS %4, BGP ID %5")
      .arg(peer_type_name(peer.peer_type), distinguisher_text(peer.peer_type, peer.distinguisher),
           qs(peer.address.text()))
      .arg(peer.as)
      .arg(qs(text::ipv4_value(peer.bgp_id)));
}

QString bmp_peer_label(const BmpPeerInfo& peer) {
  const QString d = distinguisher_text(peer.peer_type, peer.distinguisher);
  switch (peer.peer_type) {
    case 0:
      return QObject::tr("global");
    case 1:
      return QObject::tr("RD %1").arg(d);
    case 2:
      return QObject::tr("local %1").arg(d);
    case 3:
      return peer.distinguisher == 0 ? QObject::tr("Loc-RIB") : QObject::tr("Loc-RIB %1").arg(d);
  }
  return QObject::tr("peer type %1").arg(peer.peer_type);
}

QString relative_time(const MessageStore& store, std::int64_t ns) {
  return QString::number(static_cast<double>(ns - store.first_time_ns()) / 1e9, 'f', 3);
}

QString duration_text(std::int64_t ns) {
  return QObject::tr("%1 s").arg(static_cast<double>(ns) / 1e9, 0, 'f', 3);
}

QString hold_time_text(const SessionStats& s) {
  const std::optional<std::uint16_t> hold = s.hold_time();
  if (!hold) return {};
  if (!s.both_opens()) return QObject::tr("at most %1 s").arg(*hold);
  if (*hold == 0) return QObject::tr("0 s (no KEEPALIVEs)");
  return QObject::tr("%1 s").arg(*hold);
}

End session_end(const SessionIndex& index, std::uint32_t session) {
  const MessageStore& store = index.store();
  const SessionInfo& info = index.info(session);
  const SessionStats& s = index.stats(session);
  End end;
  end.time_ns = index.capture_end_ns();
  bool decided = false;
  if (s.notification_row) {
    const std::uint32_t row = *s.notification_row;
    const MessageRecord r = store.record(row);
    const QString what = qs(message_summary(store.decode(row, Depth::Summary)));
    const std::uint8_t d = store.direction_of(r);
    const QString from = endpoint_text(info.source(d));
    end.reason = End::Reason::Notification;
    end.time_ns = r.time_ns;
    end.text = QObject::tr("%1, from %2").arg(what, side_name(d));
    end.details << QObject::tr("%1 from %2 at %3 s (message #%4)")
                       .arg(what, from, relative_time(store, r.time_ns))
                       .arg(row);
    decided = true;
  }
  for (const SessionEvent& e : s.events) {
    const bool rst = e.kind == SessionEventKind::Rst;
    const QString what = rst ? QObject::tr("RST") : QObject::tr("FIN");
    const QString from = endpoint_text(info.source(e.direction));
    end.details << QObject::tr("%1 from %2 at %3 s (frame %4)")
                       .arg(what, from, relative_time(store, e.time_ns))
                       .arg(e.frame);
    if (decided) {
      end.time_ns = std::min(end.time_ns, e.time_ns);
      continue;
    }
    end.reason = rst ? End::Reason::Rst : End::Reason::Fin;
    end.time_ns = e.time_ns;
    end.text = QObject::tr("%1 from %2").arg(what, side_name(e.direction));
    decided = true;
  }
  if (!decided && info.kind == SessionKind::BmpPeer && info.parent < index.size()) {
    // A monitored peer's TCP session is not in the capture; its reports end with the BMP
    // connection (a Peer Down message, when decoded, is a row of that connection).
    const End parent = session_end(index, info.parent);
    if (parent.reason != End::Reason::CaptureEnd) {
      end.reason = End::Reason::ConnectionClosed;
      end.time_ns = parent.time_ns;
      end.text = QObject::tr("BMP connection closed: %1").arg(parent.text);
      end.details << QObject::tr("The BMP connection ended: %1").arg(parent.details.join("; "));
      decided = true;
    }
  }
  if (!decided && info.kind == SessionKind::MrtPeer) {
    // An MRT dump holds routes and messages, not the peer's TCP connection.
    end.text = QObject::tr("not in the dump");
    end.details << QObject::tr(
        "An MRT dump records this peer's routes or messages, not its TCP connection: how the "
        "session ended is not recorded (BGP4MP STATE_CHANGE rows show state changes).");
  } else if (!decided && index.store().loading()) {
    // A live source, or a file still being read: nothing has ended the session so far.
    end.text = QObject::tr("open");
    end.details << QObject::tr("No NOTIFICATION, FIN or RST so far.");
  } else if (!decided) {
    end.text = QObject::tr("open at capture end");
    end.details << QObject::tr(
        "No NOTIFICATION, FIN or RST: the session was open when the capture ended.");
  } else if (s.events.empty() && info.kind != SessionKind::BmpPeer) {
    end.details << QObject::tr("No FIN or RST in the capture.");
  }
  return end;
}

std::vector<Silence> hold_timer_findings(const SessionIndex& index, std::uint32_t session) {
  const SessionStats& s = index.stats(session);
  std::vector<Silence> found = s.hold_findings;
  const std::optional<std::uint16_t> hold = s.hold_time();
  if (index.info(session).kind != SessionKind::Bgp || !hold || *hold == 0) return found;
  const std::int64_t end_ns = session_end(index, session).time_ns;
  for (std::uint8_t d = 0; d < 2; ++d) {
    const DirectionStats& ds = s.dir[d];
    if (!ds.last_message_row) continue;
    const std::int64_t silent = end_ns - ds.last_message_ns;
    if (silent > std::int64_t{*hold} * 1'000'000'000)
      found.push_back(Silence{d, ds.last_message_ns, silent, *ds.last_message_row, std::nullopt});
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const Silence& x, const Silence& y) { return x.start_ns < y.start_ns; });
  return found;
}

std::uint64_t hold_timer_finding_count(const SessionIndex& index, std::uint32_t session) {
  const SessionStats& s = index.stats(session);
  return s.hold_findings_total + hold_timer_findings(index, session).size() -
         s.hold_findings.size();
}

std::vector<CountRow> message_counts(const SessionIndex& index, std::uint32_t session) {
  const SessionStats& s = index.stats(session);
  const auto& d = s.dir;
  std::vector<CountRow> rows;
  auto add = [&](QString type, std::uint64_t a, std::uint64_t b, bool always) {
    if (always || a + b > 0) rows.push_back(CountRow{std::move(type), {a, b}});
  };
  constexpr std::size_t kOther = DirectionStats::kOtherType;
  const bool bmp = index.info(session).kind == SessionKind::Bmp;
  for (std::size_t t = msg_type::kOpen; t <= msg_type::kRouteRefresh; ++t) {
    add(qs(std::string(names::message_type(static_cast<std::uint8_t>(t)))), d[0].types[t],
        d[1].types[t], !bmp);
  }
  std::array<std::uint64_t, 2> other{};
  for (std::size_t i = 0; i < 2; ++i)
    other[i] = d[i].types[0] + d[i].types[6] + d[i].types[kOther];
  add(QObject::tr("Other BGP types"), other[0], other[1], false);
  for (std::size_t t = 0; t <= kOther; ++t)
    add(bmp_type_name(t), d[0].bmp_types[t], d[1].bmp_types[t], false);
  add(QObject::tr("Unparsed bytes"), d[0].unparsed, d[1].unparsed, false);
  add(QObject::tr("Missing bytes (gaps)"), d[0].gaps, d[1].gaps, false);
  return rows;
}

}  // namespace bgplens::session_report
