// Form pieces the live dialogs (Connect to peer…, Listen for BMP…, Capture interface…) share:
// a note under a field saying what is wrong with it, address parsing through
// live::parse_endpoint, and the "Record to" row.
#pragma once

#include <QString>
#include <optional>

#include "live/socket_util.h"

class QLabel;
class QLineEdit;
class QWidget;

namespace bgplens::live_form {

// A note under a field saying what is wrong with it; hidden while empty.
QLabel* error_label(QWidget* parent, const QString& object_name);
// Shows `why` under `field` (and as its tooltip) and tints the field; an empty `why` clears.
void mark(QWidget* field, QLabel* label, const QString& why);
// HOST[:PORT] (an IPv6 address in brackets when it has a port) through live::parse_endpoint;
// nullopt with `why` set when it is not one.
std::optional<live::Endpoint> parse_address(const QString& text, quint16 default_port,
                                            QString& why);
// Why a recording cannot go to `path`, or empty (an empty path means no recording).
QString record_path_problem(const QString& path);
// A quieter colour for a label that explains rather than asks (greyed, yet not disabled-looking).
void make_hint(QLabel* label);
// Makes `window` tall enough for its notes at its present width: a note that wraps needs more
// height than the window was given when it had none (a window does not grow by itself).
void fit_height(QWidget* window);
// `edit` with a Browse… button that asks for a .mrt or .pcapng file to save to.
QWidget* record_path_row(QLineEdit* edit, QWidget* parent);

}  // namespace bgplens::live_form
