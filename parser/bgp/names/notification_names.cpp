#include "bgp/names/names.h"

namespace bgplens::names {

// IANA "BGP Error (Notification) Codes" and the subcode registries: RFC 4271 §4.5, RFC 4486,
// RFC 6608 (FSM), RFC 7313 (ROUTE-REFRESH), RFC 8538 (Hard Reset), RFC 9234 (Role Mismatch),
// RFC 9384 (BFD Down), RFC 9687 (Send Hold Timer Expired).
std::string_view notification_code(std::uint8_t code) {
  switch (code) {
    case 1:
      return "Message Header Error";
    case 2:
      return "OPEN Message Error";
    case 3:
      return "UPDATE Message Error";
    case 4:
      return "Hold Timer Expired";
    case 5:
      return "Finite State Machine Error";
    case 6:
      return "Cease";
    case 7:
      return "ROUTE-REFRESH Message Error";
    case 8:
      return "Send Hold Timer Expired";
  }
  return {};
}

std::string_view notification_subcode(std::uint8_t code, std::uint8_t subcode) {
  if (subcode == 0) return "Unspecific";
  switch (code) {
    case 1:
      switch (subcode) {
        case 1:
          return "Connection Not Synchronized";
        case 2:
          return "Bad Message Length";
        case 3:
          return "Bad Message Type";
      }
      break;
    case 2:
      switch (subcode) {
        case 1:
          return "Unsupported Version Number";
        case 2:
          return "Bad Peer AS";
        case 3:
          return "Bad BGP Identifier";
        case 4:
          return "Unsupported Optional Parameter";
        case 5:
          return "Authentication Failure (deprecated)";
        case 6:
          return "Unacceptable Hold Time";
        case 7:
          return "Unsupported Capability";
        case 8:
          return "Deprecated (8)";
        case 9:
          return "Deprecated (9)";
        case 10:
          return "Deprecated (10)";
        case 11:
          return "Role Mismatch";
      }
      break;
    case 3:
      switch (subcode) {
        case 1:
          return "Malformed Attribute List";
        case 2:
          return "Unrecognized Well-known Attribute";
        case 3:
          return "Missing Well-known Attribute";
        case 4:
          return "Attribute Flags Error";
        case 5:
          return "Attribute Length Error";
        case 6:
          return "Invalid ORIGIN Attribute";
        case 7:
          return "AS Routing Loop (deprecated)";
        case 8:
          return "Invalid NEXT_HOP Attribute";
        case 9:
          return "Optional Attribute Error";
        case 10:
          return "Invalid Network Field";
        case 11:
          return "Malformed AS_PATH";
      }
      break;
    case 5:
      switch (subcode) {
        case 1:
          return "Receive Unexpected Message in OpenSent State";
        case 2:
          return "Receive Unexpected Message in OpenConfirm State";
        case 3:
          return "Receive Unexpected Message in Established State";
      }
      break;
    case 6:
      switch (subcode) {
        case 1:
          return "Maximum Number of Prefixes Reached";
        case 2:
          return "Administrative Shutdown";
        case 3:
          return "Peer De-configured";
        case 4:
          return "Administrative Reset";
        case 5:
          return "Connection Rejected";
        case 6:
          return "Other Configuration Change";
        case 7:
          return "Connection Collision Resolution";
        case 8:
          return "Out of Resources";
        case 9:
          return "Hard Reset";
        case 10:
          return "BFD Down";
      }
      break;
    case 7:
      switch (subcode) {
        case 1:
          return "Invalid Message Length";
      }
      break;
  }
  return {};
}

}  // namespace bgplens::names
