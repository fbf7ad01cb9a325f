// The hex view of the selected message: offsets, hex and ASCII, painted for the visible rows
// only. Adjacent fields are tinted alternately so their boundaries show; the selected field's
// bytes are highlighted, the field under the mouse is framed, bytes of error nodes are
// hatched. Clicking a byte, or moving the cursor with the keyboard, selects the deepest field
// that contains it.
//
// Tabs above the bytes choose the source shown: the message, or one of the frames that carried
// it. A frame shows the message's bytes in their place: a message field selected while a frame
// is shown is highlighted within the frame, and clicking those bytes selects the message's field.
#pragma once

#include <QAbstractScrollArea>
#include <optional>
#include <vector>

#include "selection.h"

class QTabBar;

namespace bgplens {

class HexView : public QAbstractScrollArea {
  Q_OBJECT

 public:
  static constexpr int kBytesPerRow = 16;

  HexView(MessageDetail* detail, Selection* selection, QWidget* parent = nullptr);

  // In the shown source's own offsets.
  ByteRange highlighted() const { return highlight_; }
  // The source shown (an index into MessageDetail::sources()), and the tabs that choose it.
  std::size_t source() const { return source_; }
  void show_source(std::size_t source);
  QTabBar* tabs() const { return tabs_; }
  std::uint32_t cursor() const { return cursor_; }
  // The byte under a viewport position (hex or ASCII column), if any.
  std::optional<std::uint32_t> byte_at(QPoint pos) const;
  // The centre of byte `offset`'s hex cell, in viewport coordinates (for tests and tooltips).
  QPoint hex_cell_center(std::uint32_t offset) const;
  // Whether byte `offset` is on screen.
  bool is_visible(std::uint32_t offset) const;

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  bool viewportEvent(QEvent* event) override;

 private:
  void reload();
  // Tints and error hatching for the shown source.
  void paint_fields();
  // A range of tree offsets as offsets of the shown source (through the frame's copy of the
  // message bytes when need be); empty when the source does not hold it.
  ByteRange to_local(ByteRange range) const;
  // The tree offset of a byte of the shown source: a message byte when the frame holds one.
  std::uint32_t to_tree(std::uint32_t local) const;
  // The source to show for a selected range: the range's own source, unless the user chose a
  // frame (pinned_) that holds it, or another frame does.
  std::size_t source_for(ByteRange range) const;
  void layout_tabs();
  void set_highlight(ByteRange range);
  void move_cursor(std::int64_t to);
  void scroll_to(ByteRange range);
  void update_scrollbar();
  int rows() const;
  int visible_rows() const;
  int first_row() const;
  int hex_x(int column) const;
  int ascii_x(int column) const;
  QRect cell_rect(std::uint32_t offset, bool ascii) const;

  MessageDetail* detail_;
  Selection* selection_;
  QTabBar* tabs_;
  std::size_t source_ = 0;
  bool pinned_ = false;  // the user chose a frame: message fields are shown within it
  ByteRange selected_;   // the selection, in tree offsets
  Bytes bytes_;
  std::vector<std::uint8_t> tint_;  // per byte: 0 none, 1 or 2 alternating field tints
  std::vector<bool> error_;         // per byte: inside an error node
  ByteRange highlight_;
  ByteRange hover_;
  std::uint32_t cursor_ = 0;
  int char_width_ = 8;
  int line_height_ = 16;
  int offset_digits_ = 4;
};

}  // namespace bgplens
