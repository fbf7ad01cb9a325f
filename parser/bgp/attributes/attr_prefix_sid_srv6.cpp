// SRv6 L3 and L2 Service TLVs of the BGP Prefix-SID attribute (RFC 9252 §2-§3):
//   Service TLV value:        Reserved (1) | SRv6 Service Sub-TLVs
//   Service Sub-TLV:          Type (1) | Length (2) | value
//   SID Information (type 1): Reserved1 (1) | SRv6 SID (16) | SID Flags (1) |
//                             Endpoint Behavior (2) | Reserved2 (1) | Service Data Sub-Sub-TLVs
//   Sub-Sub-TLV:              Type (1) | Length (2) | value
//   SID Structure (type 1):   LBL | LNL | FL | AL | Transposition Length | Offset (1 each)
// RFC 9252 §7: a Service TLV is malformed when its length is inconsistent with the attribute's,
// or one of its sub-TLVs (or their sub-sub-TLVs) has a length inconsistent with its container;
// the UPDATE is then treat-as-withdraw. Values that are merely invalid (a SID structure that
// does not add up) make the SID unusable, not the attribute malformed: they are warnings.
#include "bgp/attributes/attr_prefix_sid.h"

#include "util/text.h"

namespace bgplens::srv6 {
namespace {

constexpr std::string_view kMalformed =
    " (RFC 9252 §7: malformed SRv6 Service TLV, NOTIFICATION 3/9 Optional Attribute Error)";

std::string_view sub_tlv_name(std::uint8_t type) {
  return type == 1 ? "SRv6 SID Information" : std::string_view();  // IANA, RFC 9252 §8.2
}
std::string_view sub_sub_tlv_name(std::uint8_t type) {
  return type == 1 ? "SRv6 SID Structure" : std::string_view();  // IANA, RFC 9252 §8.3
}

void raw_value(Walk& w, std::uint32_t at, std::uint32_t length) {
  if (length > 0) {
    w.leaf(FieldId::Srv6SubTlvValue, at, length,
           [&] { return text::hex_spaced(w.slice(at, length), 48); });
  }
}

// RFC 9252 §3.2.1: LBL, LNL, FL, AL, Transposition Length, Transposition Offset.
std::string decode_structure(Walk& w, std::uint32_t v) {
  const unsigned sum = unsigned{w.u8(v)} + w.u8(v + 1) + w.u8(v + 2) + w.u8(v + 3);
  const unsigned tl = w.u8(v + 4);
  const unsigned to = w.u8(v + 5);
  std::string text = structure_leaves(w, v);
  w.leaf_uint(FieldId::Srv6TranspositionLength, v + 4, 1, tl);
  w.leaf_uint(FieldId::Srv6TranspositionOffset, v + 5, 1, to);
  // RFC 9252 §3.2.1 (with verified erratum 7817): the four lengths add up to at most 128 bits
  // and to at least offset + length of the transposed bits; with no transposition the offset is
  // 0. A SID that breaks them is invalid, the attribute is not malformed.
  if (sum > 128) {
    w.warning(v, 4,
              "SID structure lengths add up to " + std::to_string(sum) +
                  " bits, more than 128 (RFC 9252 §3.2.1: the SID is invalid)");
  } else if (to + tl > sum) {
    w.warning(v + 4, 2,
              "transposed bits " + std::to_string(to) + "-" + std::to_string(to + tl - 1) +
                  " lie beyond the " + std::to_string(sum) +
                  " bits of the SID structure (RFC 9252 §3.2.1, erratum 7817: the SID is invalid)");
  }
  if (tl == 0 && to != 0) {
    w.warning(v + 5, 1,
              "transposition offset " + std::to_string(to) +
                  " without transposed bits; it must be 0 (RFC 9252 §3.2.1)");
  }
  if (!w.has_tree()) return {};
  text = "structure " + text;
  if (tl > 0) {
    // RFC 9252 §4: these bits of the SID travel in the MPLS label field of the NLRI.
    text += ", transposition " + std::to_string(tl) + " bits at offset " + std::to_string(to) +
            " (SID bits " + std::to_string(to) + "-" + std::to_string(to + tl - 1) +
            " are in the NLRI label)";
  }
  return text;
}

// A Type (1) | Length (2) | value walk over [begin, end), each element a `group` node, that
// stops at the first malformed element. `decode(type, value, length, ok)` adds the value's
// nodes, returns its text and clears `ok` when the value is malformed. Returns false when
// anything was malformed (the enclosing Service TLV is then malformed too, RFC 9252 §7).
template <class Decode>
bool walk_tlvs(Walk& w, std::uint32_t begin, std::uint32_t end, FieldId group, FieldId type_id,
               FieldId length_id, std::string_view (*name)(std::uint8_t), std::string_view what,
               std::string_view container, Decode&& decode) {
  std::uint32_t p = begin;
  while (p < end) {
    const std::uint32_t left = end - p;
    if (left < 3) {
      w.error(p, left,
              std::string(what) + " header needs 3 bytes, " + text::byte_count(left) +
                  " left in the " + std::string(container) + std::string(kMalformed),
              Treatment::TreatAsWithdraw);
      return false;
    }
    const std::uint8_t type = w.u8(p);
    const std::uint32_t length = w.u16(p + 1);
    const std::uint32_t node = w.open(group, p, 3 + std::min(length, left - 3));
    w.leaf(type_id, p, 1, [&] { return names::with_number(name(type), type); });
    w.leaf_uint(length_id, p + 1, 2, length);
    if (length > left - 3) {
      w.error(p + 1, 2,
              std::string(what) + " length " + std::to_string(length) + " exceeds " +
                  bytes_left(left - 3) + " in the " + std::string(container) +
                  std::string(kMalformed),
              Treatment::TreatAsWithdraw);
      w.set_value(node, [&] { return names::with_number(name(type), type) + ": malformed"; });
      w.close();
      return false;
    }
    bool ok = true;
    const std::string text = decode(type, p + 3, length, ok);
    w.set_value(node, [&] { return names::with_number(name(type), type) + ": " + text; });
    w.close();
    if (!ok) return false;
    p += 3 + length;
  }
  return true;
}

// RFC 9252 §3.1: the SRv6 SID Information Sub-TLV, its value at `v`.
std::string decode_sid_information(Walk& w, std::uint32_t v, std::uint32_t length, bool& ok) {
  if (length < 21) {
    w.error(v - 2, 2,
            "SRv6 SID Information Sub-TLV length " + std::to_string(length) +
                " is less than its 21 fixed octets" + std::string(kMalformed),
            Treatment::TreatAsWithdraw);
    raw_value(w, v, length);
    ok = false;
    return "malformed";
  }
  const std::uint16_t behavior = w.u16(v + 18);
  w.leaf(FieldId::PrefixSidReserved, v, 1, [&] { return text::hex(w.slice(v, 1)); });
  w.leaf(FieldId::Srv6Sid, v + 1, 16, [&] { return text::ipv6(w.at(v + 1)); });
  w.leaf(FieldId::Srv6SidFlags, v + 17, 1, [&] { return text::hex_number(w.u8(v + 17), 2); });
  w.leaf(FieldId::Srv6EndpointBehavior, v + 18, 2,
         [&] { return endpoint_behavior_text(behavior); });
  w.leaf(FieldId::PrefixSidReserved, v + 20, 1, [&] { return text::hex(w.slice(v + 20, 1)); });
  std::string structure;
  ok = walk_tlvs(
      w, v + 21, v + length, FieldId::Srv6SubSubTlv, FieldId::Srv6SubSubTlvType,
      FieldId::Srv6SubSubTlvLength, sub_sub_tlv_name, "SRv6 Service Data Sub-Sub-TLV",
      "SRv6 SID Information Sub-TLV",
      [&](std::uint8_t type, std::uint32_t at, std::uint32_t len, bool& fine) -> std::string {
        if (type != 1) {
          raw_value(w, at, len);
          return w.has_tree() ? text::byte_count(len) : std::string();
        }
        if (len != 6) {
          // RFC 9252 §3.2.1 fixes the SID Structure at 6 octets.
          w.error(at - 2, 2,
                  "SRv6 SID Structure Sub-Sub-TLV length " + std::to_string(len) + " is not 6" +
                      std::string(kMalformed),
                  Treatment::TreatAsWithdraw);
          raw_value(w, at, len);
          fine = false;
          return "malformed";
        }
        std::string s = decode_structure(w, at);
        if (structure.empty()) structure = s;
        return s;
      });
  if (!w.has_tree()) return {};
  std::string text = "SID " + text::ipv6(w.at(v + 1)) + " " + endpoint_behavior_text(behavior);
  if (w.u8(v + 17) != 0) text += " flags " + text::hex_number(w.u8(v + 17), 2);
  if (!structure.empty()) text += ", " + structure;
  if (!ok) text += ", malformed";
  return text;
}

}  // namespace

// IANA "SRv6 Endpoint Behaviors" (RFC 8986 §10.2, RFC 9800 for the NEXT-CSID flavors). The
// uN/uA/uDT names are the usual short names of the compressed-SID behaviors.
std::string_view endpoint_behavior_name(std::uint16_t behavior) {
  static constexpr std::string_view kNames[] = {
      "Reserved",                              // 0
      "End",                                   // 1
      "End with PSP",                          // 2
      "End with USP",                          // 3
      "End with PSP & USP",                    // 4
      "End.X",                                 // 5
      "End.X with PSP",                        // 6
      "End.X with USP",                        // 7
      "End.X with PSP & USP",                  // 8
      "End.T",                                 // 9
      "End.T with PSP",                        // 10
      "End.T with USP",                        // 11
      "End.T with PSP & USP",                  // 12
      "",                                      // 13
      "End.B6.Encaps",                         // 14
      "End.BM",                                // 15
      "End.DX6",                               // 16
      "End.DX4",                               // 17
      "End.DT6",                               // 18
      "End.DT4",                               // 19
      "End.DT46",                              // 20
      "End.DX2",                               // 21
      "End.DX2V",                              // 22
      "End.DT2U",                              // 23
      "End.DT2M",                              // 24
      "",                                      // 25
      "",                                      // 26
      "End.B6.Encaps.Red",                     // 27
      "End with USD",                          // 28
      "End with PSP & USD",                    // 29
      "End with USP & USD",                    // 30
      "End with PSP, USP & USD",               // 31
      "End.X with USD",                        // 32
      "End.X with PSP & USD",                  // 33
      "End.X with USP & USD",                  // 34
      "End.X with PSP, USP & USD",             // 35
      "End.T with USD",                        // 36
      "End.T with PSP & USD",                  // 37
      "End.T with USP & USD",                  // 38
      "End.T with PSP, USP & USD",             // 39
      "",                                      // 40
      "",                                      // 41
      "End with NEXT-ONLY-CSID",               // 42
      "End with NEXT-CSID (uN)",               // 43
      "End with NEXT-CSID & PSP",              // 44
      "End with NEXT-CSID & USP",              // 45
      "End with NEXT-CSID, PSP & USP",         // 46
      "End with NEXT-CSID & USD",              // 47
      "End with NEXT-CSID, PSP & USD",         // 48
      "End with NEXT-CSID, USP & USD",         // 49
      "End with NEXT-CSID, PSP, USP & USD",    // 50
      "End.X with NEXT-ONLY-CSID",             // 51
      "End.X with NEXT-CSID (uA)",             // 52
      "End.X with NEXT-CSID & PSP",            // 53
      "End.X with NEXT-CSID & USP",            // 54
      "End.X with NEXT-CSID, PSP & USP",       // 55
      "End.X with NEXT-CSID & USD",            // 56
      "End.X with NEXT-CSID, PSP & USD",       // 57
      "End.X with NEXT-CSID, USP & USD",       // 58
      "End.X with NEXT-CSID, PSP, USP & USD",  // 59
      "End.DX6 with NEXT-CSID",                // 60
      "End.DX4 with NEXT-CSID",                // 61
      "End.DT6 with NEXT-CSID (uDT6)",         // 62
      "End.DT4 with NEXT-CSID (uDT4)",         // 63
      "End.DT46 with NEXT-CSID (uDT46)",       // 64
      "End.DX2 with NEXT-CSID",                // 65
      "End.DX2V with NEXT-CSID",               // 66
      "End.DT2U with NEXT-CSID",               // 67
      "End.DT2M with NEXT-CSID",               // 68
  };
  if (behavior == 0xFFFF) return "Opaque";
  if (behavior < std::size(kNames)) return kNames[behavior];
  return {};
}

std::string endpoint_behavior_text(std::uint16_t behavior) {
  const std::string_view name = endpoint_behavior_name(behavior);
  const std::string number = text::hex_number(behavior, 4);
  return name.empty() ? number : std::string(name) + " (" + number + ")";
}

std::string structure_leaves(Walk& w, std::uint32_t at) {
  w.leaf_uint(FieldId::Srv6LocatorBlockLength, at, 1, w.u8(at));
  w.leaf_uint(FieldId::Srv6LocatorNodeLength, at + 1, 1, w.u8(at + 1));
  w.leaf_uint(FieldId::Srv6FunctionLength, at + 2, 1, w.u8(at + 2));
  w.leaf_uint(FieldId::Srv6ArgumentLength, at + 3, 1, w.u8(at + 3));
  if (!w.has_tree()) return {};
  return std::to_string(w.u8(at)) + "/" + std::to_string(w.u8(at + 1)) + "/" +
         std::to_string(w.u8(at + 2)) + "/" + std::to_string(w.u8(at + 3));
}

std::string decode_service_tlv(Walk& w, std::uint32_t v, std::uint32_t length) {
  if (length < 1) {
    // RFC 9252 §7: a Service TLV needs at least its Reserved octet.
    w.error(
        v - 2, 2,
        "SRv6 Service TLV length 0 has no room for its Reserved octet" + std::string(kMalformed),
        Treatment::TreatAsWithdraw);
    return "malformed";
  }
  w.leaf(FieldId::PrefixSidReserved, v, 1, [&] { return text::hex(w.slice(v, 1)); });
  std::string summary;
  const bool ok = walk_tlvs(
      w, v + 1, v + length, FieldId::Srv6SubTlv, FieldId::Srv6SubTlvType, FieldId::Srv6SubTlvLength,
      sub_tlv_name, "SRv6 Service Sub-TLV", "SRv6 Service TLV",
      [&](std::uint8_t type, std::uint32_t at, std::uint32_t len, bool& fine) -> std::string {
        std::string text;
        if (type == 1) {
          text = decode_sid_information(w, at, len, fine);
        } else {
          raw_value(w, at, len);
          if (w.has_tree()) text = text::byte_count(len);
        }
        if (w.has_tree() && type == 1 && fine) summary += summary.empty() ? text : "; " + text;
        return text;
      });
  if (!w.has_tree()) return {};
  if (summary.empty()) summary = "no SID";
  if (!ok) summary += " (malformed)";
  return summary;
}

}  // namespace bgplens::srv6
