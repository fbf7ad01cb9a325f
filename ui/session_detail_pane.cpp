#include "session_detail_pane.h"

#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "open_comparison.h"
#include "session_report.h"

namespace bgplens {
namespace {

using namespace session_report;

constexpr int kFindingsTab = 3;

// A pale green that stays readable with dark text: what the session uses.
const QColor kInEffect(214, 240, 214);

QTableWidget* make_table(const QStringList& headers, QWidget* parent) {
  auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
  t->setHorizontalHeaderLabels(headers);
  t->setEditTriggers(QAbstractItemView::NoEditTriggers);
  t->setSelectionBehavior(QAbstractItemView::SelectRows);
  t->setSelectionMode(QAbstractItemView::SingleSelection);
  t->setWordWrap(false);
  t->verticalHeader()->hide();
  t->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 6);
  t->horizontalHeader()->setStretchLastSection(true);
  t->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
  return t;
}

QTableWidgetItem* item(const QString& text, bool right = false) {
  auto* i = new QTableWidgetItem(text);
  i->setToolTip(text);
  if (right) i->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return i;
}

// "A 10.0.0.1:179, AS 65001, BGP identifier 1.1.1.1".
QString side_text(const SessionIndex& index, std::uint32_t session, int side, const QString& role) {
  const SessionInfo& info = index.info(session);
  QString text = QStringLiteral("%1: %2").arg(role, endpoint_text(side == 0 ? info.a : info.b));
  const QString as = as_text(index, session, side);
  const QString id = router_id_text(index, session, side);
  if (!as.isEmpty()) text += QObject::tr(", AS %1").arg(as);
  if (!id.isEmpty()) text += QObject::tr(", BGP identifier %1").arg(id);
  return text;
}

}  // namespace

SessionDetailPane::SessionDetailPane(SessionIndex* index, QWidget* parent)
    : QWidget(parent), index_(index) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  title_ = new QLabel(this);
  title_->setTextFormat(Qt::PlainText);
  QFont bold = title_->font();
  bold.setBold(true);
  title_->setFont(bold);
  layout->addWidget(title_);

  tabs_ = new QTabWidget(this);
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  summary_ = new QLabel(scroll);
  summary_->setTextFormat(Qt::PlainText);
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  summary_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  summary_->setMargin(6);
  scroll->setWidget(summary_);
  opens_ = make_table({tr("OPEN"), tr("A"), tr("B"), tr("Session uses")}, this);
  opens_->setToolTip(tr("Double-click a value to show that OPEN in the list"));
  counts_ = make_table({tr("Type"), tr("A → B"), tr("B → A"), tr("Total")}, this);
  auto* findings_page = new QWidget(this);
  auto* findings_layout = new QVBoxLayout(findings_page);
  findings_layout->setContentsMargins(4, 4, 4, 4);
  findings_note_ = new QLabel(findings_page);
  findings_note_->setTextFormat(Qt::PlainText);
  findings_note_->setWordWrap(true);
  findings_ = make_table({tr("From (s)"), tr("Silent sender"), tr("Silence"), tr("Messages")},
                         findings_page);
  findings_->setToolTip(tr("Double-click a finding to show the message before the silence"));
  findings_layout->addWidget(findings_note_);
  findings_layout->addWidget(findings_);
  tabs_->addTab(scroll, tr("Summary"));
  tabs_->addTab(opens_, tr("OPENs"));
  tabs_->addTab(counts_, tr("Messages"));
  tabs_->addTab(findings_page, tr("Hold timer"));
  layout->addWidget(tabs_, 1);

  connect(tabs_, &QTabWidget::currentChanged, this, [this](int tab) {
    if (session_ >= 0) chosen_tab_ = tab;
  });
  connect(opens_, &QTableWidget::cellDoubleClicked, this, [this](int, int column) {
    if (session_ < 0 || (column != 1 && column != 2)) return;
    const auto& d = index_->stats(static_cast<std::uint32_t>(session_)).dir[column - 1];
    if (d.open_row) emit row_requested(*d.open_row);
  });
  connect(findings_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
    if (row >= 0 && static_cast<std::size_t>(row) < finding_rows_.size())
      emit row_requested(finding_rows_[static_cast<std::size_t>(row)]);
  });
  show_session(-1);
}

void SessionDetailPane::clear_tables() {
  for (QTableWidget* t : {opens_, counts_, findings_}) {
    t->clearSpans();
    t->setRowCount(0);
  }
  finding_rows_.clear();
}

