#include "hex_view.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTabBar>
#include <QToolTip>

#include "fields/field_registry.h"

namespace bgplens {
namespace {

constexpr int kMargin = 6;

}  // namespace

HexView::HexView(MessageDetail* detail, Selection* selection, QWidget* parent)
    : QAbstractScrollArea(parent),
      detail_(detail),
      selection_(selection),
      tabs_(new QTabBar(this)) {
  tabs_->setDocumentMode(true);
  tabs_->setExpanding(false);
  tabs_->setDrawBase(false);
  tabs_->setToolTip(tr("The message, and each frame that carried it"));
  connect(tabs_, &QTabBar::currentChanged, this, [this](int index) {
    if (index < 0) return;
    // The user chose this source: message fields are shown within it while it holds them.
    pinned_ = index > 0;
    show_source(static_cast<std::size_t>(index));
  });
  QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  setFont(font);
  const QFontMetrics fm(font);
  char_width_ = fm.horizontalAdvance(QLatin1Char('0'));
  line_height_ = fm.height() + 2;
  setFocusPolicy(Qt::StrongFocus);
  viewport()->setMouseTracking(true);
  setMinimumWidth(kMargin * 2 + (4 + 2 + kBytesPerRow * 3 + 2 + kBytesPerRow) * char_width_);
  connect(detail_, &MessageDetail::changed, this, &HexView::reload);
  connect(selection_, &Selection::field_changed, this, [this](std::uint32_t, ByteRange range) {
    selected_ = range;
    if (!range.empty() && source_for(range) != source_) show_source(source_for(range));
    const ByteRange local = to_local(range);
    set_highlight(local);
    if (!local.empty()) {
      // A field chosen elsewhere brings the cursor to its start; a click inside it keeps it.
      if (!local.contains(cursor_)) cursor_ = local.offset;
      scroll_to(local);
    }
  });
  connect(selection_, &Selection::hover_changed, this, [this](ByteRange range) {
    hover_ = to_local(range);
    viewport()->update();
  });
}

void HexView::layout_tabs() {
  const int height = tabs_->isVisible() ? tabs_->sizeHint().height() : 0;
  setViewportMargins(0, height, 0, 0);
  tabs_->setGeometry(frameWidth(), frameWidth(), viewport()->width(), height);
}

ByteRange HexView::to_local(ByteRange range) const {
  const auto& sources = detail_->sources();
  if (range.empty() || source_ >= sources.size()) return {};
  const ByteSource& s = sources[source_];
  if (range.offset >= s.base && range.offset - s.base < s.bytes.size()) {
    const std::uint32_t local = range.offset - s.base;
    return {local, std::min<std::uint32_t>(range.length,
                                           static_cast<std::uint32_t>(s.bytes.size()) - local)};
  }
  if (source_ == 0) return {};
  // A message range, shown where the frame holds it.
  for (const MirroredBytes& m : s.mirrors) {
    const std::uint32_t begin = std::max(range.offset, m.message_offset);
    const std::uint32_t end = std::min(range.offset + range.length, m.message_offset + m.length);
    if (begin < end) return {m.local_offset + (begin - m.message_offset), end - begin};
  }
  return {};
}

std::uint32_t HexView::to_tree(std::uint32_t local) const {
  const auto& sources = detail_->sources();
  if (source_ >= sources.size()) return local;
  const ByteSource& s = sources[source_];
  if (source_ != 0) {
    for (const MirroredBytes& m : s.mirrors) {
      if (local >= m.local_offset && local - m.local_offset < m.length)
        return m.message_offset + (local - m.local_offset);
    }
  }
  return s.base + local;
}

std::size_t HexView::source_for(ByteRange range) const {
  const std::size_t own = detail_->source_at(range.offset);
  if (!pinned_ || own != 0) return own;
  if (!to_local(range).empty()) return source_;
  // Browsing frames: go to the frame that holds the message field, if one does.
  const auto& sources = detail_->sources();
  for (std::size_t i = 1; i < sources.size(); ++i) {
    for (const MirroredBytes& m : sources[i].mirrors) {
      if (range.offset < m.message_offset + m.length &&
          m.message_offset < range.offset + range.length)
        return i;
    }
  }
  return own;
}

void HexView::show_source(std::size_t source) {
  const auto& sources = detail_->sources();
  if (source >= sources.size()) source = 0;
  const bool changed = source != source_;
  source_ = source;
  if (tabs_->currentIndex() != static_cast<int>(source)) {
    const QSignalBlocker quiet(tabs_);
    tabs_->setCurrentIndex(static_cast<int>(source));
  }
  bytes_ = source < sources.size() ? sources[source].bytes : Bytes{};
  paint_fields();
  highlight_ = to_local(selected_);
  hover_ = {};
  if (changed) {
    cursor_ = highlight_.empty() ? 0 : highlight_.offset;
    verticalScrollBar()->setValue(0);
    scroll_to(highlight_);
  }
  viewport()->update();
}

void HexView::reload() {
  source_ = 0;
  pinned_ = false;
  selected_ = {};
  cursor_ = 0;
  {
    const QSignalBlocker quiet(tabs_);
    while (tabs_->count() > 0)
      tabs_->removeTab(0);
    for (const ByteSource& s : detail_->sources())
      tabs_->addTab(QString::fromStdString(s.label));
    tabs_->setCurrentIndex(0);
  }
  // One source needs no tabs (a message decoded from hex, or bytes of no frame).
  tabs_->setVisible(detail_->sources().size() > 1);
  layout_tabs();
  show_source(0);
  verticalScrollBar()->setValue(0);
}

void HexView::paint_fields() {
  tint_.assign(bytes_.size(), 0);
  error_.assign(bytes_.size(), false);
  const FieldTree* t = detail_->tree();
  const auto& sources = detail_->sources();
  if (t && source_ < sources.size()) {
    const std::uint32_t base = sources[source_].base;
    auto local = [&](const FieldNode& n, auto each) {
      if (n.offset < base) return;
      for (std::uint64_t b = n.offset - base;
           b < n.offset - base + std::uint64_t{n.length} && b < tint_.size(); ++b)
        each(static_cast<std::size_t>(b));
    };
    // Alternate tints over the fields of the message node, or over the headers of the frame,
    // so each one's extent shows.
    for (std::uint32_t top = 0; top < t->child_count(FieldTree::kRoot); ++top) {
      const std::uint32_t m = t->child(FieldTree::kRoot, top);
      const FieldId want = source_ == 0 ? FieldId::Message : FieldId::Frame;
      if (t->node(m).field != want || detail_->source_at(t->node(m).offset) != source_) continue;
      for (std::uint32_t r = 0; r < t->child_count(m); ++r) {
        local(t->node(t->child(m, r)),
              [&](std::size_t b) { tint_[b] = static_cast<std::uint8_t>(1 + r % 2); });
      }
    }
    for (std::uint32_t i = 1; i < t->size(); ++i) {
      const FieldNode& n = t->node(i);
      if (n.field != FieldId::ErrorNode || n.severity < Severity::Warning) continue;
      local(n, [&](std::size_t b) { error_[b] = true; });
    }
  }
  offset_digits_ = bytes_.size() > 0xFFFF ? 6 : 4;
  update_scrollbar();
}

int HexView::rows() const {
  return static_cast<int>((bytes_.size() + kBytesPerRow - 1) / kBytesPerRow);
}
int HexView::visible_rows() const {
  return std::max(1, viewport()->height() / line_height_);
}
int HexView::first_row() const {
  return verticalScrollBar()->value();
}

int HexView::hex_x(int column) const {
  return kMargin + (offset_digits_ + 2) * char_width_ +
         (column * 3 + (column >= 8 ? 1 : 0)) * char_width_;
}

int HexView::ascii_x(int column) const {
  return hex_x(kBytesPerRow) + (1 + column) * char_width_;
}

QRect HexView::cell_rect(std::uint32_t offset, bool ascii) const {
  const int row = static_cast<int>(offset / kBytesPerRow) - first_row();
  const int col = static_cast<int>(offset % kBytesPerRow);
  const int y = row * line_height_;
  return ascii ? QRect(ascii_x(col), y, char_width_, line_height_)
               : QRect(hex_x(col) - char_width_ / 2, y, 3 * char_width_, line_height_);
}

QPoint HexView::hex_cell_center(std::uint32_t offset) const {
  return cell_rect(offset, false).center();
}

bool HexView::is_visible(std::uint32_t offset) const {
  const int row = static_cast<int>(offset / kBytesPerRow);
  return row >= first_row() && row < first_row() + visible_rows();
}

std::optional<std::uint32_t> HexView::byte_at(QPoint pos) const {
  const int row = first_row() + pos.y() / line_height_;
  if (pos.y() < 0 || row >= rows()) return std::nullopt;
  int col = -1;
  for (int c = 0; c < kBytesPerRow; ++c) {
    const QRect hex(hex_x(c) - char_width_ / 2, 0, 3 * char_width_, line_height_);
    const QRect asc(ascii_x(c), 0, char_width_, line_height_);
    if ((pos.x() >= hex.left() && pos.x() <= hex.right()) ||
        (pos.x() >= asc.left() && pos.x() <= asc.right())) {
      col = c;
      break;
    }
  }
  if (col < 0) return std::nullopt;
  const auto offset = static_cast<std::uint32_t>(row * kBytesPerRow + col);
  if (offset >= bytes_.size()) return std::nullopt;
  return offset;
}

void HexView::update_scrollbar() {
  verticalScrollBar()->setRange(0, std::max(0, rows() - visible_rows()));
  verticalScrollBar()->setPageStep(visible_rows());
}

void HexView::resizeEvent(QResizeEvent* event) {
  QAbstractScrollArea::resizeEvent(event);
  layout_tabs();
  update_scrollbar();
}

void HexView::set_highlight(ByteRange range) {
  highlight_ = range;
  viewport()->update();
}

void HexView::scroll_to(ByteRange range) {
  if (range.empty()) return;
  const int first = static_cast<int>(range.offset / kBytesPerRow);
  const int last = static_cast<int>((range.offset + range.length - 1) / kBytesPerRow);
  if (first < first_row()) {
    verticalScrollBar()->setValue(first);
  } else if (last >= first_row() + visible_rows()) {
    // Bring the end into view without pushing the start out, when both fit.
    verticalScrollBar()->setValue(last - first < visible_rows() ? last - visible_rows() + 1
                                                                : first);
  }
}

void HexView::paintEvent(QPaintEvent*) {
  QPainter p(viewport());
  const QPalette& pal = palette();
  p.fillRect(viewport()->rect(), pal.base());
  if (bytes_.empty()) {
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(viewport()->rect().adjusted(kMargin, kMargin, 0, 0), Qt::AlignLeft | Qt::AlignTop,
               tr("Select a message to see its bytes."));
    return;
  }
  const QColor tints[3] = {pal.color(QPalette::Base), QColor(236, 243, 252), QColor(252, 246, 230)};
  const QColor offset_color = pal.color(QPalette::PlaceholderText);
  const QBrush hatch(QColor(200, 30, 30, 150), Qt::BDiagPattern);
  const int first = first_row();
  const int last = std::min(rows(), first + visible_rows() + 1);
  const int ascent = QFontMetrics(font()).ascent() + 1;
  // Only the rows on screen are painted: a 64 KB message costs the same as a 64-byte one.
  for (int row = first; row < last; ++row) {
    const int y = (row - first) * line_height_;
    p.setPen(offset_color);
    p.drawText(kMargin, y + ascent,
               QStringLiteral("%1").arg(row * kBytesPerRow, offset_digits_, 16, QLatin1Char('0')));
    for (int col = 0; col < kBytesPerRow; ++col) {
      const auto off = static_cast<std::uint32_t>(row * kBytesPerRow + col);
      if (off >= bytes_.size()) break;
      const QRect hex = cell_rect(off, false);
      const QRect asc = cell_rect(off, true);
      const bool selected = highlight_.contains(off);
      const QColor bg = selected ? pal.color(QPalette::Highlight) : tints[tint_[off]];
      p.fillRect(hex, bg);
      p.fillRect(asc, bg);
      if (error_[off]) {
        p.fillRect(hex, hatch);
        p.fillRect(asc, hatch);
      }
      p.setPen(selected ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text));
      const std::uint8_t b = bytes_[off];
      p.drawText(hex_x(col), y + ascent, QStringLiteral("%1").arg(b, 2, 16, QLatin1Char('0')));
      p.drawText(asc.left(), y + ascent, QString(QChar(b >= 0x20 && b < 0x7F ? b : '.')));
    }
  }
  // The field under the mouse is framed in both panes.
  if (!hover_.empty()) {
    p.setPen(QPen(pal.color(QPalette::Highlight).darker(130), 1));
    for (std::uint32_t off = hover_.offset;
         off < hover_.offset + hover_.length && off < bytes_.size(); ++off) {
      if (!is_visible(off)) continue;
      p.drawRect(cell_rect(off, false).adjusted(0, 0, -1, -1));
    }
  }
  if (hasFocus() && cursor_ < bytes_.size() && is_visible(cursor_)) {
    p.setPen(QPen(pal.color(QPalette::Text), 1, Qt::DotLine));
    p.drawRect(cell_rect(cursor_, false).adjusted(0, 0, -1, -1));
    p.drawRect(cell_rect(cursor_, true).adjusted(0, 0, -1, -1));
  }
}

