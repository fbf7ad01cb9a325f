// Listen for BMP…: where BGP Lens listens for BMP sessions from routers (RFC 7854: the router
// connects to the station) and whether to record what arrives.
#pragma once

#include <QDialog>
#include <QString>

#include "live/socket_util.h"

class QLabel;
class QLineEdit;
class QPushButton;

namespace bgplens {

struct BmpListenRequest {
  live::Endpoint listen_at{"127.0.0.1", 11019};
  QString record_path;  // empty: not recorded; else .mrt or .pcapng
};

class BmpListenDialog : public QDialog {
  Q_OBJECT

 public:
  // BMP has no IANA port and RFC 7854 leaves the station's address to configuration; 11019
  // is GoBGP's default for a BMP server.
  static constexpr quint16 kDefaultPort = 11019;

  // Prefilled with the last accepted request (QSettings "live/bmp/…"), or 127.0.0.1:11019.
  explicit BmpListenDialog(QWidget* parent = nullptr);

  BmpListenRequest request() const;
  void set_request(const BmpListenRequest& request);
  bool is_valid() const { return problems_.isEmpty(); }
  const QStringList& problems() const { return problems_; }

  static BmpListenRequest saved_request();
  static void save_request(const BmpListenRequest& request);

  void accept() override;

 private:
  void revalidate();

  QLineEdit* address_;
  QLabel* address_error_;
  QLineEdit* record_path_;
  QLabel* record_path_error_;
  QPushButton* ok_;
  QStringList problems_;
};

}  // namespace bgplens
