#include "live_status_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QTimer>
#include <algorithm>

namespace bgplens {

namespace {

// A label that shows as much of its text as fits, with "…" at the end: an error text can be
// long (a NOTIFICATION's data, a shutdown message) and must not widen the window.
class ElidedLabel : public QLabel {
 public:
  using QLabel::QLabel;
  QSize minimumSizeHint() const override { return {fontMetrics().averageCharWidth() * 8, 0}; }
  QSize sizeHint() const override {
    return {fontMetrics().horizontalAdvance(text()) + 4, QLabel::sizeHint().height()};
  }

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter painter(this);
    const QRect area = contentsRect();
    painter.setPen(palette().color(foregroundRole()));
    painter.drawText(area, Qt::AlignVCenter | Qt::AlignLeft,
                     fontMetrics().elidedText(text(), Qt::ElideRight, area.width()));
  }
};

struct Tone {
  const char* background;
  const char* text;
};

Tone tone_colours(const QString& tone) {
  if (tone == QLatin1String("ok")) return {"#2e7d32", "#ffffff"};
  if (tone == QLatin1String("pending")) return {"#f9a825", "#212121"};
  if (tone == QLatin1String("error")) return {"#c62828", "#ffffff"};
  if (tone == QLatin1String("neutral")) return {"#1565c0", "#ffffff"};
  return {"#757575", "#ffffff"};  // idle
}

QString count(std::uint64_t n) {
  return QLocale().toString(static_cast<qulonglong>(n));
}

}  // namespace

LiveStatusBar::LiveStatusBar(QWidget* parent)
    : QFrame(parent), now_([] { return QDateTime::currentDateTimeUtc(); }) {
  setFrameShape(QFrame::StyledPanel);
  setObjectName(QStringLiteral("liveStatusBar"));
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 4, 8, 4);
  // The title and the counts give way too when the window is narrow (full text in tooltips),
  // so that the status area never sets the window's minimum width.
  title_ = new ElidedLabel(this);
  title_->setTextFormat(Qt::PlainText);
  QFont bold = title_->font();
  bold.setBold(true);
  title_->setFont(bold);
  layout->addWidget(title_);
  badge_ = new QLabel(this);
  badge_->setTextFormat(Qt::PlainText);
  badge_->setAlignment(Qt::AlignCenter);
  layout->addWidget(badge_);
  uptime_ = new QLabel(this);
  layout->addWidget(uptime_);
  layout->addSpacing(12);
  counters_ = new ElidedLabel(this);
  layout->addWidget(counters_);
  layout->addSpacing(12);
  error_ = new ElidedLabel(this);
  error_->setTextFormat(Qt::PlainText);
  error_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  layout->addWidget(error_, 1);
  refresh_ = new QPushButton(tr("Request refresh"), this);
  refresh_->setToolTip(tr("Send a ROUTE-REFRESH (RFC 2918): the peer sends its routes again"));
  layout->addWidget(refresh_);
  disconnect_ = new QPushButton(tr("Disconnect"), this);
  layout->addWidget(disconnect_);
  connect(refresh_, &QPushButton::clicked, this, &LiveStatusBar::refresh_requested);
  connect(disconnect_, &QPushButton::clicked, this, &LiveStatusBar::disconnect_requested);

  timer_ = new QTimer(this);
  timer_->setInterval(1000);
  connect(timer_, &QTimer::timeout, this, &LiveStatusBar::refresh_times);
  set_status(LiveStatus{});
}

QString LiveStatusBar::duration_text(qint64 seconds) {
  seconds = std::max<qint64>(seconds, 0);
  const qint64 days = seconds / 86400;
  const QString clock = QStringLiteral("%1:%2:%3")
                            .arg(seconds / 3600 % 24)
                            .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
                            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
  return days > 0 ? tr("%1d %2").arg(days).arg(clock) : clock;
}

void LiveStatusBar::set_clock(std::function<QDateTime()> now) {
  now_ = std::move(now);
  refresh_times();
}

