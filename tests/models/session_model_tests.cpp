// The sessions panel's models: per-session aggregates (counts, ends, hold times, hold-timer
// findings) on real captures and on generated ones, the session tree with BMP peers nested,
// the OPEN comparison, and the message list filtered to one session.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "buffer/region.h"
#include "gen/message_builder.h"
#include "gen/pcap_writer.h"
#include "index/capture_indexer.h"
#include "index/source_file.h"
#include "message_list_model.h"
#include "open_comparison.h"
#include "session_filter_model.h"
#include "session_list_model.h"
#include "session_report.h"
#include "test_support.h"

using namespace bgplens;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

class CollectingSink final : public IndexSink {
 public:
  void on_batch(IndexBatch&& batch) override { batches.push_back(std::move(batch)); }
  std::vector<IndexBatch> batches;
};

std::vector<IndexBatch> index_batches(const std::shared_ptr<ByteStore>& bytes,
                                      std::size_t batch_records = 4096) {
  CollectingSink sink;
  IndexOptions options;
  options.batch_records = batch_records;
  if (!index_capture(bytes, sink, {}, options)) return {};
  return std::move(sink.batches);
}

std::shared_ptr<ByteStore> shared_capture(const std::string& name) {
  auto bytes = open_source_file(test::shared_dir() + "/captures/" + name);
  return bytes ? *bytes : nullptr;
}

void fill(MessageStore& store, const std::shared_ptr<ByteStore>& bytes,
          std::size_t batch_records = 4096) {
  store.reset(bytes);
  for (IndexBatch& b : index_batches(bytes, batch_records))
    store.append(std::move(b));
}

// The session with an endpoint "address:port".
std::optional<std::uint32_t> find_session(const SessionIndex& index, const QString& endpoint) {
  for (std::uint32_t s = 0; s < index.size(); ++s) {
    const SessionInfo& info = index.info(s);
    if (session_report::endpoint_text(info.a) == endpoint ||
        session_report::endpoint_text(info.b) == endpoint)
      return s;
  }
  return std::nullopt;
}

std::uint64_t count(const SessionStats& s, std::uint8_t type) {
  return s.dir[0].types[type] + s.dir[1].types[type];
}

const CapabilityRow* find_row(const std::vector<CapabilityRow>& rows, const QString& name) {
  for (const CapabilityRow& r : rows) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

// Two sessions. 10.0.0.1 → 10.0.0.2: hold times 10 and 30 (so 10 s), A silent for 11 s
// between two KEEPALIVEs and for 11 s before B's NOTIFICATION 4/0, then FIN from B and RST
// from A. 10.0.0.3 → 10.0.0.2: hold time 0 on both sides and a 100 s silence (no finding).
std::vector<std::uint8_t> hold_timer_capture() {
  gen::PcapWriter pcap;
  gen::TcpConversation x(pcap, gen::endpoint("10.0.0.1", 40000), gen::endpoint("10.0.0.2", 179));
  x.handshake(0);
  gen::OpenSpec a_open;
  a_open.hold_time = 10;
  a_open.bgp_id = 0x0A000001;
  gen::OpenSpec b_open;
  b_open.my_as = 65002;
  b_open.hold_time = 30;
  b_open.bgp_id = 0x0A000002;
  x.send(0, gen::open(a_open), kSecond / 10);
  x.send(1, gen::open(b_open), kSecond / 5);
  x.send(0, gen::keepalive(), 1 * kSecond);
  x.send(0, gen::keepalive(), 12 * kSecond);
  for (std::int64_t t = 1; t <= 22; t += 3)
    x.send(1, gen::keepalive(), t * kSecond);
  x.send(1, gen::notification(4, 0), 23 * kSecond);
  x.fin(1, 23 * kSecond + 1000);
  x.rst(0, 23 * kSecond + 2000);

  gen::TcpConversation y(pcap, gen::endpoint("10.0.0.3", 40001), gen::endpoint("10.0.0.2", 179));
  y.handshake(30 * kSecond);
  gen::OpenSpec quiet;
  quiet.hold_time = 0;
  y.send(0, gen::open(quiet), 31 * kSecond);
  y.send(1, gen::open(quiet), 31 * kSecond + 1000);
  y.send(0, gen::keepalive(), 32 * kSecond);
  y.send(0, gen::keepalive(), 132 * kSecond);
  return pcap.bytes();
}

std::shared_ptr<ByteStore> owned(std::vector<std::uint8_t> bytes) {
  return std::make_shared<ByteStore>(std::make_shared<OwnedRegion>(std::move(bytes)));
}

}  // namespace

