#include "bgp/attributes/attr_route.h"
#include "bgp/attributes/attribute_table.h"
#include "bgp/body_decoders.h"
#include "bgp/nlri/family_table.h"
#include "bgp/update_state.h"
#include "util/text.h"

namespace bgplens {
namespace {

void flag_leaves(Walk& w, std::uint32_t at, std::uint8_t flags) {
  const std::uint32_t node = w.open(FieldId::AttrFlags, at, 1);
  w.set_value(node, [&] {
    std::string s = text::hex_number(flags, 2);
    std::string names_list;
    auto add = [&](std::uint8_t bit, const char* n) {
      if (flags & bit) names_list += names_list.empty() ? n : std::string(", ") + n;
    };
    add(0x80, "Optional");
    add(0x40, "Transitive");
    add(0x20, "Partial");
    add(0x10, "Extended Length");
    return names_list.empty() ? s : s + " (" + names_list + ")";
  });
  auto bit = [&](FieldId id, std::uint8_t mask) {
    w.leaf(id, at, 1, (flags & mask) ? "1" : "0", mask);
  };
  bit(FieldId::AttrFlagOptional, 0x80);
  bit(FieldId::AttrFlagTransitive, 0x40);
  bit(FieldId::AttrFlagPartial, 0x20);
  bit(FieldId::AttrFlagExtendedLength, 0x10);
  w.leaf(
      FieldId::AttrFlagUnused, at, 1, [&] { return text::bits(flags & 0x0F, 4); }, 0x0F);
  w.close();
}

std::string count_text(std::uint32_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string flag_rule(std::uint8_t required) {
  switch (required) {
    case 0x40:
      return "well-known: Optional must be 0 and Transitive 1";
    case 0xC0:
      return "optional transitive: Optional and Transitive must be 1";
    case 0x80:
      return "optional non-transitive: Optional must be 1 and Transitive 0";
  }
  return "";
}

// RFC 4271 §4.3: Attribute Flags, Type Code, Attribute Length (1 or 2 octets), value.
// Returns how many attributes it found.
std::uint32_t decode_attributes(Walk& w, std::uint32_t begin, std::uint32_t end,
                                UpdateState& state) {
  std::uint32_t p = begin;
  std::uint32_t count = 0;
  while (p < end) {
    const std::uint32_t remaining = end - p;
    const std::uint8_t flags = w.u8(p);
    const bool ext = (flags & 0x10) != 0;
    const std::uint32_t header = ext ? 4 : 3;
    if (remaining < header) {
      // RFC 7606 §4: too few bytes for an attribute header.
      w.error(p, remaining,
              "attribute header needs " + std::to_string(header) + " bytes, " +
                  text::byte_count(remaining) + " left (NOTIFICATION 3/1 Malformed Attribute List)",
              Treatment::TreatAsWithdraw);
      return count;
    }
    const std::uint8_t code = w.u8(p + 1);
    const std::uint32_t length = ext ? w.u16(p + 2) : w.u8(p + 2);
    const std::uint32_t avail = remaining - header;
    const std::uint32_t shown = header + std::min(length, avail);
    // The item covers the bytes that are there: an overrunning length is clipped to the list.
    if (w.detail()) w.out().attributes.push_back(ItemRange{code, p, shown});

    ++count;
    const std::string_view name = names::path_attribute(code);
    const std::uint32_t node = w.open(FieldId::Attr, p, shown);
    w.set_value(node, [&] { return names::with_number(name, code); });
    flag_leaves(w, p, flags);
    w.leaf(FieldId::AttrType, p + 1, 1, [&] { return names::with_number(name, code); });
    w.leaf_uint(FieldId::AttrLength, p + 2, header - 2, length);
    if (length > avail) {
      // RFC 7606 §4: the attribute overruns the attribute list.
      w.error(p + header, avail,
              "attribute length " + std::to_string(length) + " exceeds " + bytes_left(avail) +
                  " (NOTIFICATION 3/1 Malformed Attribute List)",
              Treatment::TreatAsWithdraw);
      w.close();
      return count;
    }
    const AttributeView a{flags, code, p, p + header, length, node};
    const AttributeSpec* spec = find_attribute(code);
    if (state.seen.test(code)) {
      if (code == 14 || code == 15) {
        w.error(p, header + length,
                std::string(name) + " appears more than once (RFC 7606 §3.g: session reset)",
                Treatment::SessionReset);
      } else {
        w.warning(p, header + length,
                  std::string(name.empty() ? "attribute" : name) +
                      " appears more than once (RFC 7606 §3.g: all but the first are discarded)",
                  Treatment::AttributeDiscard);
      }
    }
    state.seen.set(code);
    if (spec && (flags & 0xC0) != spec->required_flags) {
      w.error(p, 1,
              "flags " + text::hex_number(flags, 2) + " do not match " + std::string(name) +
                  ", which is " + flag_rule(spec->required_flags) +
                  " (NOTIFICATION 3/4 Attribute Flags Error)",
              spec->on_error);
    }
    if (spec) {
      spec->decode(w, a, state);
    } else {
      if (length > 0) {
        w.leaf(FieldId::AttrValue, p + header, length,
               [&] { return text::hex_spaced(w.slice(p + header, length), 48); });
      }
      attr_summary(w, a, text::byte_count(length));
      if ((flags & 0x80) == 0) {
        // RFC 4271 §6.3: an unrecognised attribute that claims to be well-known.
        w.error(p, header + length,
                "unrecognized well-known attribute " + std::to_string(code) +
                    " (NOTIFICATION 3/2 Unrecognized Well-known Attribute)",
                Treatment::SessionReset);
      }
    }
    w.close();
    p += header + length;
  }
  return count;
}

void add_context_nodes(Walk& w, const UpdateState& state) {
  FieldTreeBuilder* tree = w.tree();
  const std::uint32_t group = w.context_node();
  if (tree == nullptr || group == 0) return;
  const PeerContext& ctx = w.context();
  std::string as4 = state.as4 ? "4-byte AS numbers" : "2-byte AS numbers";
  as4 += " — ";
  as4 += state.as4_from == Provenance::Heuristic ? "assumed (heuristic): " + state.as4_reason
                                                 : ctx.source_text(state.as4_from);
  tree->leaf_under(group, FieldId::ContextAs4, 0, 0, as4,
                   state.as4_from == Provenance::Heuristic ? Severity::Note : Severity::None);
  if (ctx.add_path_from == Provenance::Heuristic) {
    if (state.add_path_notes.empty()) {
      tree->leaf_under(
          group, FieldId::ContextAddPath, 0, 0,
          "no family of this UPDATE needed a guess; " + ctx.source_text(Provenance::Heuristic),
          Severity::None);
    }
    for (const auto& note : state.add_path_notes) {
      tree->leaf_under(group, FieldId::ContextAddPath, 0, 0,
                       names::family_short(note.family) +
                           (note.present ? " rx: path identifiers" : " rx: no path identifiers") +
                           " — assumed (heuristic): " + note.reason,
                       Severity::Note);
    }
  } else {
    std::string families;
    for (const Family& f : ctx.add_path)
      families += (families.empty() ? "" : ", ") + names::family_short(f);
    tree->leaf_under(group, FieldId::ContextAddPath, 0, 0,
                     (families.empty() ? std::string("none") : families + " rx") + " — " +
                         ctx.source_text(ctx.add_path_from),
                     Severity::None);
  }
  tree->leaf_under(
      group, FieldId::ContextExtendedMessage, 0, 0,
      std::string(ctx.extended_message ? "up to 65535 bytes" : "up to 4096 bytes") + " — " +
          ctx.source_text(ctx.extended_message_from),
      ctx.extended_message_from == Provenance::Heuristic ? Severity::Note : Severity::None);
  // RFC 8277 §2.1: labels per labeled route; RFC 8950 §4: IPv6 next hops for IPv4 NLRI.
  std::string labels;
  for (const MultipleLabelsOffer& m : ctx.multiple_labels)
    labels += (labels.empty() ? "" : ", ") + names::family_short(m.family) + " up to " +
              std::to_string(m.count);
  tree->leaf_under(group, FieldId::ContextMultipleLabels, 0, 0,
                   (labels.empty() ? std::string("one label per route") : labels) + " — " +
                       ctx.source_text(ctx.multiple_labels_from),
                   Severity::None);
  std::string next_hops;
  for (const ExtendedNextHopOffer& e : ctx.extended_next_hop)
    next_hops += (next_hops.empty() ? "" : ", ") + names::family_short(e.nlri) + " with " +
                 std::string(names::afi(e.next_hop_afi)) + " next hops";
  tree->leaf_under(group, FieldId::ContextExtendedNextHop, 0, 0,
                   (next_hops.empty() ? std::string("none") : next_hops) + " — " +
                       ctx.source_text(ctx.extended_next_hop_from),
                   Severity::None);
  tree->set_value(group,
                  std::string(state.as4 ? "AS4" : "AS2") +
                      (ctx.add_path.empty() && state.add_path_notes.empty() ? "" : ", ADD-PATH") +
                      (ctx.extended_message ? ", extended messages" : "") + " — " +
                      std::string(provenance_name(ctx.as4_from)));
}

}  // namespace

// RFC 4271 §4.3: Withdrawn Routes Length, Withdrawn Routes, Total Path Attribute Length, Path
// Attributes, NLRI.
void decode_update(Walk& w, std::uint32_t end) {
  UpdateState state;
  const PeerContext& ctx = w.context();
  state.as4 = ctx.as4;
  state.as4_from = ctx.as4_from;

  const std::uint16_t withdrawn_len = w.u16(19);
  w.leaf_uint(FieldId::UpdateWithdrawnLength, 19, 2, withdrawn_len);
  if (withdrawn_len > end - 23) {
    // RFC 7606 §5.3 / RFC 4271 §6.3: the fields cannot be located any more.
    w.error(19, 2,
            "withdrawn routes length " + std::to_string(withdrawn_len) + " exceeds " +
                bytes_left(end - 23) +
                " before the attribute length (NOTIFICATION 3/1 Malformed Attribute List)",
            Treatment::SessionReset);
    report_trailing(w, 21, end, "withdrawn routes length");
    add_context_nodes(w, state);
    return;
  }
  if (withdrawn_len > 0) {
    const std::uint32_t node = w.open(FieldId::UpdateWithdrawn, 21, withdrawn_len);
    const std::uint32_t before = w.out().update.withdrawn;
    decode_nlri_block(
        w,
        NlriBlock{kIpv4Unicast, NlriAction::Withdraw, 21, withdrawn_len, Treatment::SessionReset},
        state);
    w.set_value(node, [&] { return count_text(w.out().update.withdrawn - before, "route"); });
    w.close();
  }
  const std::uint32_t alen_at = 21u + withdrawn_len;
  std::uint32_t attrs_len = w.u16(alen_at);
  w.leaf_uint(FieldId::UpdateAttrsLength, alen_at, 2, attrs_len);
  const std::uint32_t attrs = alen_at + 2;
  if (attrs_len > end - attrs) {
    w.error(alen_at, 2,
            "total path attribute length " + std::to_string(attrs_len) + " exceeds " +
                bytes_left(end - attrs) + " (NOTIFICATION 3/1 Malformed Attribute List)",
            Treatment::SessionReset);
    attrs_len = end - attrs;
  }
  if (ctx.as4_from == Provenance::Heuristic)
    decide_as4_by_heuristic(w, attrs, attrs + attrs_len, state);
  if (attrs_len > 0) {
    const std::uint32_t node = w.open(FieldId::UpdateAttrs, attrs, attrs_len);
    const std::uint32_t count = decode_attributes(w, attrs, attrs + attrs_len, state);
    finish_route_attributes(w, attrs, attrs + attrs_len, state);
    w.set_value(node, [&] { return count_text(count, "attribute"); });
    w.close();
  }
  const std::uint32_t nlri = attrs + attrs_len;
  if (nlri < end) {
    const std::uint32_t before = w.out().update.announced;
    const std::uint32_t node = w.open(FieldId::UpdateNlri, nlri, end - nlri);
    decode_nlri_block(
        w, NlriBlock{kIpv4Unicast, NlriAction::Announce, nlri, end - nlri, Treatment::SessionReset},
        state);
    w.set_value(node, [&] { return count_text(w.out().update.announced - before, "route"); });
    w.close();
    state.ipv4_nlri = w.out().update.announced > before;
  }

  // RFC 4724 §2: End-of-RIB is an UPDATE with nothing in it (IPv4 unicast) or with only an
  // empty MP_UNREACH_NLRI (any other family).
  UpdateCounts& counts = w.out().update;
  // (Tested before anything is counted: bitset::count() is a library popcount call without
  // -mpopcnt, once per UPDATE.)
  const bool only_empty_unreach = state.seen.test(15) && state.mp_unreach_routes == 0 &&
                                  state.seen.count() == 1 &&
                                  attrs_len == 6 + (w.u8(attrs) & 0x10 ? 1u : 0u);
  // A message the capture cut short may have had more in it: it is no End-of-RIB.
  const bool complete = end == w.out().declared_length;
  if (complete && (end == 23 || (withdrawn_len == 0 && nlri == end && only_empty_unreach))) {
    counts.end_of_rib = true;
    if (end == 23) counts.add_family(kIpv4Unicast);
    w.leaf(FieldId::UpdateEndOfRib, 19, end - 19, [&] {
      return "End-of-RIB for " +
             names::family(counts.family_count ? counts.families[0] : kIpv4Unicast);
    });
  }

  // RFC 4271 §6.3 and RFC 7606 §3.d: routes need ORIGIN and AS_PATH, and IPv4 NLRI in the
  // UPDATE body a NEXT_HOP.
  if (state.ipv4_nlri || state.mp_reach_nlri) {
    auto require = [&](std::uint8_t code) {
      // RFC 8205 §3: in a BGPsec UPDATE, BGPsec_PATH (33) takes the place of AS_PATH.
      if (!state.seen.test(code) && !(code == 2 && state.seen.test(33))) {
        w.error(attrs, attrs_len,
                "missing well-known attribute " + std::string(names::path_attribute(code)) +
                    " (NOTIFICATION 3/3 Missing Well-known Attribute)",
                Treatment::TreatAsWithdraw);
      }
    };
    require(1);
    require(2);
    if (state.ipv4_nlri) require(3);
  }
  add_context_nodes(w, state);
}

// The attribute walk on its own, for the attribute a 3/x NOTIFICATION quotes.
std::uint32_t decode_path_attributes(Walk& w, std::uint32_t begin, std::uint32_t end,
                                     UpdateState& state) {
  return decode_attributes(w, begin, end, state);
}

}  // namespace bgplens
