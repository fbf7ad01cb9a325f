// The BGP-LS Attribute walk (RFC 9552 §5.3) and what its TLV decoders share.
#include "bgp/attributes/bgpls_attribute.h"

#include <algorithm>

#include "bgp/nlri/bgpls_descriptors.h"

namespace bgplens {
namespace bgpls {
namespace {

constexpr std::size_t kSummaryChars = 200;

void append_summary(std::string& summary, std::uint16_t code, const std::string& value) {
  if (summary.size() >= kSummaryChars) {
    if (summary.back() != '.') summary += ", ...";
    return;
  }
  if (!summary.empty()) summary += ", ";
  summary += tlv_short(code);
  if (!value.empty()) summary.append(" ").append(value);
}

// The Protocol-ID of the first BGP-LS NLRI in this UPDATE's MP_REACH_NLRI, wherever that
// attribute sits in the list: IS-IS and OSPF define the SR flags differently (RFC 9085 §2).
// 0 when the UPDATE has none, or the attribute was not found in an UPDATE's attribute list
// (e.g. one quoted by a NOTIFICATION).
std::uint8_t protocol_of_update(Walk& w, const AttributeView& a) {
  const Bytes m = w.bytes();
  if (m.size() < kHeaderLength + 4 || m[18] != msg_type::kUpdate) return 0;
  const std::size_t withdrawn = load_be16(m.data() + 19);
  if (21 + withdrawn + 2 > m.size()) return 0;
  const std::size_t begin = 23 + withdrawn;
  const std::size_t end = std::min(m.size(), begin + load_be16(m.data() + 21 + withdrawn));
  if (a.offset < begin || a.offset >= end) return 0;
  std::size_t p = begin;
  while (p + 3 <= end) {
    const bool ext = (m[p] & 0x10) != 0;
    const std::size_t header = ext ? 4 : 3;
    if (p + header > end) return 0;
    const std::uint8_t code = m[p + 1];
    const std::size_t length = ext ? load_be16(m.data() + p + 2) : m[p + 2];
    const std::size_t v = p + header;
    if (v + length > end) return 0;
    p = v + length;
    if (code != 14 || length < 5) continue;
    const Family f{load_be16(m.data() + v), m[v + 2]};
    if (f.afi != afi::kBgpLs || (f.safi != 71 && f.safi != 72)) continue;
    std::size_t nlri = v + 5 + m[v + 3];
    const std::size_t rd = f.safi == 72 ? 8 : 0;
    if (nlri + 4 > p) continue;
    // A path identifier (RFC 7911) reads as NLRI Type 0, which no RFC defines.
    if (w.context().has_add_path(f) || load_be16(m.data() + nlri) == 0) nlri += 4;
    if (nlri + 4 + rd + 1 > p) continue;
    return m[nlri + 4 + rd];
  }
  return 0;
}

}  // namespace

std::string tlv_short(std::uint16_t code) {
  const TlvInfo* info = tlv_info(code);
  return info ? std::string(info->name) : "TLV " + std::to_string(code);
}

std::string decode_attribute_tlv(Scope& s, const Tlv16& tlv) {
  ValueDecoder decode = node_attribute_decoder(tlv.type);
  if (!decode) decode = link_attribute_decoder(tlv.type);
  if (!decode) decode = sr_attribute_decoder(tlv.type);
  if (!decode) decode = prefix_attribute_decoder(tlv.type);
  if (!decode) decode = srv6_attribute_decoder(tlv.type);
  if (!decode) decode = descriptor_decoder(tlv.type);
  return decode ? decode(s, tlv) : raw_value(s, tlv);
}

std::string decode_sub_tlvs(Scope& s, std::uint32_t begin, std::uint32_t end) {
  if (begin >= end) return "";
  if (s.depth >= kMaxDepth) {
    s.w.note(begin, end - begin, "sub-TLVs nested this deep are not decoded");
    return raw_bytes(s, begin, end - begin);
  }
  ++s.depth;
  std::string summary;
  walk_tlvs(s, begin, end, [&](const Tlv16& t) {
    std::string v = decode_attribute_tlv(s, t);
    if (s.want_text) append_summary(summary, t.type, v);
    return v;
  });
  --s.depth;
  return summary;
}

std::string protocol_flags(Scope& s, std::uint32_t offset, std::span<const FlagBit> isis,
                           std::span<const FlagBit> ospf) {
  if (is_isis(s.protocol)) return flags_node(s, offset, 1, isis);
  if (is_ospf(s.protocol)) return flags_node(s, offset, 1, ospf);
  std::string v = flags_node(s, offset, 1, {});
  s.w.note(offset, 1,
           "these flags mean different things for IS-IS and OSPF, and the Protocol-ID of the "
           "NLRI is not known here");
  return v;
}

std::string sid_leaf(Scope& s, FieldId id, std::uint32_t offset, std::uint32_t length) {
  if (length == 3) {
    // RFC 9085 §2.1.1: a label in the 20 rightmost bits of the 3 octets.
    const std::uint32_t label = load_be24(s.w.at(offset)) & 0x0FFFFF;
    s.w.leaf(
        id, offset, 3, [&] { return "label " + std::to_string(label); }, 0x0FFFFF);
    return s.want_text ? "label " + std::to_string(label) : "";
  }
  const std::uint32_t index = s.w.u32(offset);
  s.w.leaf(id, offset, 4, [&] { return "index " + std::to_string(index); });
  return s.want_text ? "index " + std::to_string(index) : "";
}

}  // namespace bgpls

// RFC 9552 §5.3: the attribute's value is TLVs, nothing else. §8.2.2: a TLV that overruns the
// attribute, a tail too short for a TLV, or a recognised TLV of an invalid length makes it
// malformed, and it is discarded (attribute discard); unknown TLVs are kept, never an error.
void decode_attr_bgpls(Walk& w, const AttributeView& a, UpdateState&) {
  bgpls::Scope s{w};
  s.in_attribute = true;
  s.want_text = w.has_tree();
  s.protocol = bgpls::protocol_of_update(w, a);
  std::string summary;
  std::uint32_t count = 0;
  bgpls::walk_tlvs(s, a.value_offset, a.value_offset + a.value_length, [&](const Tlv16& t) {
    ++count;
    std::string v = bgpls::decode_attribute_tlv(s, t);
    if (s.want_text) bgpls::append_summary(summary, t.type, v);
    return v;
  });
  attr_summary(w, a, [&] {
    if (count == 0) return std::string("no TLVs");
    return summary + (s.malformed ? " (malformed)" : "");
  });
}

}  // namespace bgplens