class SessionModelTests : public QObject {
  Q_OBJECT

 private slots:
  void holdTimerCaptureCountsEndsAndFindings() {
    // iBGP route reflector: client1 (hold time 3 s) is stopped, GoBGP's hold timer expires.
    auto bytes = shared_capture("daemons/exabgp-gobgprr-exabgp-ibgp-rr-holdtimer.pcap");
    QVERIFY(bytes);
    MessageStore store;
    SessionIndex index(&store);
    fill(store, bytes);
    QCOMPARE(index.size(), 4u);
    std::uint64_t rows = 0;
    for (std::uint32_t s = 0; s < index.size(); ++s)
      rows += index.stats(s).row_count();
    QCOMPARE(rows, static_cast<std::uint64_t>(store.size()));

    const auto client1 = find_session(index, QStringLiteral("127.0.0.3:37385"));
    QVERIFY(client1);
    const SessionStats& s = index.stats(*client1);
    QCOMPARE(s.dir[0].rows, std::uint64_t{15});  // client1 → reflector
    QCOMPARE(s.dir[1].rows, std::uint64_t{12});
    QCOMPARE(count(s, msg_type::kOpen), std::uint64_t{2});
    QCOMPARE(count(s, msg_type::kUpdate), std::uint64_t{7});
    QCOMPARE(count(s, msg_type::kNotification), std::uint64_t{1});
    QCOMPARE(count(s, msg_type::kKeepalive), std::uint64_t{17});
    QVERIFY(s.both_opens());
    QCOMPARE(s.hold_time(), std::optional<std::uint16_t>(3));
    QCOMPARE(session_report::hold_time_text(s), QStringLiteral("3 s"));
    QCOMPARE(session_report::as_text(index, *client1, 0), QStringLiteral("65001"));

    const session_report::End end = session_report::session_end(index, *client1);
    QCOMPARE(end.reason, session_report::End::Reason::Notification);
    QCOMPARE(end.text, QStringLiteral("NOTIFICATION 4/0 Hold Timer Expired, from B"));
    QVERIFY(end.details.join(' ').contains(
        QStringLiteral("NOTIFICATION 4/0 Hold Timer Expired from 127.0.0.1:179")));
    QVERIFY(end.details.join(' ').contains(QStringLiteral("FIN from 127.0.0.1:179")));

    // client1 stopped after its KEEPALIVE #32 and sent nothing until #41, 6.8 s later.
    const std::vector<Silence> found = session_report::hold_timer_findings(index, *client1);
    QCOMPARE(found.size(), std::size_t{1});
    QCOMPARE(found[0].direction, std::uint8_t{0});
    QCOMPARE(found[0].from_row, 32u);
    QCOMPARE(found[0].to_row, std::optional<std::uint32_t>(41));
    QVERIFY(found[0].duration_ns > 6 * kSecond && found[0].duration_ns < 7 * kSecond);
    QCOMPARE(s.dir[0].longest_silence->from_row, 32u);

    // client2: hold time 90 s, closed by the reflector with 6/3 and an RST from client2.
    const auto client2 = find_session(index, QStringLiteral("127.0.0.4:46719"));
    QVERIFY(client2);
    QCOMPARE(index.stats(*client2).hold_time(), std::optional<std::uint16_t>(90));
    QVERIFY(session_report::hold_timer_findings(index, *client2).empty());
    const session_report::End end2 = session_report::session_end(index, *client2);
    QVERIFY2(end2.text.startsWith(QStringLiteral("NOTIFICATION 6/3")), qPrintable(end2.text));
    QVERIFY(end2.details.join(' ').contains(QStringLiteral("RST from 127.0.0.4:46719")));
  }

