// The body of one BGP-LS NLRI (RFC 9552 §5.2): Route Distinguisher (SAFI 72), Protocol-ID,
// Identifier, and the descriptor TLVs of its NLRI Type, composed into the NLRI's text.
#include "bgp/nlri/bgpls_nlri_body.h"

#include "bgp/common/route_distinguisher.h"
#include "bgp/names/names.h"
#include "bgp/nlri/bgpls_descriptors.h"

namespace bgplens::bgpls {
namespace {

// The descriptors' texts, gathered while walking and composed at the end.
struct Parts {
  std::string local, remote, link_ids, if4, nb4, if6, nb6, mt, route_type, prefix, sid, other;
};

void gather(Parts& parts, const Tlv16& t, const std::string& value, std::uint8_t route_type) {
  switch (t.type) {
    case 256:
      parts.local = value;
      return;
    case 257:
      parts.remote = value;
      return;
    case 258:
      parts.link_ids = value;
      return;
    case 259:
      parts.if4 = value;
      return;
    case 260:
      parts.nb4 = value;
      return;
    case 261:
      parts.if6 = value;
      return;
    case 262:
      parts.nb6 = value;
      return;
    case 263:
      parts.mt = value;
      return;
    case 264: {
      const std::string_view name = ospf_route_type_name(route_type);
      parts.route_type =
          name.empty() ? "route-type " + std::to_string(route_type) : "ospf " + std::string(name);
      return;
    }
    case 265:
      parts.prefix = value;
      return;
    case 518:
      parts.sid = value;
      return;
  }
  parts.other += " tlv " + std::to_string(t.type);
}

std::string compose(std::uint16_t type, std::uint8_t protocol, std::uint64_t identifier,
                    const Parts& p) {
  const std::string_view word = nlri_type_word(type);
  std::string t = word.empty() ? "type " + std::to_string(type) : std::string(word);
  const std::string_view proto = protocol_word(protocol);
  if (proto.empty()) {
    t.append(" protocol ").append(std::to_string(protocol));
  } else {
    t.append(" ").append(proto);
  }
  t += " id " + std::to_string(identifier);
  if (!p.local.empty()) t += (type == 2 ? " local " : " ") + p.local;
  if (!p.remote.empty()) t += " remote " + p.remote;
  if (!p.link_ids.empty()) t += " ids " + p.link_ids;
  if (!p.if4.empty() || !p.nb4.empty()) t += " ipv4 " + p.if4 + "→" + p.nb4;
  if (!p.if6.empty() || !p.nb6.empty()) t += " ipv6 " + p.if6 + "→" + p.nb6;
  if (!p.prefix.empty()) t += " " + p.prefix;
  if (!p.route_type.empty()) t += " " + p.route_type;
  if (!p.sid.empty()) t += " sid " + p.sid;
  if (!p.mt.empty()) t += " mt " + p.mt;
  return t + p.other;
}

}  // namespace

std::string decode_nlri_body(Walk& w, std::uint16_t type, std::uint32_t begin, std::uint32_t end,
                             bool vpn, bool want_text, bool& malformed) {
  Scope s{w};
  s.nlri_type = type;
  s.want_text = want_text;
  std::uint32_t p = begin;
  std::string rd;
  // RFC 9552 §5.2 (Figure 5): the VPN NLRI puts the RD after the Total NLRI Length.
  if (vpn) {
    if (end - p < 8) {
      s.error(p, end - p,
              "a BGP-LS VPN NLRI needs an 8-octet Route Distinguisher, " +
                  text::byte_count(end - p) + " left (RFC 9552 §5.2)");
      malformed = true;
      return want_text ? "RD ?" : "";
    }
    // rd_node formats its text; the fast path calls it only for the warning an unknown RD
    // type gets, so that every depth records the same problems.
    if (want_text || load_be16(w.at(p)) > 2) rd = rd_node(w, p);
    p += 8;
  }
  const std::string rd_prefix = want_text && vpn ? "RD " + rd + " " : "";
  if (type < 1 || type > 6) {
    // RFC 9552 §5.2 (and RFC 7606 §5.4): an NLRI of a type the receiver does not know is
    // skipped by its length, not an error.
    if (w.has_tree())
      w.note(begin - 4, 2,
             "NLRI type " + std::to_string(type) +
                 " is not one RFC 9552 or RFC 9514 defines; receivers skip it by its length");
    raw_bytes(s, p, end - p);
    return want_text
               ? rd_prefix + "type " + std::to_string(type) + " (" + text::byte_count(end - p) + ")"
               : "";
  }
  if (end - p < 9) {
    s.error(p, end - p,
            "the Protocol-ID and Identifier need 9 octets, " + text::byte_count(end - p) +
                " left (RFC 9552 §5.2)");
    malformed = true;
    return want_text ? rd_prefix + std::string(nlri_type_word(type)) : "";
  }
  const std::uint8_t protocol = w.u8(p);
  s.protocol = protocol;
  w.leaf(FieldId::LsProtocolId, p, 1,
         [&] { return names::with_number(protocol_name(protocol), protocol); });
  const std::uint64_t identifier = load_be64(w.at(p + 1));
  w.leaf_uint(FieldId::LsIdentifier, p + 1, 8, identifier);
  p += 9;

  Parts parts;
  std::uint16_t previous = 0;
  bool has_local = false;
  walk_tlvs(s, p, end, [&](const Tlv16& t) {
    // RFC 9552 §5.1: the TLVs of an NLRI are in ascending order of type; a violation makes the
    // NLRI malformed (§8.2.2).
    if (t.type < previous) {
      s.error(t.offset, 2,
              tlv_label(t.type) + " follows " + tlv_label(previous) +
                  ": the TLVs of an NLRI must be in ascending order of type (RFC 9552 §5.1)");
    }
    previous = t.type;
    has_local = has_local || t.type == 256;
    const ValueDecoder decode = descriptor_decoder(t.type);
    std::string value = decode ? decode(s, t) : raw_value(s, t);
    if (want_text) gather(parts, t, value, t.length == 1 ? w.u8(t.value_offset()) : 0);
    return value;
  });
  if (!has_local && !s.malformed) {
    // RFC 9552 §5.2: every NLRI Type carries the Local Node Descriptors; their absence is a
    // semantic error, which §8.2.2 says must not make the NLRI malformed.
    w.note(begin - 4, end - begin + 4,
           "no Local Node Descriptors TLV (256), which RFC 9552 §5.2 requires; a semantic "
           "error, not a malformed NLRI (§8.2.2)");
  }
  malformed = s.malformed;
  return want_text ? rd_prefix + compose(type, protocol, identifier, parts) : "";
}

}  // namespace bgplens::bgpls
