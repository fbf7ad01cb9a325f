// The route reader and the fields several EVPN route types share (RFC 7432 §7).
#include "bgp/common/route_distinguisher.h"
#include "bgp/nlri/evpn_route.h"
#include "bgp/nlri/nlri_common.h"
#include "util/text.h"

namespace bgplens::evpn {

RouteReader::RouteReader(Walk& w, std::uint8_t type, std::uint32_t length_offset, std::uint32_t end,
                         Treatment on_error, unsigned depth, bool* label_noted)
    : w_(w),
      type_(type),
      length_offset_(length_offset),
      pos_(length_offset + 1),
      end_(end),
      on_error_(on_error),
      depth_(depth),
      label_noted_(label_noted),
      want_text_(nlri::wants_text(w)) {
  if (want_text_) text_ = text::cat("[", std::to_string(type), "]");
}

std::string_view RouteReader::name() const {
  return route_type_name(type_);
}

std::string_view RouteReader::rfc() const {
  return route_type_rfc(type_);
}

void RouteReader::add_text(std::string_view key, std::string_view value) {
  if (!want_text_) return;
  if (!key.empty()) {
    text_ += ' ';
    text_ += key;
  }
  text_ += ' ';
  text_ += value;
}

bool RouteReader::need(std::uint32_t n, std::string_view what) {
  if (failed_) return false;
  if (left() >= n) return true;
  fail(std::string(name()) + " route: the " + std::string(what) + " needs " + text::byte_count(n) +
       ", " + text::byte_count(left()) + " left of the route's " + std::to_string(body_length()) +
       " (" + std::string(rfc()) + ")");
  return false;
}

void RouteReader::fail(std::string message) {
  if (failed_) return;
  failed_ = true;
  if (want_text_) text_ += " (malformed)";
  // Over what cannot be read; when nothing is left, over the length octet that ended it.
  const bool rest = left() > 0;
  w_.error(
      rest ? pos_ : length_offset_, rest ? left() : 1,
      std::move(message) + (depth_ == 0 ? ". The route length octet still frames the next route."
                                        : ". The key's length octet still frames the rest of the "
                                          "Leaf A-D route."),
      on_error_);
}

void RouteReader::invalid(std::uint32_t offset, std::uint32_t length, std::string message) {
  w_.error(offset, length, std::move(message), Treatment::TreatAsWithdraw);
}

void RouteReader::rd() {
  if (!need(8, "Route Distinguisher")) return;
  std::string value;
  // rd_node also reports an RD type no RFC defines, so it runs at every depth for those.
  if (w_.has_tree() || load_be16(w_.at(pos_)) > 2) {
    value = rd_node(w_, pos_);
  } else if (want_text_) {
    value = rd_text(w_.at(pos_));
  }
  add_text("RD", value);
  pos_ += 8;
}

void RouteReader::esi() {
  if (!need(10, "Ethernet Segment Identifier")) return;
  if (w_.has_tree()) esi_node(w_, pos_);
  if (want_text_) add_text("ESI", esi_text(w_.at(pos_)));
  pos_ += 10;
}

void RouteReader::ethernet_tag() {
  if (!need(4, "Ethernet Tag ID")) return;
  const std::uint32_t tag = w_.u32(pos_);
  w_.leaf(FieldId::EvpnEthernetTag, pos_, 4, [&] {
    // RFC 7432 §8.2: per-ES Ethernet A-D routes carry MAX-ET.
    return tag == 0xFFFFFFFF ? std::string("4294967295 (MAX-ET)") : std::to_string(tag);
  });
  if (want_text_) add_text("tag", std::to_string(tag));
  pos_ += 4;
}

// RFC 7432 §7 gives MPLS label fields 3 octets with the label in the high 20 bits; RFC 8365
// §5.1.3 puts a 24-bit VNI in the same octets for VXLAN/NVGRE. The encapsulation is named by
// the Encapsulation extended community (RFC 9012), not by the NLRI, so both readings are shown.
void RouteReader::label(FieldId id, std::string_view key) {
  if (!need(3, id == FieldId::EvpnLabel2 ? "MPLS Label 2" : "MPLS Label 1")) return;
  const std::uint32_t entry = load_be24(w_.at(pos_));
  const auto both = [&] {
    return std::to_string(entry >> 4) + " (VNI " + std::to_string(entry) + ")";
  };
  if (w_.has_tree()) {
    const std::uint32_t node = w_.open(id, pos_, 3);
    w_.set_value(node, both);
    w_.leaf_uint(FieldId::LabelValue, pos_, 3, entry >> 4, 0xFFFFF0);
    w_.leaf_uint(FieldId::LabelTc, pos_, 3, (entry >> 1) & 7, 0x00000E);
    w_.leaf(FieldId::LabelBottom, pos_, 3, (entry & 1) ? "1" : "0", 0x000001);
    w_.leaf_uint(FieldId::EvpnVni, pos_, 3, entry, 0xFFFFFF);
    if (label_noted_ != nullptr && !*label_noted_) {
      *label_noted_ = true;
      w_.note(pos_, 3,
              "label fields read two ways: a 20-bit MPLS label (RFC 7432 §7) or, with VXLAN or "
              "NVGRE encapsulation, a 24-bit VNI (RFC 8365 §5.1.3); the NLRI does not say which "
              "(the Encapsulation extended community does)");
    }
    w_.close();
  }
  if (want_text_) add_text(key, both());
  pos_ += 3;
}

std::uint32_t RouteReader::address(FieldId length_id, FieldId address_id, std::string_view key,
                                   std::string_view what, bool may_be_empty, std::string_view rfc) {
  if (!need(1, std::string(what) + " Length")) return 0;
  const std::uint32_t at = pos_;
  const std::uint32_t bits = w_.u8(at);
  w_.leaf_uint(length_id, at, 1, bits);
  std::uint32_t bytes = 0;
  if (bits == 32) {
    bytes = 4;
  } else if (bits == 128) {
    bytes = 16;
  } else if (bits != 0 || !may_be_empty) {
    fail(std::string(name()) + " route: " + std::string(what) + " length " + std::to_string(bits) +
         " bits; " + std::string(rfc) + " allows " + (may_be_empty ? "0, 32 or 128" : "32 or 128") +
         ", so the fields after it cannot be located");
    return 0;
  }
  pos_ += 1;
  if (bytes == 0 || !need(bytes, what)) return 0;
  std::string value;
  if (want_text_) value = bytes == 4 ? text::ipv4(w_.at(pos_)) : text::ipv6(w_.at(pos_));
  w_.leaf(address_id, pos_, bytes, value);
  add_text(key, value);
  pos_ += bytes;
  return bytes;
}

void RouteReader::finish() {
  if (failed_ || left() == 0) return;
  const std::uint32_t used = pos_ - length_offset_ - 1;
  fail(text::byte_count(left()) + " after the last field of the " + std::string(name()) +
       " route (" + std::string(rfc()) + "): its fields take " + std::to_string(used) +
       " of the route's " + std::to_string(body_length()) + " bytes");
}

std::string colon_hex(Bytes bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 3);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i) out += ':';
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 0xF];
  }
  return out;
}

}  // namespace bgplens::evpn
