#include "rate_chart.h"

#include <QLineSeries>
#include <QMouseEvent>
#include <QValueAxis>
#include <cmath>

namespace bgplens {
namespace {

// At most this many buckets are drawn; longer captures use wider buckets (rate = count/width).
constexpr std::int64_t kMaxBuckets = 600;

const char* const kNames[Timeline::kSeries] = {"OPEN",      "UPDATE",        "NOTIFICATION",
                                               "KEEPALIVE", "ROUTE-REFRESH", "other"};
const QColor kColors[Timeline::kSeries] = {QColor(46, 125, 50),  QColor(21, 101, 192),
                                           QColor(198, 40, 40),  QColor(130, 130, 130),
                                           QColor(123, 31, 162), QColor(239, 108, 0)};

}  // namespace

// The view is built around our chart: QChartView(parent) would make a default chart of its own
// that setChart() then abandons without deleting it.
RateChart::RateChart(MessageStore* store, QWidget* parent)
    : QChartView(new QChart(), parent), store_(store) {
  QChart* chart = this->chart();
  chart->setMargins(QMargins(4, 4, 4, 4));
  chart->legend()->setAlignment(Qt::AlignTop);
  x_axis_ = new QValueAxis(chart);
  x_axis_->setTitleText(tr("seconds since the first message"));
  x_axis_->setLabelFormat(QStringLiteral("%.0f"));
  y_axis_ = new QValueAxis(chart);
  y_axis_->setLabelFormat(QStringLiteral("%.0f"));
  y_axis_->setTitleText(tr("msg/s"));
  chart->addAxis(x_axis_, Qt::AlignBottom);
  chart->addAxis(y_axis_, Qt::AlignLeft);
  for (int i = 0; i < Timeline::kSeries; ++i) {
    auto* s = new QLineSeries(chart);
    s->setName(QString::fromLatin1(kNames[i]));
    s->setColor(kColors[i]);
    s->setPointsVisible(false);
    chart->addSeries(s);
    s->attachAxis(x_axis_);
    s->attachAxis(y_axis_);
    series_[static_cast<std::size_t>(i)] = s;
  }
  setRenderHint(QPainter::Antialiasing);
  setMinimumHeight(170);

  // Refresh at most four times a second while batches arrive, never per batch.
  refresh_timer_.setInterval(250);
  connect(&refresh_timer_, &QTimer::timeout, this, [this] {
    if (dirty_) refresh();
  });
  refresh_timer_.start();
  connect(store_, &MessageStore::appended, this, [this] { dirty_ = true; });
  connect(store_, &MessageStore::wasReset, this, [this] { refresh(); });
  refresh();
}

void RateChart::refresh() {
  dirty_ = false;
  const auto& seconds = store_->timeline().seconds();
  std::array<QList<QPointF>, Timeline::kSeries> points;
  double peak = 1;
  if (!seconds.empty()) {
    origin_ = seconds.begin()->first;
    const std::int64_t span = seconds.rbegin()->first - origin_ + 1;
    bucket_ = std::max<std::int64_t>(1, (span + kMaxBuckets - 1) / kMaxBuckets);
    const std::int64_t buckets = (span + bucket_ - 1) / bucket_;
    std::vector<std::array<double, Timeline::kSeries>> sums(static_cast<std::size_t>(buckets));
    for (const auto& [second, s] : seconds) {
      auto& b = sums[static_cast<std::size_t>((second - origin_) / bucket_)];
      for (int i = 0; i < Timeline::kSeries; ++i)
        b[static_cast<std::size_t>(i)] += s.counts[static_cast<std::size_t>(i)];
    }
    for (int i = 0; i < Timeline::kSeries; ++i) {
      bool any = false;
      for (const auto& b : sums)
        any = any || b[static_cast<std::size_t>(i)] > 0;
      if (!any) continue;  // series without messages stay empty (and out of the way)
      auto& pts = points[static_cast<std::size_t>(i)];
      pts.reserve(static_cast<qsizetype>(buckets));
      for (std::int64_t k = 0; k < buckets; ++k) {
        const double rate = sums[static_cast<std::size_t>(k)][static_cast<std::size_t>(i)] /
                            static_cast<double>(bucket_);
        peak = std::max(peak, rate);
        pts.append(QPointF(static_cast<double>(k * bucket_), rate));
      }
    }
    const double span_x = static_cast<double>(std::max<std::int64_t>(1, buckets * bucket_ - 1));
    // Ticks on round numbers: 1, 2 or 5 times a power of ten, about six of them.
    const double raw = span_x / 6;
    const double magnitude = std::pow(10.0, std::floor(std::log10(std::max(raw, 1.0))));
    const double step = raw <= magnitude       ? magnitude
                        : raw <= 2 * magnitude ? 2 * magnitude
                        : raw <= 5 * magnitude ? 5 * magnitude
                                               : 10 * magnitude;
    x_axis_->setTickType(QValueAxis::TicksDynamic);
    x_axis_->setTickAnchor(0);
    x_axis_->setTickInterval(step);
    // The range after the interval: a much wider range under the old, small interval makes
    // QValueAxis build thousands of tick labels first (seconds of a frozen window while a
    // 1 GB capture indexes).
    x_axis_->setRange(0, span_x);
  } else {
    x_axis_->setRange(0, 1);
  }
  y_axis_->setRange(0, std::ceil(peak * 1.1));
  for (int i = 0; i < Timeline::kSeries; ++i) {
    series_[static_cast<std::size_t>(i)]->replace(points[static_cast<std::size_t>(i)]);
    series_[static_cast<std::size_t>(i)]->setVisible(
        !points[static_cast<std::size_t>(i)].isEmpty());
  }
}

std::optional<std::uint64_t> RateChart::row_for_x(double x) const {
  if (store_->timeline().empty()) return std::nullopt;
  // The clicked bucket's first second; the first message at or after it.
  const auto bucket =
      static_cast<std::int64_t>(std::floor(std::max(0.0, x + 0.5) / static_cast<double>(bucket_)));
  return store_->timeline().first_row_from(origin_ + bucket * bucket_);
}

void RateChart::mousePressEvent(QMouseEvent* event) {
  // A click anywhere in the plot area counts, not only on a line.
  const QPointF value =
      chart()->mapToValue(chart()->mapFromScene(mapToScene(event->position().toPoint())));
  if (chart()->plotArea().contains(
          chart()->mapFromScene(mapToScene(event->position().toPoint())))) {
    if (const auto row = row_for_x(value.x())) emit row_clicked(static_cast<qint64>(*row));
  }
  QChartView::mousePressEvent(event);
}

}  // namespace bgplens