void HexView::mousePressEvent(QMouseEvent* event) {
  setFocus();
  if (const auto off = byte_at(event->position().toPoint())) {
    // A click among a frame's bytes keeps the frame shown whatever field it selects.
    pinned_ = source_ != 0;
    cursor_ = *off;
    selection_->select_byte(to_tree(*off));
    viewport()->update();
  }
}

void HexView::mouseMoveEvent(QMouseEvent* event) {
  const auto off = byte_at(event->position().toPoint());
  ByteRange hover;
  if (off) {
    if (const auto node = detail_->field_at(to_tree(*off))) hover = detail_->range_of(*node);
  }
  selection_->set_hover(hover);
}

void HexView::leaveEvent(QEvent* event) {
  selection_->set_hover({});
  QAbstractScrollArea::leaveEvent(event);
}

void HexView::move_cursor(std::int64_t to) {
  if (bytes_.empty()) return;
  pinned_ = source_ != 0;
  to = std::clamp<std::int64_t>(to, 0, static_cast<std::int64_t>(bytes_.size()) - 1);
  cursor_ = static_cast<std::uint32_t>(to);
  scroll_to({cursor_, 1});
  selection_->select_byte(to_tree(cursor_));
  viewport()->update();
}

void HexView::keyPressEvent(QKeyEvent* event) {
  const std::int64_t c = cursor_;
  switch (event->key()) {
    case Qt::Key_Left:
      move_cursor(c - 1);
      return;
    case Qt::Key_Right:
      move_cursor(c + 1);
      return;
    case Qt::Key_Up:
      move_cursor(c - kBytesPerRow);
      return;
    case Qt::Key_Down:
      move_cursor(c + kBytesPerRow);
      return;
    case Qt::Key_PageUp:
      move_cursor(c - kBytesPerRow * visible_rows());
      return;
    case Qt::Key_PageDown:
      move_cursor(c + kBytesPerRow * visible_rows());
      return;
    case Qt::Key_Home:
      move_cursor(event->modifiers() & Qt::ControlModifier ? 0 : c - c % kBytesPerRow);
      return;
    case Qt::Key_End:
      move_cursor(event->modifiers() & Qt::ControlModifier
                      ? static_cast<std::int64_t>(bytes_.size()) - 1
                      : c - c % kBytesPerRow + kBytesPerRow - 1);
      return;
    default:
      QAbstractScrollArea::keyPressEvent(event);
  }
}

bool HexView::viewportEvent(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const auto off = byte_at(help->pos());
    const FieldTree* t = detail_->tree();
    if (off && t) {
      if (const auto node = detail_->field_at(to_tree(*off))) {
        const std::string_view v = t->value(*node);
        QToolTip::showText(help->globalPos(),
                           QStringLiteral("%1\n%2\nbyte %3 = 0x%4")
                               .arg(QString::fromStdString(t->path_text(*node)),
                                    QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size())))
                               .arg(*off)
                               .arg(bytes_[*off], 2, 16, QLatin1Char('0')),
                           viewport());
        return true;
      }
    }
    QToolTip::hideText();
    return true;
  }
  return QAbstractScrollArea::viewportEvent(event);
}

}  // namespace bgplens
