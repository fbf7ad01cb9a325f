#include "bgp/names/names.h"

namespace bgplens::names {

std::string with_number(std::string_view name, std::uint64_t number) {
  std::string out(name.empty() ? std::string_view("unassigned") : name);
  out += " (";
  out += std::to_string(number);
  out += ')';
  return out;
}

std::string_view message_type(std::uint8_t type) {
  switch (type) {
    case 1:
      return "OPEN";
    case 2:
      return "UPDATE";
    case 3:
      return "NOTIFICATION";
    case 4:
      return "KEEPALIVE";
    case 5:
      return "ROUTE-REFRESH";  // RFC 2918
  }
  return {};
}

std::string_view optional_parameter(std::uint8_t type) {
  switch (type) {
    case 1:
      return "Authentication (deprecated)";
    case 2:
      return "Capabilities";
    case 255:
      return "Extended Length";
  }
  return {};
}

std::string_view origin(std::uint8_t value) {
  switch (value) {
    case 0:
      return "IGP";
    case 1:
      return "EGP";
    case 2:
      return "INCOMPLETE";
  }
  return {};
}

std::string_view as_path_segment_type(std::uint8_t type) {
  switch (type) {
    case 1:
      return "AS_SET";
    case 2:
      return "AS_SEQUENCE";
    case 3:
      return "AS_CONFED_SEQUENCE";  // RFC 5065
    case 4:
      return "AS_CONFED_SET";
  }
  return {};
}

std::string_view add_path_mode(std::uint8_t send_receive) {
  switch (send_receive) {
    case 1:
      return "Receive";
    case 2:
      return "Send";
    case 3:
      return "Send/Receive";
  }
  return {};
}

std::string_view route_refresh_subtype(std::uint8_t subtype) {
  switch (subtype) {
    case 0:
      return "Normal route refresh request";
    case 1:
      return "Beginning of Route Refresh (BoRR)";
    case 2:
      return "End of Route Refresh (EoRR)";
    case 255:
      return "Reserved";
  }
  return {};
}

}  // namespace bgplens::names
