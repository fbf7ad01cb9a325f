// Messages per second by type over the capture's time (Qt Charts), refreshed while a file
// loads. Clicking the chart selects the first message of that second.
#pragma once

#include <QChartView>
#include <QTimer>
#include <array>

#include "message_store.h"

class QLineSeries;
class QValueAxis;

namespace bgplens {

class RateChart : public QChartView {
  Q_OBJECT

 public:
  explicit RateChart(MessageStore* store, QWidget* parent = nullptr);

  // Rebuilds the series from the store's timeline now.
  void refresh();
  // Seconds per plotted bucket (1 unless the capture is long).
  std::int64_t bucket_seconds() const { return bucket_; }
  std::int64_t origin_second() const { return origin_; }
  QLineSeries* series(int index) const { return series_[static_cast<std::size_t>(index)]; }
  // What a click at chart x-value `x` (seconds since the start) selects.
  std::optional<std::uint64_t> row_for_x(double x) const;

 signals:
  void row_clicked(qint64 row);

 protected:
  void mousePressEvent(QMouseEvent* event) override;

 private:
  MessageStore* store_;
  std::array<QLineSeries*, Timeline::kSeries> series_{};
  QValueAxis* x_axis_ = nullptr;
  QValueAxis* y_axis_ = nullptr;
  QTimer refresh_timer_;
  bool dirty_ = false;
  std::int64_t origin_ = 0;
  std::int64_t bucket_ = 1;
};

}  // namespace bgplens