  void refusedAndFailedConnectionsEndWithRstOrNotification() {
    // 11 attempts FRR ⇄ ExaBGP, each refused with NOTIFICATION 2/2, and refused connections.
    auto bytes = shared_capture("daemons/frr-exabgp-open-bad-peer-as-notification.pcap");
    QVERIFY(bytes);
    MessageStore store;
    SessionIndex index(&store);
    SessionListModel list(&index);
    fill(store, bytes);
    QCOMPARE(list.session_count(), static_cast<int>(index.size()));  // all on port 179
    int notifications = 0;
    int refused = 0;
    for (std::uint32_t s = 0; s < index.size(); ++s) {
      const session_report::End end = session_report::session_end(index, s);
      if (index.stats(s).row_count() == 0) {
        QCOMPARE(end.reason, session_report::End::Reason::Rst);
        ++refused;
        continue;
      }
      QCOMPARE(end.reason, session_report::End::Reason::Notification);
      QVERIFY2(end.text.startsWith(QStringLiteral("NOTIFICATION 2/2")), qPrintable(end.text));
      ++notifications;
      // FRR sends My AS 23456 with the 4-octet AS capability; ExaBGP has none: 2-octet ASNs.
      const std::vector<CapabilityRow> rows = compare_opens(index, s);
      const CapabilityRow* as4 = find_row(rows, QStringLiteral("4-octet AS number (65)"));
      QVERIFY(as4);
      QVERIFY(!as4->in_effect);
      QCOMPARE(as4->effect, QStringLiteral("2-octet AS numbers"));
      QVERIFY(list.data(list.index_of(s, SessionListModel::As)).toString().contains("4200000004"));
    }
    QCOMPARE(notifications, 11);
    QCOMPARE(refused + notifications, static_cast<int>(index.size()));
  }

  void smallBatchesGiveTheSameAggregates() {
    auto bytes = shared_capture("daemons/exabgp-gobgprr-exabgp-ibgp-rr-holdtimer.pcap");
    QVERIFY(bytes);
    MessageStore one;
    SessionIndex whole(&one);
    fill(one, bytes);
    MessageStore many;
    SessionIndex batched(&many);
    fill(many, bytes, 2);
    QCOMPARE(batched.size(), whole.size());
    for (std::uint32_t s = 0; s < whole.size(); ++s) {
      const SessionStats& a = whole.stats(s);
      const SessionStats& b = batched.stats(s);
      QCOMPARE(b.rows, a.rows);
      QCOMPARE(b.events.size(), a.events.size());
      QCOMPARE(b.hold_findings_total, a.hold_findings_total);
      QCOMPARE(b.notification_row, a.notification_row);
      for (std::size_t d = 0; d < 2; ++d) {
        QVERIFY(b.dir[d].types == a.dir[d].types);
        QCOMPARE(b.dir[d].open_row, a.dir[d].open_row);
        QCOMPARE(b.dir[d].context, a.dir[d].context);
      }
    }
  }

  void openComparisonShowsWhatTheSessionUses() {
    // GoBGP ⇄ GoBGP with ADD-PATH, graceful restart and 17 families on both sides.
    auto bytes = shared_capture("daemons/gobgp-gobgp-unicast-addpath-gr.pcap");
    QVERIFY(bytes);
    MessageStore store;
    SessionIndex index(&store);
    fill(store, bytes);
    QCOMPARE(index.size(), 1u);
    const std::vector<CapabilityRow> rows = compare_opens(index, 0);
    const CapabilityRow* hold = find_row(rows, QStringLiteral("Hold time"));
    QVERIFY(hold && hold->in_effect);
    const CapabilityRow* as4 = find_row(rows, QStringLiteral("4-octet AS number (65)"));
    QVERIFY(as4 && as4->in_effect);
    QCOMPARE(as4->effect, QStringLiteral("4-octet AS numbers"));
    const CapabilityRow* v4 = find_row(rows, QStringLiteral("Multiprotocol: IPv4 Unicast (1/1)"));
    QVERIFY(v4 && v4->in_effect);
    QVERIFY(find_row(rows, QStringLiteral("Graceful Restart (64)"))->in_effect);
    QVERIFY(find_row(rows, QStringLiteral("Route Refresh (2)"))->in_effect);
    // ADD-PATH: what negotiate() made of the two offers.
    const CapabilityRow* add_path = find_row(rows, QStringLiteral("ADD-PATH: IPv4 Unicast (1/1)"));
    QVERIFY(add_path);
    QVERIFY2(add_path->in_effect, qPrintable(add_path->effect));
    QCOMPARE(add_path->effect, QStringLiteral("path IDs both ways"));
    int mp = 0;
    for (const CapabilityRow& r : rows)
      mp += r.name.startsWith(QStringLiteral("Multiprotocol: ")) && r.in_effect ? 1 : 0;
    QCOMPARE(mp, 17);
    // GoBGP's AS 4200000001 does not fit My AS: AS_TRANS there, the real one in the capability.
    QCOMPARE(find_row(rows, QStringLiteral("AS number"))->sent[1],
             QStringLiteral("4200000001 (My AS field 23456)"));
  }

