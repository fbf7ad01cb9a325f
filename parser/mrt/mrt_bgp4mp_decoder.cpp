// BGP4MP and BGP4MP_ET records (RFC 6396 §4.4, RFC 8050 §3) and the deprecated BGP, BGP4PLUS
// and BGP4PLUS_01 types (RFC 6396 Appendix B.2.1).
#include <algorithm>

#include "bgp/body_decoders.h"
#include "bgp/message_decoder.h"
#include "bgp/message_summary.h"
#include "bgp/names/names.h"
#include "mrt/mrt_decoder_parts.h"
#include "mrt/mrt_format.h"
#include "mrt/mrt_layout.h"
#include "util/text.h"

namespace bgplens::mrt_parts {
namespace {

// RFC 4271 §8.2.2 numbers the states 1–6; Quagga writes 7 (Clearing) and 8 (Deleted).
std::string state_text(std::uint16_t s) {
  static constexpr std::string_view kNames[] = {"",
                                                "Idle",
                                                "Connect",
                                                "Active",
                                                "OpenSent",
                                                "OpenConfirm",
                                                "Established",
                                                "Clearing (Quagga)",
                                                "Deleted (Quagga)"};
  return names::with_number(s < std::size(kNames) ? kNames[s] : std::string_view(), s);
}

// Where the results of a decode that starts now will begin, to shift their offsets after it.
struct Marks {
  std::size_t problems, capabilities, attributes, nlri;
  explicit Marks(const DecodedMessage& d)
      : problems(d.problems.size()),
        capabilities(d.capabilities.size()),
        attributes(d.attributes.size()),
        nlri(d.nlri.size()) {}
};

void shift_since(DecodedMessage& d, const Marks& m, std::uint32_t delta) {
  for (std::size_t i = m.problems; i < d.problems.size(); ++i)
    d.problems[i].offset += delta;
  for (std::size_t i = m.capabilities; i < d.capabilities.size(); ++i)
    d.capabilities[i].offset += delta;
  for (std::size_t i = m.attributes; i < d.attributes.size(); ++i)
    d.attributes[i].offset += delta;
  for (std::size_t i = m.nlri; i < d.nlri.size(); ++i) {
    d.nlri[i].offset += delta;
    d.nlri[i].prefix_offset += delta;
  }
}

// Decodes, into the row's result, a BGP message whose first byte is at `base` of the record
// (for a message without a header, 19 bytes before its body), with `decode` given a walk
// over [base, end) of the record: offsets of nodes and items come out as record offsets.
template <class Decode>
void nested(Walk& w, std::uint32_t base, std::uint32_t end, Decode&& decode) {
  const Marks marks(w.out());
  Walk inner(w.slice(base, end - base), w.context(), w.depth(), w.out(), w.tree());
  std::uint32_t previous = 0;
  if (w.tree()) previous = w.tree()->set_base(base);
  decode(inner);
  if (w.tree()) w.tree()->set_base(previous);
  shift_since(w.out(), marks, base);
}

std::string update_line(const DecodedMessage& d) {
  std::string s = message_summary(d);
  for (const NlriEntry& n : d.nlri) {
    if (n.plain_prefix && !n.text.empty()) {
      s += text::cat("  ", n.text, d.nlri.size() > 1 ? " …" : "");
      break;
    }
  }
  return s;
}

void state_change(Walk& w, std::uint32_t at, const std::string& who) {
  const std::uint16_t old_state = w.u16(at);
  const std::uint16_t new_state = w.u16(at + 2);
  w.leaf(FieldId::MrtBgp4mpOldState, at, 2, [&] { return state_text(old_state); });
  w.leaf(FieldId::MrtBgp4mpNewState, at + 2, 2, [&] { return state_text(new_state); });
  w.out().row_summary =
      text::cat("STATE_CHANGE ", who, ": ", state_text(old_state), " → ", state_text(new_state));
}

}  // namespace

void decode_bgp4mp(Walk& w, const RecordSpan& r) {
  const std::uint16_t s = r.header.subtype;
  const bool as4 = mrt::bgp4mp_as4(s);
  const std::uint32_t as = as4 ? 4 : 2;
  std::uint32_t at = r.body;
  const std::uint32_t body_length = r.end - r.body;
  if (s == mrt::bgp4mp::kEntry || s == mrt::bgp4mp::kSnapshot ||
      s > mrt::bgp4mp::kMessageAs4LocalAddPath) {
    if (at < r.end) w.leaf(FieldId::MrtBody, at, r.end - at, text::byte_count(r.end - at));
    w.note(
        r.body, body_length,
        text::cat("BGP4MP subtype ", std::to_string(s), " (", mrt::subtype_name(r.header.type, s),
                  ") comes from the MRT drafts before RFC 6396, which does not define it; its "
                  "bytes are shown undecoded"));
    w.out().row_summary = text::cat("BGP4MP ", mrt::subtype_name(r.header.type, s), " (",
                                    text::byte_count(body_length), ", not decoded)");
    return;
  }
  const bool state = mrt::bgp4mp_is_state_change(s);
  const bool zebra_short = mrt::bgp4mp_zebra_short(w.slice(at, body_length), s);
  if (!need(w, r, at, 2 * as, "the peer and local AS numbers")) return;
  const std::uint32_t peer_as = as4 ? w.u32(at) : w.u16(at);
  w.leaf_uint(FieldId::MrtBgp4mpPeerAs, at, as, peer_as);
  w.leaf_uint(FieldId::MrtBgp4mpLocalAs, at + as, as, as4 ? w.u32(at + as) : w.u16(at + as));
  at += 2 * as;
  std::string peer = "AS " + std::to_string(peer_as);
  if (zebra_short) {
    w.warning(r.body, 4,
              "no interface index, address family or addresses after the AS numbers: the short "
              "form old Zebra versions wrote (RFC 6396 §4.4 has them)");
  } else {
    if (!need(w, r, at, 4, "the interface index and address family")) return;
    w.leaf_uint(FieldId::MrtBgp4mpInterface, at, 2, w.u16(at));
    const std::uint16_t afi = w.u16(at + 2);
    w.leaf(FieldId::MrtBgp4mpAfi, at + 2, 2,
           [&] { return names::with_number(names::afi(afi), afi); });
    at += 4;
    if (afi != 1 && afi != 2) {
      w.error(at - 2, 2,
              "address family " + std::to_string(afi) +
                  " is neither IPv4 (1) nor IPv6 (2): the addresses and what follows cannot be "
                  "located");
      w.out().row_summary = "BGP4MP with an unknown address family";
      return;
    }
    const std::uint32_t a = afi == 1 ? 4 : 16;
    if (!need(w, r, at, 2 * a, "the peer and local addresses")) return;
    peer = address_leaf(w, FieldId::MrtBgp4mpPeerAddress, at, a, true) + " " + peer;
    address_leaf(w, FieldId::MrtBgp4mpLocalAddress, at + a, a);
    at += 2 * a;
  }
  if (state) {
    if (need(w, r, at, 4, "the old and new states")) {
      state_change(w, at, peer);
      if (at + 4 < r.end) report_trailing(w, at + 4, r.end, "the new state");
    }
    return;
  }
  if (at >= r.end) {
    w.error(at, 0, "the record ends before its BGP message");
    w.out().row_summary = "BGP4MP MESSAGE without a message";
    return;
  }
  const std::uint32_t node = w.open(FieldId::MrtBgpMessage, at, r.end - at);
  nested(w, at, r.end, [](Walk& inner) { decode_message_walk(inner); });
  w.set_value(node, [&] { return std::string(names::message_type(w.out().type)); });
  w.close();
  const std::uint32_t message_end = at + std::max<std::uint32_t>(w.out().declared_length, 19);
  if (w.out().declared_length >= 19 && message_end < r.end) {
    report_trailing(w, message_end, r.end, "the BGP message");
  }
  w.out().row_summary = update_line(w.out());
}

void decode_old_bgp(Walk& w, const RecordSpan& r) {
  const std::uint16_t s = r.header.subtype;
  const std::uint32_t a = r.header.type == mrt::type::kBgp ? 4 : 16;
  std::uint32_t at = r.body;
  if (!need(w, r, at, 2 + a, "the peer AS and address")) return;
  const bool state = s == mrt::bgp_old::kStateChange;
  const std::uint32_t header = state ? 2 + a : 2 * (2 + a);
  const std::uint32_t node = w.open(FieldId::MrtOldBgpHeader, at, std::min(header, r.end - at));
  const std::uint16_t peer_as = w.u16(at);
  w.leaf_uint(FieldId::MrtBgp4mpPeerAs, at, 2, peer_as);
  const std::string peer = address_leaf(w, FieldId::MrtBgp4mpPeerAddress, at + 2, a, true) +
                           " AS " + std::to_string(peer_as);
  at += 2 + a;
  if (!state && need(w, r, at, 2 + a, "the local AS and address")) {
    w.leaf_uint(FieldId::MrtBgp4mpLocalAs, at, 2, w.u16(at));
    address_leaf(w, FieldId::MrtBgp4mpLocalAddress, at + 2, a);
    at += 2 + a;
  }
  w.set_value(node, peer);
  w.close();
  if (state) {
    if (need(w, r, at, 4, "the old and new states")) state_change(w, at, peer);
    return;
  }
  // The body follows without the 19-octet BGP header; the subtype gives the type.
  std::uint8_t type = 0;
  void (*decode)(Walk&, std::uint32_t) = nullptr;
  switch (s) {
    case mrt::bgp_old::kUpdate:
      type = msg_type::kUpdate;
      decode = decode_update;
      break;
    case mrt::bgp_old::kOpen:
      type = msg_type::kOpen;
      decode = decode_open;
      break;
    case mrt::bgp_old::kNotify:
      type = msg_type::kNotification;
      decode = decode_notification;
      break;
    case mrt::bgp_old::kKeepalive:
      type = msg_type::kKeepalive;
      break;
    default:
      break;
  }
  w.out().type = type;
  if (decode && at <= r.end && at >= kHeaderLength) {
    const std::uint32_t body_node = w.open(FieldId::MrtOldBgpBody, at, r.end - at);
    const std::uint32_t base = at - static_cast<std::uint32_t>(kHeaderLength);
    nested(w, base, r.end,
           [&](Walk& inner) { decode(inner, static_cast<std::uint32_t>(inner.bytes().size())); });
    w.out().type = type;
    w.set_value(body_node, std::string(names::message_type(type)));
    w.close();
  } else if (at < r.end) {
    w.leaf(FieldId::MrtBody, at, r.end - at, text::byte_count(r.end - at));
  }
  w.out().row_summary = type == msg_type::kUpdate
                            ? update_line(w.out())
                            : text::cat(mrt::subtype_name(r.header.type, s).empty()
                                            ? "subtype " + std::to_string(s)
                                            : std::string(mrt::subtype_name(r.header.type, s)),
                                        " ", peer);
}

}  // namespace bgplens::mrt_parts