void SessionDetailPane::show_session(qint64 session) {
  if (session >= static_cast<qint64>(index_->size())) session = -1;
  session_ = session;
  clear_tables();
  // The tables describe one session: nothing to show for all of them. The tab last chosen
  // for a session comes back with the next one.
  for (int tab = 1; tab < tabs_->count(); ++tab)
    tabs_->setTabEnabled(tab, session >= 0);
  if (session >= 0) tabs_->setCurrentIndex(chosen_tab_);
  if (session < 0) {
    const MessageStore& store = index_->store();
    title_->setText(tr("All sessions: %1 messages").arg(store.size()));
    summary_->setText(
        tr("Select a session to see its OPENs side by side, its messages by type and its "
           "hold-timer findings, and to list only its messages."));
    tabs_->setTabText(kFindingsTab, tr("Hold timer"));
    findings_note_->clear();
    return;
  }
  const auto s = static_cast<std::uint32_t>(session);
  title_->setText(title_text(s));
  summary_->setText(summary_text(s));
  fill_opens(s);
  fill_counts(s);
  fill_findings(s);
}

QString SessionDetailPane::title_text(std::uint32_t s) const {
  const SessionInfo& info = index_->info(s);
  switch (info.kind) {
    case SessionKind::Bgp:
      return tr("Session %1, BGP over TCP: %2").arg(s).arg(endpoints_text(info));
    case SessionKind::Bmp:
      return tr("Session %1, BMP connection with %2 monitored peers: %3")
          .arg(s)
          .arg(index_->peers_of(s).size())
          .arg(endpoints_text(info));
    case SessionKind::BmpPeer:
      return tr("Session %1, peer monitored through BMP connection %2: %3")
          .arg(s)
          .arg(info.parent)
          .arg(endpoints_text(info));
    case SessionKind::MrtPeer:
      return tr("Session %1, collector peer named by the MRT file: %2")
          .arg(s)
          .arg(endpoints_text(info));
  }
  return {};
}

QString SessionDetailPane::summary_text(std::uint32_t s) const {
  const SessionInfo& info = index_->info(s);
  const SessionStats& st = index_->stats(s);
  const MessageStore& store = index_->store();
  QStringList lines;
  switch (info.kind) {
    case SessionKind::Bgp:
    case SessionKind::Bmp:
      lines << side_text(*index_, s, 0, tr("A")) << side_text(*index_, s, 1, tr("B"));
      break;
    case SessionKind::BmpPeer:
      if (info.bmp_peer) lines << tr("Per-peer header: %1").arg(bmp_peer_text(*info.bmp_peer));
      lines << side_text(*index_, s, 0, tr("A (monitored peer)"))
            << side_text(*index_, s, 1, tr("B (monitored router)"));
      break;
    case SessionKind::MrtPeer:
      if (info.mrt_peer) lines << tr("Peer AS %1").arg(info.mrt_peer->as);
      lines << side_text(*index_, s, 0, tr("A (peer)"))
            << side_text(*index_, s, 1, tr("B (collector)"));
      break;
  }
  if (st.row_count() > 0) {
    lines << tr("%1 messages from %2 s to %3 s")
                 .arg(st.row_count())
                 .arg(relative_time(store, st.first_time_ns),
                      relative_time(store, st.last_time_ns));
  } else {
    lines << tr("No messages: the connection carried no BGP data in the capture.");
  }
  QStringList silences;
  for (std::size_t d = 0; d < 2; ++d) {
    const std::optional<Silence>& g = st.dir[d].longest_silence;
    if (!g) continue;
    silences << tr("  %1: %2 (messages #%3 to #%4)")
                    .arg(d == 0 ? tr("A → B") : tr("B → A"), duration_text(g->duration_ns))
                    .arg(g->from_row)
                    .arg(g->to_row.value_or(0));
  }
  if (!silences.isEmpty()) lines << tr("Longest time between two messages:") << silences;
  if (const QString hold = hold_time_text(st); !hold.isEmpty())
    lines << tr("Hold time: %1").arg(hold);
  lines << QString() << tr("How it ended:");
  for (const QString& d : session_end(*index_, s).details)
    lines << QStringLiteral("  ") + d;
  return lines.join(QLatin1Char('\n'));
}