  void silenceUntilTheEndIsAFinding() {
    MessageStore store;
    SessionIndex index(&store);
    fill(store, owned(hold_timer_capture()));
    const auto x = find_session(index, QStringLiteral("10.0.0.1:40000"));
    const auto y = find_session(index, QStringLiteral("10.0.0.3:40001"));
    QVERIFY(x && y);
    const SessionStats& s = index.stats(*x);
    QCOMPARE(s.hold_time(), std::optional<std::uint16_t>(10));
    const std::vector<Silence> found = session_report::hold_timer_findings(index, *x);
    QCOMPARE(found.size(), std::size_t{2});
    // Between A's KEEPALIVEs at 1 s and 12 s.
    QCOMPARE(found[0].direction, std::uint8_t{0});
    QVERIFY(found[0].to_row.has_value());
    QCOMPARE(found[0].duration_ns, 11 * kSecond);
    // From A's KEEPALIVE at 12 s to B's NOTIFICATION at 23 s, when the session ended.
    QCOMPARE(found[1].direction, std::uint8_t{0});
    QVERIFY(!found[1].to_row.has_value());
    QCOMPARE(found[1].duration_ns, 11 * kSecond);
    QCOMPARE(session_report::hold_timer_finding_count(index, *x), std::uint64_t{2});
    const session_report::End end = session_report::session_end(index, *x);
    QCOMPARE(end.reason, session_report::End::Reason::Notification);
    QCOMPARE(end.time_ns, 23 * kSecond);
    QCOMPARE(end.details.size(), qsizetype{3});  // NOTIFICATION, FIN, RST
    QVERIFY(end.details[1].startsWith(QStringLiteral("FIN from 10.0.0.2:179")));
    QVERIFY(end.details[2].startsWith(QStringLiteral("RST from 10.0.0.1:40000")));

    // Hold time 0: no keepalives expected, a long silence is no finding.
    QCOMPARE(index.stats(*y).hold_time(), std::optional<std::uint16_t>(0));
    QCOMPARE(session_report::hold_time_text(index.stats(*y)),
             QStringLiteral("0 s (no KEEPALIVEs)"));
    QVERIFY(session_report::hold_timer_findings(index, *y).empty());
    QCOMPARE(index.stats(*y).dir[0].longest_silence->duration_ns, 100 * kSecond);
    QCOMPARE(session_report::session_end(index, *y).reason,
             session_report::End::Reason::CaptureEnd);

    const std::vector<session_report::CountRow> counts = session_report::message_counts(index, *x);
    QCOMPARE(counts.size(), std::size_t{5});  // the five BGP types, zeros included
    QCOMPARE(counts[3].type, QStringLiteral("KEEPALIVE"));
    QCOMPARE(counts[3].count[0], std::uint64_t{2});
    QCOMPARE(counts[3].count[1], std::uint64_t{8});
  }

