// Capture interface…: which network interface to capture BGP from (through libpcap), with which
// BPF filter. The interface list is given by the caller, so that the dialog needs no capture
// library and tests can hand it any list.
#pragma once

#include <QDialog>
#include <QString>
#include <QStringList>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace bgplens {

struct InterfaceEntry {
  QString name;         // "eth0": what libpcap opens
  QString description;  // may be empty
  QStringList addresses;
  bool up = false;
};

struct CaptureRequest {
  QString interface;
  QString filter = QStringLiteral("tcp port 179");
  int snaplen = 262144;  // tcpdump's default: whole segments
  bool promiscuous = false;
};

class CaptureInterfaceDialog : public QDialog {
  Q_OBJECT

 public:
  // With no interface in the list, the interface is typed in. Prefilled with the last accepted
  // request (QSettings "live/capture/…") where its interface is still listed.
  explicit CaptureInterfaceDialog(std::vector<InterfaceEntry> interfaces,
                                  QWidget* parent = nullptr);

  CaptureRequest request() const;
  void set_request(const CaptureRequest& request);
  bool is_valid() const { return problems_.isEmpty(); }
  const QStringList& problems() const { return problems_; }

  static CaptureRequest saved_request();
  static void save_request(const CaptureRequest& request);
  // "eth0 — 192.0.2.1, 2001:db8::1" with " (down)" when it is down: a row of the list.
  static QString entry_text(const InterfaceEntry& entry);

  void accept() override;

 private:
  void revalidate();

  std::vector<InterfaceEntry> interfaces_;
  QComboBox* interface_;
  QLabel* interface_error_;
  QLabel* interface_note_;  // not an error: "eth1 is down"
  QLineEdit* filter_;
  QLabel* filter_error_;
  QSpinBox* snaplen_;
  QCheckBox* promiscuous_;
  QPushButton* ok_;
  QStringList problems_;
};

}  // namespace bgplens
