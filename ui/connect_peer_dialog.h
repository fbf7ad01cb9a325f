// Connect to peer…: the settings of a live, read-only BGP session — who connects (we, to a
// peer, or the peer, to an address we listen on), what our OPEN says (AS, BGP identifier, hold
// time, families, capabilities) and whether to record the session to a file. The speaker's
// rules are live::validate()'s; the dialog only parses the fields, shows each problem under
// the field it concerns and keeps OK disabled until there is none.
#pragma once

#include <QDialog>
#include <QString>
#include <optional>
#include <vector>

#include "live/bgp_connection.h"
#include "live/bgp_fsm.h"
#include "live/socket_util.h"
#include "live/speaker_config.h"

class QAbstractButton;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace bgplens {

class FamilyChoice;

// What the dialog produces: everything needed to construct a live::BgpConnection, and where to
// record the session (empty: not recorded; else a .mrt or .pcapng path).
struct LiveSessionRequest {
  live::SpeakerConfig speaker;
  live::FsmOptions fsm;  // fsm.passive: we listen instead of connecting
  live::ConnectionOptions connection;
  QString record_path;
};

class ConnectPeerDialog : public QDialog {
  Q_OBJECT

 public:
  // Prefilled with the last accepted request (QSettings "live/connect/…"), or the defaults.
  explicit ConnectPeerDialog(QWidget* parent = nullptr);

  // The request as the fields are now (meaningful when is_valid()).
  LiveSessionRequest request() const;
  void set_request(const LiveSessionRequest& request);

  bool is_valid() const { return problems_.isEmpty(); }
  // Every problem shown, one sentence each (empty when valid).
  const QStringList& problems() const { return problems_; }

  // The request remembered from the last accepted dialog (the TCP-MD5 password is never
  // stored), or the defaults: active, local AS 65000, BGP identifier 192.0.2.1, hold time 90,
  // IPv4 and IPv6 unicast, route refresh.
  static LiveSessionRequest saved_request();
  static void save_request(const LiveSessionRequest& request);

  void accept() override;

 private:
  void build_session_fields(QWidget* page);
  void build_capability_fields(QWidget* page);
  void revalidate();

  QRadioButton* active_;
  QRadioButton* passive_;
  QLineEdit* peer_;
  QLabel* peer_error_;
  QLineEdit* listen_;
  QLabel* listen_error_;
  QLineEdit* accept_from_;
  QLabel* accept_from_error_;
  QLineEdit* local_as_;
  QLabel* local_as_error_;
  QLineEdit* peer_as_;
  QLabel* peer_as_error_;
  QLineEdit* router_id_;
  QLabel* router_id_error_;
  QSpinBox* hold_time_;
  QLabel* hold_time_error_;
  QLineEdit* md5_;
  QCheckBox* reconnect_;
  QSpinBox* backoff_initial_;
  QSpinBox* backoff_max_;
  QLabel* backoff_error_;
  QLineEdit* record_path_;
  QLabel* record_path_error_;

  FamilyChoice* families_;
  QLabel* families_error_;
  QCheckBox* extended_message_;
  QCheckBox* graceful_restart_;
  QSpinBox* restart_time_;
  QLabel* restart_time_error_;
  QCheckBox* route_refresh_;
  QCheckBox* enhanced_route_refresh_;
  QLabel* refresh_error_;
  QComboBox* role_;
  QCheckBox* role_strict_;
  QLabel* role_error_;

  QLabel* general_error_;
  QPushButton* ok_;
  QStringList problems_;
  bool filling_ = false;  // set_request() under way: revalidate once, at the end
};

}  // namespace bgplens