  void filterListsOnlyTheSessionsRowsAndMapsBothWays() {
    MessageStore store;
    SessionIndex index(&store);
    MessageListModel list(&store);
    SessionFilterModel filter(&index);
    filter.setSourceModel(&list);
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto bytes = shared_capture("daemons/exabgp-gobgprr-exabgp-ibgp-rr-holdtimer.pcap");
    QVERIFY(bytes);
    std::vector<IndexBatch> batches = index_batches(bytes, 4);
    QVERIFY(batches.size() > 4);
    store.reset(bytes);
    QSignalSpy changed(&filter, &SessionFilterModel::session_changed);
    // Filtered as soon as client2's session appears: later batches add only its rows.
    std::size_t filtered_at = 0;
    for (std::size_t i = 0; i < batches.size(); ++i) {
      store.append(std::move(batches[i]));
      const auto client2 = find_session(index, QStringLiteral("127.0.0.4:46719"));
      if (client2 && !filter.filtered()) {
        filter.set_session(*client2);
        filtered_at = i;
      }
    }
    QVERIFY(filtered_at + 1 < batches.size());
    const auto session = find_session(index, QStringLiteral("127.0.0.4:46719"));
    QVERIFY(session);
    QCOMPARE(changed.size(), qsizetype{1});
    QCOMPARE(filter.rowCount(), 16);
    const std::vector<std::uint32_t> rows = index.rows_of(*session);
    QCOMPARE(static_cast<std::size_t>(filter.rowCount()), rows.size());
    for (int r = 0; r < filter.rowCount(); ++r) {
      const qint64 store_row = filter.store_row(r);
      QCOMPARE(store_row, static_cast<qint64>(rows[static_cast<std::size_t>(r)]));
      QCOMPARE(store.session_id_of(static_cast<std::size_t>(store_row)), session);
      QCOMPARE(filter.view_row(store_row), r);
      // The list's own number column still gives the message's number in the capture.
      QCOMPARE(filter.data(filter.index(r, MessageListModel::Number)).toLongLong(), store_row);
      QCOMPARE(filter.mapToSource(filter.index(r, 2)), list.index(static_cast<int>(store_row), 2));
    }
    QCOMPARE(filter.view_row(0), -1);  // row 0 is client1's
    QVERIFY(!filter.mapFromSource(list.index(0, 0)).isValid());

    // All sessions again: every row, mapped one to one.
    filter.set_session(-1);
    QCOMPARE(filter.rowCount(), list.rowCount());
    QCOMPARE(filter.store_row(5), qint64{5});
    // A new capture clears the filter.
    filter.set_session(*session);
    store.reset(nullptr);
    QVERIFY(!filter.filtered());
    QCOMPARE(filter.rowCount(), 0);
  }

  void bmpMessagesAreRowsNotStreamProblems() {
    const auto bytes = shared_capture("netgauze/bmp__peers-with-different-caps__example.pcap");
    QVERIFY(bytes);
    MessageStore store;
    fill(store, bytes);
    MessageListModel list(&store);
    std::size_t bmp_rows = 0;
    for (std::size_t row = 0; row < store.size(); ++row) {
      if (store.record(row).kind != FramedKind::Bmp) continue;
      ++bmp_rows;
      // Shown like a BGP message, not greyed like stream bytes that are no message.
      QVERIFY(!list.data(list.index(static_cast<int>(row), 0), Qt::ForegroundRole).isValid());
    }
    QCOMPARE(bmp_rows, std::size_t{192});
    QCOMPARE(store.error_rows(), std::uint64_t{0});
  }