void LiveStatusBar::set_status(const LiveStatus& s) {
  status_ = s;
  const bool bgp = s.kind == LiveKind::BgpSession;
  if (s.kind == LiveKind::InterfaceCapture) {
    title_->setText(s.running ? tr("Capturing on %1").arg(s.title) : s.title);
  } else {
    title_->setText(s.title);
  }
  title_->setToolTip(title_->text());
  // What the source is matters more than the counts: the title keeps up to 160 pixels.
  title_->setMinimumWidth(std::min(title_->sizeHint().width(), 160));
  QStringList counts;
  if (bgp) {
    counts << tr("Received %1").arg(count(s.messages_received))
           << tr("Sent %1").arg(count(s.messages_sent));
  } else {
    counts << tr("Messages %1").arg(count(s.messages_received));
  }
  counts << tr("Prefixes %1").arg(count(s.prefixes_received))
         << tr("Withdrawn %1").arg(count(s.withdrawals_received));
  counters_->setText(counts.join(QStringLiteral(" · ")));
  counters_->setToolTip(counters_->text());
  error_->setText(s.last_error);
  error_->setToolTip(s.last_error.isEmpty()
                         ? QString()
                         : tr("%1\n%2").arg(QLocale().toString(s.last_error_time.toLocalTime(),
                                                               QLocale::LongFormat),
                                            s.last_error));
  refresh_->setVisible(bgp);
  refresh_->setEnabled(bgp && s.running && s.can_refresh);
  disconnect_->setText(bgp ? tr("Disconnect") : tr("Stop"));
  disconnect_->setEnabled(s.running);
  if (s.running) {
    timer_->start();
  } else {
    timer_->stop();
  }
  refresh_times();
}

void LiveStatusBar::refresh_times() {
  const QDateTime now = now_();
  if (!status_.running) {
    uptime_->setText(status_.title.isEmpty() ? QString() : tr("stopped"));
  } else if (status_.state_since.isValid()) {
    uptime_->setText(tr("for %1").arg(duration_text(status_.state_since.secsTo(now))));
  } else {
    uptime_->clear();
  }
  uptime_->setToolTip(
      status_.state_since.isValid()
          ? tr("%1 since %2")
                .arg(status_.state,
                     QLocale().toString(status_.state_since.toLocalTime(), QLocale::LongFormat))
          : QString());
  update_badge();
}

void LiveStatusBar::update_badge() {
  const LiveStatus& s = status_;
  const bool recent_error = !s.last_error.isEmpty() && s.last_error_time.isValid() &&
                            s.last_error_time.secsTo(now_()) < kRecentErrorSeconds;
  QString tone;
  QString text = s.state;
  if (recent_error) {
    tone = QStringLiteral("error");
  } else if (!s.running) {
    tone = QStringLiteral("idle");
  } else if (s.kind == LiveKind::BmpStation) {
    tone = QStringLiteral("neutral");  // "listening" or "2 routers": both as they should be
  } else if (s.kind == LiveKind::InterfaceCapture) {
    tone = QStringLiteral("ok");
  } else if (s.state == QLatin1String("Established")) {
    tone = QStringLiteral("ok");
  } else if (s.state == QLatin1String("OpenSent") || s.state == QLatin1String("OpenConfirm")) {
    tone = QStringLiteral("pending");
  } else {
    tone = QStringLiteral("idle");  // Idle, Connect, Active
  }
  // A capture's title already says "Capturing on …": its badge only appears for an error.
  if (s.kind == LiveKind::InterfaceCapture) text = recent_error ? tr("error") : QString();
  tone_ = tone;
  badge_->setText(text);
  badge_->setVisible(!text.isEmpty());
  const Tone colours = tone_colours(tone);
  badge_->setStyleSheet(
      QStringLiteral("QLabel { background: %1; color: %2; border-radius: 8px; padding: 1px 8px; }")
          .arg(QLatin1String(colours.background), QLatin1String(colours.text)));
  QPalette p = error_->palette();
  p.setColor(QPalette::WindowText,
             recent_error ? QColor(0xb7, 0x1c, 0x1c) : palette().color(QPalette::WindowText));
  error_->setPalette(p);
}

}  // namespace bgplens
