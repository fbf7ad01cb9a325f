#include "connect_peer_dialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>
#include <functional>

#include "bgp/nlri/family_table.h"
#include "family_choice.h"
#include "live_form.h"

namespace bgplens {

// ---- parsing the fields ----------------------------------------------------------------------

namespace {

constexpr std::uint32_t kDefaultLocalAs = 65000;        // RFC 6996 §5: private use
constexpr std::uint32_t kDefaultRouterId = 0xC0000201;  // 192.0.2.1 (RFC 5737 TEST-NET-1)

// An AS number as typed ("65000"); 0 and AS_TRANS get through, for live::validate() to explain.
std::optional<std::uint32_t> parse_as(const QString& text, QString& why) {
  const QString t = text.trimmed();
  static const QRegularExpression digits(QStringLiteral("^[0-9]{1,10}$"));
  bool ok = false;
  const qulonglong value = digits.match(t).hasMatch() ? t.toULongLong(&ok) : 0;
  if (!ok || value > 0xFFFFFFFFull) {
    why = QObject::tr("An AS number is a whole number from 1 to 4294967295 (4 octets, RFC 6793).");
    return std::nullopt;
  }
  why.clear();
  return static_cast<std::uint32_t>(value);
}

std::optional<std::uint32_t> parse_id(const QString& text, QString& why) {
  auto id = live::parse_router_id(text.trimmed().toStdString());
  why = id ? QString()
           : QObject::tr(
                 "A BGP identifier is four dotted decimal octets such as 192.0.2.1 "
                 "(RFC 4271 §4.2).");
  return id;
}

QString id_text(std::uint32_t id) {
  return QStringLiteral("%1.%2.%3.%4")
      .arg(id >> 24)
      .arg((id >> 16) & 0xFF)
      .arg((id >> 8) & 0xFF)
      .arg(id & 0xFF);
}

// live::validate() speaks in lower case, as the CLI prints it after a colon; a note under a
// field is a sentence.
QString sentence(const std::string& problem) {
  QString s = QString::fromStdString(problem);
  if (!s.isEmpty()) s[0] = s[0].toUpper();
  if (!s.endsWith(QLatin1Char('.'))) s += QLatin1Char('.');
  return s;
}

QString role_text(live::BgpRole role) {
  const std::string_view name = live::role_name(role);
  return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
}

// An optional setting: absent rather than a value that means "none".
template <typename T>
void set_optional(QSettings& s, const QString& key, const std::optional<T>& value) {
  if (value) {
    s.setValue(key, *value);
  } else {
    s.remove(key);
  }
}

QStringList family_names(const std::vector<Family>& families) {
  QStringList out;
  for (const Family f : families)
    out << QString::fromStdString(family_name(f));
  return out;
}

std::vector<Family> families_from(const QStringList& names) {
  std::vector<Family> out;
  for (const QString& n : names) {
    if (auto f = parse_family(n.toStdString())) out.push_back(*f);
  }
  return out;
}

QWidget* field_box(std::initializer_list<QWidget*> row, QLabel* error, QWidget* parent) {
  auto* box = new QWidget(parent);
  auto* column = new QVBoxLayout(box);
  column->setContentsMargins(0, 0, 0, 0);
  column->setSpacing(2);
  auto* line = new QHBoxLayout;
  for (QWidget* w : row)
    line->addWidget(w);
  if (row.size() > 1) line->addStretch(1);
  column->addLayout(line);
  if (error) column->addWidget(error);
  return box;
}

QSpinBox* seconds_box(int min, int max, QWidget* parent, const QString& name) {
  auto* box = new QSpinBox(parent);
  box->setObjectName(name);
  box->setRange(min, max);
  box->setSuffix(QObject::tr(" s"));
  return box;
}

}  // namespace

// ---- the dialog ------------------------------------------------------------------------------

ConnectPeerDialog::ConnectPeerDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Connect to Peer"));
  auto* layout = new QVBoxLayout(this);
  auto* columns = new QHBoxLayout;
  auto* session = new QGroupBox(tr("Session"), this);
  auto* capabilities = new QGroupBox(tr("Offered in our OPEN"), this);
  build_session_fields(session);
  build_capability_fields(capabilities);
  columns->addWidget(session, 1);
  columns->addWidget(capabilities, 1);
  layout->addLayout(columns, 1);
  auto* note =
      new QLabel(tr("BGP Lens is a read-only speaker: it never advertises a route."), this);
  live_form::make_hint(note);
  layout->addWidget(note);
  general_error_ = live_form::error_label(this, QStringLiteral("generalError"));
  layout->addWidget(general_error_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  ok_ = buttons->button(QDialogButtonBox::Ok);
  connect(buttons, &QDialogButtonBox::accepted, this, &ConnectPeerDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);

  // Every edit revalidates: the form is small and validate() is cheap.
  const auto changed = [this] { revalidate(); };
  for (QLineEdit* e :
       {peer_, listen_, accept_from_, local_as_, peer_as_, router_id_, md5_, record_path_})
    connect(e, &QLineEdit::textChanged, this, changed);
  for (QSpinBox* s : {hold_time_, backoff_initial_, backoff_max_, restart_time_})
    connect(s, &QSpinBox::valueChanged, this, changed);
  for (QAbstractButton* b : std::initializer_list<QAbstractButton*>{
           active_, passive_, reconnect_, extended_message_, graceful_restart_, route_refresh_,
           enhanced_route_refresh_, role_strict_})
    connect(b, &QAbstractButton::toggled, this, changed);
  connect(role_, &QComboBox::currentIndexChanged, this, changed);
  connect(families_, &FamilyChoice::changed, this, changed);

  set_request(saved_request());
  resize(sizeHint().width() + 80, sizeHint().height());
}

void ConnectPeerDialog::build_session_fields(QWidget* page) {
  auto* form = new QFormLayout(page);
  active_ = new QRadioButton(tr("Connect to the peer"), page);
  active_->setObjectName(QStringLiteral("active"));
  passive_ = new QRadioButton(tr("Wait for the peer to connect"), page);
  passive_->setObjectName(QStringLiteral("passive"));
  auto* mode = new QButtonGroup(page);
  mode->addButton(active_);
  mode->addButton(passive_);
  form->addRow(tr("Mode:"), field_box({active_, passive_}, nullptr, page));

  const auto line = [page](const QString& name, const QString& placeholder) {
    auto* edit = new QLineEdit(page);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    return edit;
  };
  // A line edit with its note under it, as one row of the form.
  const auto add_line = [&](const QString& label, const QString& name, const QString& placeholder,
                            QLineEdit*& edit, QLabel*& error) {
    edit = line(name, placeholder);
    error = live_form::error_label(page, name + QStringLiteral("Error"));
    form->addRow(label, field_box({edit}, error, page));
  };
  add_line(tr("Peer:"), QStringLiteral("peer"), tr("HOST[:PORT], port 179 unless named"), peer_,
           peer_error_);
  add_line(tr("Listen on:"), QStringLiteral("listen"), QStringLiteral("127.0.0.1:179"), listen_,
           listen_error_);
  add_line(tr("Accept only from:"), QStringLiteral("acceptFrom"), tr("any address"), accept_from_,
           accept_from_error_);
  add_line(tr("Local AS:"), QStringLiteral("localAs"), QStringLiteral("65000"), local_as_,
           local_as_error_);
  add_line(tr("Peer AS:"), QStringLiteral("peerAs"), tr("any (not checked)"), peer_as_,
           peer_as_error_);
  add_line(tr("BGP identifier:"), QStringLiteral("routerId"), QStringLiteral("192.0.2.1"),
           router_id_, router_id_error_);
  hold_time_ = seconds_box(0, 65535, page, QStringLiteral("holdTime"));
  hold_time_->setToolTip(tr("0 (no KEEPALIVEs) or at least 3 seconds (RFC 4271 §4.2)"));
  hold_time_error_ = live_form::error_label(page, QStringLiteral("holdTimeError"));
  form->addRow(tr("Hold time:"), field_box({hold_time_}, hold_time_error_, page));

  md5_ = line(QStringLiteral("md5"), tr("none"));
  md5_->setEchoMode(QLineEdit::Password);
  md5_->setMaxLength(80);  // Linux TCP_MD5SIG_MAXKEYLEN
  form->addRow(tr("TCP-MD5 password:"), md5_);

  reconnect_ = new QCheckBox(tr("Reconnect, waiting"), page);
  reconnect_->setObjectName(QStringLiteral("reconnect"));
  backoff_initial_ = seconds_box(1, 3600, page, QStringLiteral("backoffInitial"));
  backoff_max_ = seconds_box(1, 86400, page, QStringLiteral("backoffMax"));
  backoff_max_->setPrefix(tr("doubling up to "));
  backoff_error_ = live_form::error_label(page, QStringLiteral("backoffError"));
  form->addRow(tr("After a failure:"),
               field_box({reconnect_, backoff_initial_, backoff_max_}, backoff_error_, page));
  connect(reconnect_, &QCheckBox::toggled, backoff_initial_, &QWidget::setEnabled);
  connect(reconnect_, &QCheckBox::toggled, backoff_max_, &QWidget::setEnabled);

  record_path_ = line(QStringLiteral("recordPath"), {});
  record_path_error_ = live_form::error_label(page, QStringLiteral("recordPathError"));
  form->addRow(tr("Record to:"), field_box({live_form::record_path_row(record_path_, page)},
                                           record_path_error_, page));
}

void ConnectPeerDialog::build_capability_fields(QWidget* page) {
  auto* column = new QVBoxLayout(page);
  families_ = new FamilyChoice(page);
  families_->setObjectName(QStringLiteral("families"));
  column->addWidget(families_, 1);
  families_error_ = live_form::error_label(page, QStringLiteral("familiesError"));
  column->addWidget(families_error_);

  auto* form = new QFormLayout;
  column->addLayout(form);
  extended_message_ = new QCheckBox(tr("Extended messages, up to 65535 bytes (RFC 8654)"), page);
  extended_message_->setObjectName(QStringLiteral("extendedMessage"));
  form->addRow(extended_message_);
  graceful_restart_ = new QCheckBox(tr("Graceful restart (RFC 4724), restart time"), page);
  graceful_restart_->setObjectName(QStringLiteral("gracefulRestart"));
  restart_time_ = seconds_box(0, 65535, page, QStringLiteral("restartTime"));
  restart_time_error_ = live_form::error_label(page, QStringLiteral("restartTimeError"));
  form->addRow(field_box({graceful_restart_, restart_time_}, restart_time_error_, page));
  connect(graceful_restart_, &QCheckBox::toggled, restart_time_, &QWidget::setEnabled);
  route_refresh_ = new QCheckBox(tr("Route refresh (RFC 2918)"), page);
  route_refresh_->setObjectName(QStringLiteral("routeRefresh"));
  enhanced_route_refresh_ = new QCheckBox(tr("Enhanced (RFC 7313)"), page);
  enhanced_route_refresh_->setObjectName(QStringLiteral("enhancedRouteRefresh"));
  refresh_error_ = live_form::error_label(page, QStringLiteral("refreshError"));
  form->addRow(field_box({route_refresh_, enhanced_route_refresh_}, refresh_error_, page));

  role_ = new QComboBox(page);
  role_->setObjectName(QStringLiteral("role"));
  role_->addItem(tr("none"), -1);
  for (std::uint8_t v = 0; v <= 4; ++v)
    role_->addItem(role_text(static_cast<live::BgpRole>(v)), v);
  role_strict_ = new QCheckBox(tr("strict: refuse a peer without a role"), page);
  role_strict_->setObjectName(QStringLiteral("roleStrict"));
  role_error_ = live_form::error_label(page, QStringLiteral("roleError"));
  form->addRow(tr("BGP role (RFC 9234):"), field_box({role_, role_strict_}, role_error_, page));
}

LiveSessionRequest ConnectPeerDialog::request() const {
  LiveSessionRequest r;
  QString ignored;
  r.fsm.passive = passive_->isChecked();
  if (!r.fsm.passive) {
    if (auto e = live_form::parse_address(peer_->text(), 179, ignored)) r.connection.peer = *e;
  } else {
    if (auto e = live_form::parse_address(listen_->text(), 179, ignored))
      r.connection.listen_at = *e;
    if (auto e = live_form::parse_address(accept_from_->text(), 179, ignored))
      r.connection.peer.host = e->host;
  }
  r.connection.md5_password = md5_->text().toStdString();
  r.speaker.local_as = parse_as(local_as_->text(), ignored).value_or(0);
  if (!peer_as_->text().trimmed().isEmpty())
    r.speaker.peer_as = parse_as(peer_as_->text(), ignored).value_or(0);
  r.speaker.bgp_id = parse_id(router_id_->text(), ignored).value_or(0);
  r.speaker.hold_time = static_cast<std::uint16_t>(hold_time_->value());
  r.speaker.families = families_->offered();
  r.speaker.add_path_receive = families_->add_path_receive();
  r.speaker.extended_message = extended_message_->isChecked();
  if (graceful_restart_->isChecked())
    r.speaker.graceful_restart_time = static_cast<std::uint16_t>(restart_time_->value());
  r.speaker.route_refresh = route_refresh_->isChecked();
  r.speaker.enhanced_route_refresh = enhanced_route_refresh_->isChecked();
  if (const int role = role_->currentData().toInt(); role >= 0)
    r.speaker.role = static_cast<live::BgpRole>(role);
  r.speaker.role_strict = role_strict_->isChecked();
  r.fsm.reconnect = reconnect_->isChecked();
  r.fsm.backoff_initial = std::chrono::seconds(backoff_initial_->value());
  r.fsm.backoff_max = std::chrono::seconds(backoff_max_->value());
  r.record_path = record_path_->text().trimmed();
  return r;
}

void ConnectPeerDialog::set_request(const LiveSessionRequest& r) {
  // One revalidation at the end rather than one per field.
  filling_ = true;
  (r.fsm.passive ? passive_ : active_)->setChecked(true);
  listen_->setText(QString::fromStdString(live::endpoint_text(r.connection.listen_at)));
  if (r.fsm.passive) {
    accept_from_->setText(QString::fromStdString(r.connection.peer.host));
  } else {
    peer_->setText(r.connection.peer.host.empty()
                       ? QString()
                       : QString::fromStdString(live::endpoint_text(r.connection.peer)));
  }
  md5_->setText(QString::fromStdString(r.connection.md5_password));
  local_as_->setText(QString::number(r.speaker.local_as));
  peer_as_->setText(r.speaker.peer_as ? QString::number(*r.speaker.peer_as) : QString());
  router_id_->setText(id_text(r.speaker.bgp_id));
  hold_time_->setValue(r.speaker.hold_time);
  families_->set_families(r.speaker.families, r.speaker.add_path_receive);
  extended_message_->setChecked(r.speaker.extended_message);
  graceful_restart_->setChecked(r.speaker.graceful_restart_time.has_value());
  restart_time_->setValue(r.speaker.graceful_restart_time.value_or(120));
  restart_time_->setEnabled(graceful_restart_->isChecked());
  route_refresh_->setChecked(r.speaker.route_refresh);
  enhanced_route_refresh_->setChecked(r.speaker.enhanced_route_refresh);
  role_->setCurrentIndex(r.speaker.role ? static_cast<int>(*r.speaker.role) + 1 : 0);
  role_strict_->setChecked(r.speaker.role_strict);
  reconnect_->setChecked(r.fsm.reconnect);
  backoff_initial_->setValue(static_cast<int>(
      std::chrono::duration_cast<std::chrono::seconds>(r.fsm.backoff_initial).count()));
  backoff_max_->setValue(static_cast<int>(
      std::chrono::duration_cast<std::chrono::seconds>(r.fsm.backoff_max).count()));
  backoff_initial_->setEnabled(r.fsm.reconnect);
  backoff_max_->setEnabled(r.fsm.reconnect);
  record_path_->setText(r.record_path);
  filling_ = false;
  revalidate();
}

void ConnectPeerDialog::revalidate() {
  if (filling_) return;
  problems_.clear();
  const auto note = [this](QWidget* field, QLabel* label, const QString& why) {
    live_form::mark(field, label, why);
    if (!why.isEmpty()) problems_ << why;
  };
  const bool passive = passive_->isChecked();
  peer_->setEnabled(!passive);
  listen_->setEnabled(passive);
  accept_from_->setEnabled(passive);
  ok_->setText(passive ? tr("Listen") : tr("Connect"));

  QString why;
  if (!passive) {
    const auto e = live_form::parse_address(peer_->text(), 179, why);
    if (e && e->port == 0) why = tr("Port 0 cannot be connected to.");
  }
  note(peer_, peer_error_, why);
  why.clear();
  if (passive) live_form::parse_address(listen_->text(), 179, why);
  note(listen_, listen_error_, why);
  why.clear();
  if (passive && !accept_from_->text().trimmed().isEmpty()) {
    // The peer connects from a port of its choosing: an address only. (Two default ports
    // tell whether the text named one.)
    const auto a = live_form::parse_address(accept_from_->text(), 1, why);
    const auto b = live_form::parse_address(accept_from_->text(), 2, why);
    if (a && b && a->port == b->port)
      why = tr("Only the address: the peer connects from a port of its choosing.");
  }
  note(accept_from_, accept_from_error_, why);

  // The speaker's rules are live::validate()'s. Each field (or group of fields that a rule
  // ties together) is put into a configuration validate() accepts, so that what it finds
  // there is shown under that field; whatever only the whole configuration breaks is shown
  // at the bottom.
  live::SpeakerConfig base;
  base.local_as = kDefaultLocalAs;
  base.bgp_id = kDefaultRouterId;
  const LiveSessionRequest r = request();
  QStringList shown;
  bool parse_failed = false;
  const auto rules = [&](QWidget* field, QLabel* label, const QString& parse_error,
                         const std::function<void(live::SpeakerConfig&)>& apply) {
    QStringList found;
    if (!parse_error.isEmpty()) {
      parse_failed = true;
      found << parse_error;
    } else {
      live::SpeakerConfig c = base;
      apply(c);
      for (const std::string& p : live::validate(c))
        found << sentence(p);
    }
    shown << found;
    note(field, label, found.join(QLatin1Char('\n')));
  };
  parse_as(local_as_->text(), why);
  rules(local_as_, local_as_error_, why, [&](auto& c) { c.local_as = r.speaker.local_as; });
  why.clear();
  if (!peer_as_->text().trimmed().isEmpty()) parse_as(peer_as_->text(), why);
  rules(peer_as_, peer_as_error_, why, [&](auto& c) { c.peer_as = r.speaker.peer_as; });
  parse_id(router_id_->text(), why);
  rules(router_id_, router_id_error_, why, [&](auto& c) { c.bgp_id = r.speaker.bgp_id; });
  rules(hold_time_, hold_time_error_, {}, [&](auto& c) { c.hold_time = r.speaker.hold_time; });
  rules(families_, families_error_, {}, [&](auto& c) {
    c.families = r.speaker.families;
    c.add_path_receive = r.speaker.add_path_receive;
  });
  rules(restart_time_, restart_time_error_, {},
        [&](auto& c) { c.graceful_restart_time = r.speaker.graceful_restart_time; });
  rules(enhanced_route_refresh_, refresh_error_, {}, [&](auto& c) {
    c.route_refresh = r.speaker.route_refresh;
    c.enhanced_route_refresh = r.speaker.enhanced_route_refresh;
  });
  rules(role_, role_error_, {}, [&](auto& c) {
    c.role = r.speaker.role;
    c.role_strict = r.speaker.role_strict;
  });
  QStringList rest;
  if (!parse_failed) {
    for (const std::string& p : live::validate(r.speaker)) {
      if (!shown.contains(sentence(p))) rest << sentence(p);
    }
  }
  general_error_->setText(rest.join(QLatin1Char('\n')));
  general_error_->setVisible(!rest.isEmpty());
  problems_ << rest;

  why.clear();
  if (r.fsm.reconnect && r.fsm.backoff_max < r.fsm.backoff_initial)
    why = tr("The longest wait cannot be shorter than the first.");
  note(backoff_max_, backoff_error_, why);
  note(record_path_, record_path_error_, live_form::record_path_problem(record_path_->text()));
  ok_->setEnabled(problems_.isEmpty());
  live_form::fit_height(this);
}

LiveSessionRequest ConnectPeerDialog::saved_request() {
  QSettings s;
  s.beginGroup(QStringLiteral("live/connect"));
  LiveSessionRequest r;
  r.speaker.local_as = kDefaultLocalAs;
  r.speaker.bgp_id = kDefaultRouterId;
  r.fsm.passive = s.value(QStringLiteral("mode")).toString() == QLatin1String("passive");
  QString ignored;
  if (auto e = live_form::parse_address(s.value(QStringLiteral("peer")).toString(), 179, ignored);
      e && !r.fsm.passive)
    r.connection.peer = *e;
  if (auto e = live_form::parse_address(s.value(QStringLiteral("listen")).toString(), 179, ignored))
    r.connection.listen_at = *e;
  if (r.fsm.passive)
    r.connection.peer.host = s.value(QStringLiteral("accept_from")).toString().toStdString();
  r.speaker.local_as = s.value(QStringLiteral("local_as"), r.speaker.local_as).toUInt();
  if (s.contains(QStringLiteral("peer_as")))
    r.speaker.peer_as = s.value(QStringLiteral("peer_as")).toUInt();
  r.speaker.bgp_id = s.value(QStringLiteral("router_id"), r.speaker.bgp_id).toUInt();
  r.speaker.hold_time = static_cast<std::uint16_t>(
      s.value(QStringLiteral("hold_time"), r.speaker.hold_time).toUInt());
  if (s.contains(QStringLiteral("families")))
    r.speaker.families = families_from(s.value(QStringLiteral("families")).toStringList());
  r.speaker.add_path_receive = families_from(s.value(QStringLiteral("add_path")).toStringList());
  r.speaker.extended_message = s.value(QStringLiteral("extended_message"), false).toBool();
  if (s.contains(QStringLiteral("restart_time")))
    r.speaker.graceful_restart_time =
        static_cast<std::uint16_t>(s.value(QStringLiteral("restart_time")).toUInt());
  r.speaker.route_refresh = s.value(QStringLiteral("route_refresh"), true).toBool();
  r.speaker.enhanced_route_refresh = s.value(QStringLiteral("enhanced_route_refresh")).toBool();
  r.speaker.role = live::parse_role(s.value(QStringLiteral("role")).toString().toStdString());
  r.speaker.role_strict = s.value(QStringLiteral("role_strict")).toBool();
  r.fsm.reconnect = s.value(QStringLiteral("reconnect")).toBool();
  r.fsm.backoff_initial = live::Millis(
      s.value(QStringLiteral("backoff_initial_ms"), qint64(r.fsm.backoff_initial.count()))
          .toLongLong());
  r.fsm.backoff_max = live::Millis(
      s.value(QStringLiteral("backoff_max_ms"), qint64(r.fsm.backoff_max.count())).toLongLong());
  r.record_path = s.value(QStringLiteral("record_path")).toString();
  return r;
}

void ConnectPeerDialog::save_request(const LiveSessionRequest& r) {
  QSettings s;
  s.beginGroup(QStringLiteral("live/connect"));
  s.setValue(QStringLiteral("mode"),
             r.fsm.passive ? QStringLiteral("passive") : QStringLiteral("active"));
  // The address of the other mode is kept, for when the user switches back.
  if (r.fsm.passive) {
    s.setValue(QStringLiteral("listen"),
               QString::fromStdString(live::endpoint_text(r.connection.listen_at)));
    s.setValue(QStringLiteral("accept_from"), QString::fromStdString(r.connection.peer.host));
  } else {
    s.setValue(QStringLiteral("peer"),
               QString::fromStdString(live::endpoint_text(r.connection.peer)));
  }
  s.setValue(QStringLiteral("local_as"), r.speaker.local_as);
  set_optional(s, QStringLiteral("peer_as"), r.speaker.peer_as);
  s.setValue(QStringLiteral("router_id"), r.speaker.bgp_id);
  s.setValue(QStringLiteral("hold_time"), r.speaker.hold_time);
  s.setValue(QStringLiteral("families"), family_names(r.speaker.families));
  s.setValue(QStringLiteral("add_path"), family_names(r.speaker.add_path_receive));
  s.setValue(QStringLiteral("extended_message"), r.speaker.extended_message);
  set_optional(s, QStringLiteral("restart_time"), r.speaker.graceful_restart_time);
  s.setValue(QStringLiteral("route_refresh"), r.speaker.route_refresh);
  s.setValue(QStringLiteral("enhanced_route_refresh"), r.speaker.enhanced_route_refresh);
  s.setValue(QStringLiteral("role"), r.speaker.role ? role_text(*r.speaker.role) : QString());
  s.setValue(QStringLiteral("role_strict"), r.speaker.role_strict);
  s.setValue(QStringLiteral("reconnect"), r.fsm.reconnect);
  s.setValue(QStringLiteral("backoff_initial_ms"), qint64(r.fsm.backoff_initial.count()));
  s.setValue(QStringLiteral("backoff_max_ms"), qint64(r.fsm.backoff_max.count()));
  s.setValue(QStringLiteral("record_path"), r.record_path);
}

void ConnectPeerDialog::accept() {
  revalidate();
  if (!is_valid()) return;
  save_request(request());
  QDialog::accept();
}

}  // namespace bgplens