  void bmpPeersNestUnderTheirConnection() {
    // The tables a BMP stream produces, made by hand (a real one is decoded in
    // bmpMessagesAreRowsNotStreamProblems).
    std::vector<std::uint8_t> bytes;
    const auto add_message = [&](const std::vector<std::uint8_t>& m) {
      const auto at = static_cast<ByteAddress>(bytes.size());
      bytes.insert(bytes.end(), m.begin(), m.end());
      return std::pair{at, static_cast<std::uint32_t>(m.size())};
    };
    gen::OpenSpec peer_open;
    peer_open.my_as = 65010;
    peer_open.bgp_id = 0xC0000201;
    gen::OpenSpec router_open;
    router_open.my_as = 65000;
    router_open.bgp_id = 0x0A000001;
    const auto [peer_at, peer_len] = add_message(gen::open(peer_open));
    const auto [router_at, router_len] = add_message(gen::open(router_open));

    MessageStore store;
    SessionIndex index(&store);
    SessionListModel list(&index);
    QAbstractItemModelTester tester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
    store.reset(owned(bytes));

    IndexBatch batch;
    SessionInfo bmp;
    bmp.id = 0;
    bmp.kind = SessionKind::Bmp;
    bmp.a = gen::endpoint("10.0.0.1", 50000);
    bmp.b = gen::endpoint("10.0.0.9", 1790);
    SessionInfo peer;
    peer.id = 1;
    peer.kind = SessionKind::BmpPeer;
    peer.a.address = gen::endpoint("192.0.2.1", 0).address;
    peer.parent = 0;
    peer.bmp_peer = BmpPeerInfo{0, 0, peer.a.address, 65010, 0xC0000201};
    SessionInfo vrf_peer = peer;
    vrf_peer.id = 2;
    vrf_peer.bmp_peer = BmpPeerInfo{1, (std::uint64_t{65000} << 32) | 7, peer.a.address, 65020, 1};
    SessionInfo other;  // a TCP connection that carried no BGP: not listed
    other.id = 3;
    other.a = gen::endpoint("10.0.0.5", 12345);
    other.b = gen::endpoint("10.0.0.6", 23456);
    batch.new_sessions = {bmp, peer, vrf_peer, other};
    for (std::uint32_t s = 0; s < 4; ++s) {
      for (std::uint8_t d = 0; d < 2; ++d) {
        PeerContext c;
        c.session = s;
        c.direction = d;
        batch.new_contexts.push_back(c);
      }
    }
    const auto record = [](std::uint32_t context, FramedKind kind, std::uint8_t type,
                           std::int64_t t, ByteAddress at = 0, std::uint32_t length = 0) {
      MessageRecord r;
      r.context = context;
      r.kind = kind;
      r.type = type;
      r.time_ns = t;
      r.address = at;
      r.length = length;
      r.flags = kind == FramedKind::Message ? framed_flag::kViaBmp : 0;
      return r;
    };
    batch.records = {
        record(0, FramedKind::Bmp, 4, 1 * kSecond),  // Initiation
        record(0, FramedKind::Bmp, 3, 2 * kSecond),  // Peer Up
        record(2, FramedKind::Message, msg_type::kOpen, 2 * kSecond, peer_at, peer_len),
        record(3, FramedKind::Message, msg_type::kOpen, 2 * kSecond, router_at, router_len),
        record(0, FramedKind::Bmp, 0, 3 * kSecond),  // Route Monitoring
        record(4, FramedKind::Message, msg_type::kUpdate, 3 * kSecond),
    };
    store.append(std::move(batch));

    QCOMPARE(list.session_count(), 3);
    QCOMPARE(list.rowCount(), 2);  // All sessions, the BMP connection
    const QModelIndex connection = list.index_of(0);
    QCOMPARE(connection.row(), 1);
    QCOMPARE(list.rowCount(connection), 2);
    QCOMPARE(list.index_of(2).parent(), connection);
    QVERIFY(!list.index_of(3).isValid());
    QCOMPARE(list.data(list.index_of(1, SessionListModel::As)).toString(),
             QStringLiteral("65010 ↔ 65000"));
    QCOMPARE(list.data(list.index_of(1, SessionListModel::RouterId)).toString(),
             QStringLiteral("192.0.2.1 ↔ 10.0.0.1"));
    QCOMPARE(list.data(list.index_of(2, SessionListModel::As)).toString(),
             QStringLiteral("65020 ↔ ?"));
    QCOMPARE(list.data(list.index_of(2, SessionListModel::Session)).toString(),
             QStringLiteral("2 BMP peer (RD 65000:7)"));
    QCOMPARE(list.data(list.index_of(1, SessionListModel::Session)).toString(),
             QStringLiteral("1 BMP peer (global)"));
    QCOMPARE(session_report::bmp_peer_text(*index.info(2).bmp_peer),
             QStringLiteral("RD instance peer, distinguisher 65000:7, address 192.0.2.1, AS "
                            "65020, BGP ID 0.0.0.1"));
    // The connection's rows and its peers', in capture order.
    QCOMPARE(index.rows_of(0), (std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5}));
    QCOMPARE(index.rows_of(1), (std::vector<std::uint32_t>{2, 3}));
    const std::vector<session_report::CountRow> counts = session_report::message_counts(index, 0);
    QCOMPARE(counts.size(), std::size_t{3});
    QCOMPARE(counts[0].type, QStringLiteral("BMP Route Monitoring"));
    QVERIFY(session_report::hold_timer_findings(index, 1).empty());
    QCOMPARE(session_report::session_end(index, 1).reason, session_report::End::Reason::CaptureEnd);

    // The BMP connection closes: so do the reports of its peers.
    IndexBatch closing;
    closing.session_events = {SessionEvent{0, 0, SessionEventKind::Fin, 4 * kSecond, 9}};
    store.append(std::move(closing));
    const session_report::End end = session_report::session_end(index, 1);
    QCOMPARE(end.reason, session_report::End::Reason::ConnectionClosed);
    QCOMPARE(end.text, QStringLiteral("BMP connection closed: FIN from A"));
    QCOMPARE(list.data(list.index_of(1, SessionListModel::Ended)).toString(), end.text);
  }
};

QTEST_GUILESS_MAIN(SessionModelTests)
#include "session_model_tests.moc"
