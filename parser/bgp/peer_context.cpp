#include "bgp/peer_context.h"

#include <algorithm>

namespace bgplens {

std::string family_numbers(Family f) {
  return std::to_string(f.afi) + "/" + std::to_string(f.safi);
}

void UpdateCounts::add_family(Family f) {
  for (std::uint8_t i = 0; i < family_count; ++i) {
    if (families[i] == f) return;
  }
  if (family_count < families.size()) families[family_count++] = f;
}

std::string_view provenance_name(Provenance p) {
  switch (p) {
    case Provenance::Negotiated:
      return "negotiated";
    case Provenance::OneOpen:
      return "assumed from one OPEN";
    case Provenance::Heuristic:
      return "assumed (heuristic)";
    case Provenance::Override:
      return "set by user";
    case Provenance::BmpPeerHeader:
      return "from the BMP per-peer header";
    case Provenance::MrtRecord:
      return "from the MRT record type";
  }
  return "?";
}

bool PeerContext::has_add_path(Family f) const {
  return add_path_all || std::find(add_path.begin(), add_path.end(), f) != add_path.end();
}

std::uint8_t PeerContext::labels_for(Family f) const {
  for (const MultipleLabelsOffer& m : multiple_labels) {
    if (m.family == f) return m.count;
  }
  return 1;
}

bool PeerContext::has_extended_next_hop(Family f, std::uint16_t next_hop_afi) const {
  return std::any_of(
      extended_next_hop.begin(), extended_next_hop.end(),
      [&](const ExtendedNextHopOffer& e) { return e.nlri == f && e.next_hop_afi == next_hop_afi; });
}

PeerContext apply_override(PeerContext c, const ContextOverride& o) {
  if (o.as4) {
    c.as4 = *o.as4;
    c.as4_from = Provenance::Override;
  }
  if (o.add_path) {
    c.add_path = *o.add_path;
    c.add_path_from = Provenance::Override;
  }
  if (o.extended_message) {
    c.extended_message = *o.extended_message;
    c.extended_message_from = Provenance::Override;
  }
  if (o.extended_next_hop) {
    c.extended_next_hop = *o.extended_next_hop;
    c.extended_next_hop_from = Provenance::Override;
  }
  return c;
}

std::string PeerContext::source_text(Provenance p) const {
  // Built by append: GCC 12 warns falsely (-Wrestrict, PR 105329) on "literal" + string here.
  auto num = [](std::optional<std::uint64_t> n) {
    return std::string("#").append(std::to_string(n.value_or(0)));
  };
  switch (p) {
    case Provenance::Negotiated:
      return "negotiated, OPENs " + num(open_sent) + " and " + num(open_received);
    case Provenance::OneOpen:
      return "from OPEN " + num(open_sent ? open_sent : open_received) +
             ", which lacks the capability (the other OPEN is not in the capture)";
    case Provenance::Heuristic:
      if (one_open()) {
        return "assumed (heuristic): only OPEN " + num(open_sent ? open_sent : open_received) +
               " of this session is in the capture";
      }
      return "assumed (heuristic): no OPEN of this session in the capture";
    case Provenance::Override:
      return "set by user";
    case Provenance::BmpPeerHeader:
      // Only the AS number size comes from there.
      return as4 ? "BMP per-peer header: A flag clear, 4-octet AS_PATH (RFC 7854 §4.2)"
                 : "BMP per-peer header: A flag set, 2-octet AS_PATH (RFC 7854 §4.2)";
    case Provenance::MrtRecord:
      return "the MRT record type says so (RFC 6396 §4, RFC 8050 §3)";
  }
  return {};
}

PeerContext negotiate(const OpenValues* sender, std::optional<std::uint64_t> sender_msg,
                      const OpenValues* receiver, std::optional<std::uint64_t> receiver_msg) {
  PeerContext ctx;
  if (sender) ctx.open_sent = sender_msg;
  if (receiver) ctx.open_received = receiver_msg;
  if (!sender && !receiver) return ctx;  // decided per message from the bytes

  if (sender && receiver) {
    // RFC 6793 §3: 4-octet AS numbers only when both speakers advertise the capability.
    ctx.as4 = sender->as4.has_value() && receiver->as4.has_value();
    ctx.as4_from = Provenance::Negotiated;
    // RFC 7911 §4: path identifiers flow from A to B for a family when A may send (2 or 3)
    // and B may receive (1 or 3).
    for (const AddPathOffer& offer : sender->add_path) {
      if ((offer.send_receive & 2) == 0) continue;
      const bool peer_receives = std::any_of(
          receiver->add_path.begin(), receiver->add_path.end(), [&](const AddPathOffer& o) {
            return o.family == offer.family && (o.send_receive & 1) != 0;
          });
      if (peer_receives && !ctx.has_add_path(offer.family)) ctx.add_path.push_back(offer.family);
    }
    ctx.add_path_from = Provenance::Negotiated;
    // RFC 8654 §3: larger messages only when both advertised Extended Message.
    ctx.extended_message = sender->extended_message && receiver->extended_message;
    ctx.extended_message_from = Provenance::Negotiated;
    // RFC 8277 §2.1: the sender may use as many labels as the receiver said it accepts, and
    // only if the sender advertised the capability for the family too.
    for (const MultipleLabelsOffer& r : receiver->multiple_labels) {
      const bool sender_has =
          std::any_of(sender->multiple_labels.begin(), sender->multiple_labels.end(),
                      [&](const MultipleLabelsOffer& m) { return m.family == r.family; });
      if (sender_has) ctx.multiple_labels.push_back(r);
    }
    ctx.multiple_labels_from = Provenance::Negotiated;
    // RFC 8950 §4: an IPv6 next hop for IPv4 NLRI is used only if the receiver advertised it;
    // the sender's own advertisement says it can send.
    for (const ExtendedNextHopOffer& r : receiver->extended_next_hop) {
      const bool sender_has =
          std::any_of(sender->extended_next_hop.begin(), sender->extended_next_hop.end(),
                      [&](const ExtendedNextHopOffer& e) {
                        return e.nlri == r.nlri && e.next_hop_afi == r.next_hop_afi;
                      });
      if (sender_has) ctx.extended_next_hop.push_back(r);
    }
    ctx.extended_next_hop_from = Provenance::Negotiated;
    return ctx;
  }

  // One OPEN: it settles a feature only when it lacks it; otherwise the bytes decide.
  const OpenValues& seen = sender ? *sender : *receiver;
  if (!seen.as4) {
    ctx.as4 = false;
    ctx.as4_from = Provenance::OneOpen;
  }
  const std::uint8_t needed = sender ? 2 : 1;  // the seen side must Send (sender) or Receive
  for (const AddPathOffer& offer : seen.add_path) {
    if ((offer.send_receive & needed) != 0 && !ctx.has_add_path(offer.family)) {
      ctx.add_path.push_back(offer.family);
    }
  }
  ctx.add_path_from = ctx.add_path.empty() ? Provenance::OneOpen : Provenance::Heuristic;
  ctx.extended_message = seen.extended_message;
  ctx.extended_message_from = seen.extended_message ? Provenance::Heuristic : Provenance::OneOpen;
  ctx.multiple_labels = seen.multiple_labels;
  ctx.multiple_labels_from =
      seen.multiple_labels.empty() ? Provenance::OneOpen : Provenance::Heuristic;
  ctx.extended_next_hop = seen.extended_next_hop;
  ctx.extended_next_hop_from =
      seen.extended_next_hop.empty() ? Provenance::OneOpen : Provenance::Heuristic;
  return ctx;
}

}  // namespace bgplens