void SessionDetailPane::fill_opens(std::uint32_t s) {
  const SessionStats& st = index_->stats(s);
  for (int d = 0; d < 2; ++d) {
    const auto& open_row = st.dir[static_cast<std::size_t>(d)].open_row;
    const QString side = d == 0 ? tr("A") : tr("B");
    opens_->horizontalHeaderItem(d + 1)->setText(open_row
                                                     ? tr("%1: OPEN #%2").arg(side).arg(*open_row)
                                                     : tr("%1: no OPEN in the capture").arg(side));
  }
  const std::vector<CapabilityRow> rows = compare_opens(*index_, s);
  if (rows.empty()) {
    opens_->setRowCount(1);
    opens_->setItem(0, 0, item(tr("No OPEN of this session is in the capture.")));
    opens_->setSpan(0, 0, 1, 4);
    return;
  }
  opens_->setRowCount(static_cast<int>(rows.size()));
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    const CapabilityRow& row = rows[static_cast<std::size_t>(r)];
    const QString cells[4] = {row.name, row.sent[0], row.sent[1], row.effect};
    for (int c = 0; c < 4; ++c) {
      QTableWidgetItem* i = item(cells[c]);
      if (row.in_effect) {
        i->setBackground(kInEffect);
        i->setForeground(QColor(0, 0, 0));
        if (c == 3) {
          QFont bold = i->font();
          bold.setBold(true);
          i->setFont(bold);
        }
      }
      opens_->setItem(r, c, i);
    }
  }
  opens_->resizeColumnsToContents();
  // Family names can be long ("Extended Next Hop: IPv4 VPN Flow Specification (1/134) with
  // IPv6 next hops"): keep the values in sight; the tooltips hold the whole name.
  const int widest = 30 * opens_->fontMetrics().horizontalAdvance(QLatin1Char('0'));
  if (opens_->columnWidth(0) > widest) opens_->setColumnWidth(0, widest);
}

void SessionDetailPane::fill_counts(std::uint32_t s) {
  const std::vector<CountRow> rows = message_counts(*index_, s);
  counts_->setRowCount(static_cast<int>(rows.size()));
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    const CountRow& row = rows[static_cast<std::size_t>(r)];
    counts_->setItem(r, 0, item(row.type));
    counts_->setItem(r, 1, item(QString::number(row.count[0]), true));
    counts_->setItem(r, 2, item(QString::number(row.count[1]), true));
    counts_->setItem(r, 3, item(QString::number(row.count[0] + row.count[1]), true));
  }
  counts_->resizeColumnsToContents();
}

void SessionDetailPane::fill_findings(std::uint32_t s) {
  const SessionInfo& info = index_->info(s);
  const SessionStats& st = index_->stats(s);
  const std::optional<std::uint16_t> hold = st.hold_time();
  const std::vector<Silence> found = hold_timer_findings(*index_, s);
  const std::uint64_t total = hold_timer_finding_count(*index_, s);
  tabs_->setTabText(kFindingsTab, total > 0 ? tr("Hold timer (%1)").arg(total) : tr("Hold timer"));
  if (info.kind != SessionKind::Bgp) {
    findings_note_->setText(
        tr("BMP does not carry the KEEPALIVEs of the sessions it monitors: no hold timer to "
           "check."));
  } else if (!hold) {
    findings_note_->setText(
        tr("No OPEN of this session is in the capture: the hold time is "
           "not known."));
  } else if (*hold == 0) {
    findings_note_->setText(
        tr("Hold time 0: no KEEPALIVEs are sent and no hold timer runs "
           "(RFC 4271 §4.2)."));
  } else {
    QString note =
        st.both_opens()
            ? tr("Hold time %1 s, the smaller of the two OPENs' (RFC 4271 §4.2).").arg(*hold)
            : tr("Hold time at most %1 s (only one OPEN is in the capture).").arg(*hold);
    note += QLatin1Char(' ');
    note += found.empty()
                ? tr("No sender was silent for longer.")
                : tr("Times a sender was silent for longer (its peer's hold timer would expire):");
    if (total > found.size()) note += tr(" (the first %1 of %2)").arg(found.size()).arg(total);
    findings_note_->setText(note);
  }
  const MessageStore& store = index_->store();
  findings_->setRowCount(static_cast<int>(found.size()));
  for (int r = 0; r < static_cast<int>(found.size()); ++r) {
    const Silence& g = found[static_cast<std::size_t>(r)];
    findings_->setItem(r, 0, item(relative_time(store, g.start_ns), true));
    findings_->setItem(r, 1,
                       item(QStringLiteral("%1 %2").arg(g.direction == 0 ? tr("A") : tr("B"),
                                                        endpoint_text(info.source(g.direction)))));
    findings_->setItem(r, 2, item(duration_text(g.duration_ns), true));
    findings_->setItem(r, 3,
                       item(g.to_row ? tr("#%1 to #%2").arg(g.from_row).arg(*g.to_row)
                                     : tr("#%1 to the session's end").arg(g.from_row)));
    finding_rows_.push_back(g.from_row);
  }
  findings_->resizeColumnsToContents();
}

}  // namespace bgplens
