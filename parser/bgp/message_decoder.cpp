#include "bgp/message_decoder.h"

#include <algorithm>
#include <optional>

#include "bgp/body_decoders.h"
#include "bgp/message_summary.h"
#include "bgp/names/names.h"
#include "util/text.h"

namespace bgplens {
namespace {

using BodyDecoder = void (*)(Walk&, std::uint32_t);

struct MessageSpec {
  std::uint8_t type;
  BodyDecoder decode;
  std::uint32_t min_length;  // RFC 4271 §4 and RFC 2918 §3
};

// Dispatch by table: one row per message type.
constexpr MessageSpec kMessages[] = {
    {msg_type::kOpen, decode_open, 29},
    {msg_type::kUpdate, decode_update, 23},
    {msg_type::kNotification, decode_notification, 21},
    {msg_type::kKeepalive, decode_keepalive, 19},
    {msg_type::kRouteRefresh, decode_route_refresh, 23},
};

const MessageSpec* find_spec(std::uint8_t type) {
  for (const MessageSpec& s : kMessages) {
    if (s.type == type) return &s;
  }
  return nullptr;
}

void decode_partial_header(Walk& w) {
  const auto avail = static_cast<std::uint32_t>(w.bytes().size());
  const std::uint32_t node = w.open(FieldId::Message, 0, avail);
  w.set_value(node, "incomplete header");
  if (avail > 0) {
    w.leaf(FieldId::Marker, 0, std::min<std::uint32_t>(avail, 16),
           [&] { return text::hex(w.slice(0, std::min<std::uint32_t>(avail, 16))); });
  }
  w.error(0, avail,
          "capture ends after " + std::to_string(avail) +
              " of the 19 header bytes (capture truncated)");
  w.close();
}

void decode_header_and_body_impl(Walk& w) {
  DecodedMessage& out = w.out();
  const auto avail = static_cast<std::uint32_t>(w.bytes().size());
  if (avail < kHeaderLength) {
    decode_partial_header(w);
    return;
  }
  const std::uint16_t length = w.u16(16);
  const std::uint8_t type = w.u8(18);
  out.type = type;
  out.declared_length = length;

  // The message extent: its declared length, cut to what the capture holds. A length under
  // the header size cannot be trusted at all: only the header is taken.
  std::uint32_t end = std::clamp<std::uint32_t>(length, kHeaderLength, avail);

  const std::string_view type_name = names::message_type(type);
  if (type == msg_type::kUpdate && w.has_tree()) {
    // First in the tree: what the UPDATE's layout was decoded with, and why.
    w.set_context_node(w.open(FieldId::Context, 0, 0));
    w.close();
  }
  const std::uint32_t message_node = w.open(FieldId::Message, 0, end);
  w.set_value(message_node, [&] {
    return type_name.empty() ? "unknown type " + std::to_string(type) : std::string(type_name);
  });

  w.leaf(FieldId::Marker, 0, 16, [&] { return text::hex(w.slice(0, 16)); });
  if (!is_marker(w.at(0))) {
    w.error(0, 16,
            "marker is not 16 bytes of 0xFF (RFC 4271 §6.1: NOTIFICATION 1/1 Connection Not "
            "Synchronized)",
            Treatment::SessionReset);
  }
  w.leaf_uint(FieldId::Length, 16, 2, length);
  w.leaf(FieldId::Type, 18, 1, [&] { return names::with_number(type_name, type); });

  const MessageSpec* spec = find_spec(type);
  if (length < kHeaderLength) {
    w.error(
        16, 2,
        "length " + std::to_string(length) +
            " is below the 19-byte minimum (RFC 4271 §6.1: NOTIFICATION 1/2 Bad Message Length)",
        Treatment::SessionReset);
  } else if (length > avail) {
    w.error(avail, 0,
            "capture truncated: the message declares " + text::byte_count(length) +
                ", the capture holds " + std::to_string(avail));
  }
  if (length > kMaxMessageLength && !w.context().extended_message) {
    if (w.context().extended_message_from == Provenance::Heuristic) {
      w.warning(16, 2,
                "length " + std::to_string(length) +
                    " exceeds 4096: valid only if both OPENs advertised Extended Message "
                    "(RFC 8654), and they are not in the capture");
    } else {
      w.error(16, 2,
              "length " + std::to_string(length) +
                  " exceeds 4096 and Extended Message (RFC 8654) was not negotiated "
                  "(NOTIFICATION 1/2 Bad Message Length)",
              Treatment::SessionReset);
    }
  }

  if (spec == nullptr) {
    w.error(18, 1,
            "unknown message type " + std::to_string(type) +
                " (RFC 4271 §6.1: NOTIFICATION 1/3 Bad Message Type)",
            Treatment::SessionReset);
    report_trailing(w, kHeaderLength, end, "header of an unknown message type");
  } else if (length < spec->min_length) {
    // A length under 19 was reported above; either way there is no body to decode.
    if (length >= kHeaderLength) {
      w.error(16, 2,
              "length " + std::to_string(length) + " is below the " +
                  std::to_string(spec->min_length) + "-byte minimum of " + std::string(type_name) +
                  " (NOTIFICATION 1/2 Bad Message Length)",
              Treatment::SessionReset);
    }
    report_trailing(w, kHeaderLength, end, "header");
  } else if (end < spec->min_length) {
    // The capture ends inside the fixed part of the body (reported above as truncated): the
    // body decoders read that part unchecked, so there is nothing to decode.
  } else {
    spec->decode(w, end);
  }
  // The message node reads like its row in the list.
  if (w.has_tree() && type_name.size() > 0) w.set_value(message_node, message_summary(out));
  w.close();
}

}  // namespace

bool is_marker(const std::uint8_t* p) {
  for (int i = 0; i < 16; ++i) {
    if (p[i] != 0xFF) return false;
  }
  return true;
}

bool plausible_header(Bytes bytes) {
  if (bytes.size() < kHeaderLength || !is_marker(bytes.data())) return false;
  const std::uint16_t length = load_be16(bytes.data() + 16);
  const std::uint8_t type = bytes[18];
  return length >= kHeaderLength && type >= 1 && type <= 5;
}

std::string_view treatment_name(Treatment t) {
  switch (t) {
    case Treatment::None:
      return "";
    case Treatment::AttributeDiscard:
      return "attribute discard";
    case Treatment::TreatAsWithdraw:
      return "treat-as-withdraw";
    case Treatment::AfiSafiDisable:
      return "AFI/SAFI disable";
    case Treatment::SessionReset:
      return "session reset";
  }
  return "";
}

Severity DecodedMessage::worst() const {
  Severity s = Severity::None;
  for (const DecodeProblem& p : problems)
    s = std::max(s, p.severity);
  return s;
}

void report_trailing(Walk& w, std::uint32_t offset, std::uint32_t end, const char* after) {
  if (offset >= end) return;
  w.leaf(FieldId::TrailingBytes, offset, end - offset,
         [&] { return text::hex_spaced(w.slice(offset, end - offset), 32); });
  w.error(offset, end - offset,
          text::byte_count(end - offset) + " after the " + after +
              " that the message does not account for");
}

void decode_message_walk(Walk& w) {
  decode_header_and_body_impl(w);
}

DecodedMessage decode_message(Bytes message, const PeerContext& context, Depth depth) {
  DecodedMessage out;
  decode_message(message, context, depth, out);
  return out;
}

void decode_message(Bytes message, const PeerContext& context, Depth depth, DecodedMessage& out) {
  out.clear();
  out.available_length = static_cast<std::uint32_t>(message.size());
  std::optional<FieldTreeBuilder> builder;
  if (depth == Depth::Tree) builder.emplace(static_cast<std::uint32_t>(message.size()));
  Walk w(message, context, depth, out, builder ? &*builder : nullptr);
  decode_header_and_body_impl(w);
  if (builder) out.tree = builder->finish();
}

void DecodedMessage::clear() {
  type = 0;
  declared_length = 0;
  available_length = 0;
  update = UpdateCounts{};
  open.reset();
  notification.reset();
  refresh_family.reset();
  capabilities.clear();
  attributes.clear();
  nlri.clear();
  problems.clear();
  if (tree.size() > 0) tree = FieldTree{};
  row_summary.clear();
  nested.clear();
}

}  // namespace bgplens
