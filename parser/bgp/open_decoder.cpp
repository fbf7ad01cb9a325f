#include "bgp/body_decoders.h"
#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"
#include "util/text.h"

namespace bgplens {
namespace {

// RFC 5492 §4: a Capabilities parameter holds a list of code/length/value triples.
void decode_capabilities(Walk& w, std::uint32_t begin, std::uint32_t end, OpenValues& open) {
  std::uint32_t p = begin;
  while (p < end) {
    if (end - p < 2) {
      w.error(p, end - p,
              "capability header needs 2 bytes, " + text::byte_count(end - p) + " left");
      return;
    }
    const std::uint8_t code = w.u8(p);
    const std::uint8_t length = w.u8(p + 1);
    const std::uint32_t avail = end - p - 2;
    const std::uint32_t shown = length <= avail ? 2u + length : 2u + avail;
    if (w.detail()) w.out().capabilities.push_back(ItemRange{code, p, shown});
    w.out().open->capabilities_seen.push_back(code);
    const std::uint32_t node = w.open(FieldId::Capability, p, shown);
    const std::string_view name = names::capability(code);
    w.set_value(node, [&] { return names::with_number(name, code); });
    w.leaf(FieldId::CapCode, p, 1, [&] { return names::with_number(name, code); });
    w.leaf_uint(FieldId::CapLength, p + 1, 1, length);
    if (length > avail) {
      w.error(p + 2, avail,
              "capability length " + std::to_string(length) + " exceeds " + bytes_left(avail) +
                  " in the parameter (NOTIFICATION 2/0)",
              Treatment::SessionReset);
      w.close();
      return;
    }
    const CapabilityView cap{code, p, p + 2, length, node};
    if (const CapabilitySpec* spec = find_capability(code)) {
      spec->decode(w, cap, open);
    } else if (length > 0) {
      w.leaf(FieldId::CapValue, p + 2, length,
             [&] { return text::hex_spaced(w.slice(p + 2, length), 48); });
    }
    w.close();
    p += 2u + length;
  }
}

// RFC 4271 §4.2 and RFC 9072 §2: optional parameters with 1- or 2-octet lengths.
void decode_parameters(Walk& w, std::uint32_t begin, std::uint32_t end, bool extended,
                       OpenValues& open) {
  const std::uint32_t header = extended ? 3 : 2;
  std::uint32_t p = begin;
  while (p < end) {
    if (end - p < header) {
      w.error(p, end - p,
              "optional parameter header needs " + std::to_string(header) + " bytes, " +
                  text::byte_count(end - p) + " left" + " (NOTIFICATION 2/0)",
              Treatment::SessionReset);
      return;
    }
    const std::uint8_t type = w.u8(p);
    const std::uint32_t length = extended ? w.u16(p + 1) : w.u8(p + 1);
    const std::uint32_t avail = end - p - header;
    const std::uint32_t node =
        w.open(FieldId::OpenOptParam, p, header + (length <= avail ? length : avail));
    w.set_value(node, [&] { return names::with_number(names::optional_parameter(type), type); });
    w.leaf(FieldId::OpenOptParamType, p, 1,
           [&] { return names::with_number(names::optional_parameter(type), type); });
    w.leaf_uint(FieldId::OpenOptParamLength, p + 1, header - 1, length);
    if (length > avail) {
      w.error(p + header, avail,
              "parameter length " + std::to_string(length) + " exceeds " + bytes_left(avail) +
                  " of the optional parameters (NOTIFICATION 2/0)",
              Treatment::SessionReset);
      w.close();
      return;
    }
    if (type == 2) {
      decode_capabilities(w, p + header, p + header + length, open);
    } else {
      if (length > 0) {
        w.leaf(FieldId::OpenOptParamValue, p + header, length,
               [&] { return text::hex_spaced(w.slice(p + header, length), 48); });
      }
      w.warning(
          p, 1,
          "optional parameter type " + std::to_string(type) +
              " is not supported (RFC 5492: NOTIFICATION 2/4 Unsupported Optional Parameter)");
    }
    w.close();
    p += header + length;
  }
}

}  // namespace

// RFC 4271 §4.2: Version, My AS, Hold Time, BGP Identifier, Opt Parm Len, Optional Parameters.
void decode_open(Walk& w, std::uint32_t end) {
  OpenValues& open = w.out().open.emplace();
  open.version = w.u8(19);
  open.my_as = w.u16(20);
  open.hold_time = w.u16(22);
  open.bgp_id = w.u32(24);
  const std::uint8_t opt_len = w.u8(28);

  w.leaf_uint(FieldId::OpenVersion, 19, 1, open.version);
  if (open.version != 4) {
    w.error(19, 1,
            "version " + std::to_string(open.version) +
                " is not 4 (NOTIFICATION 2/1 Unsupported Version Number)");
  }
  w.leaf(FieldId::OpenMyAs, 20, 2, [&] { return text::asn(open.my_as); });
  if (open.my_as == 0) w.error(20, 2, "My AS is 0 (RFC 7607: NOTIFICATION 2/2 Bad Peer AS)");
  w.leaf(FieldId::OpenHoldTime, 22, 2, [&] { return std::to_string(open.hold_time) + " s"; });
  if (open.hold_time == 1 || open.hold_time == 2) {
    w.error(22, 2,
            "hold time " + std::to_string(open.hold_time) +
                " s is neither 0 nor at least 3 (RFC 4271 §6.2: NOTIFICATION 2/6 Unacceptable Hold "
                "Time)");
  }
  w.leaf(FieldId::OpenBgpId, 24, 4, [&] { return text::ipv4(w.at(24)); });
  if (open.bgp_id == 0) {
    w.error(24, 4, "BGP Identifier 0.0.0.0 (RFC 6286 §2.2: NOTIFICATION 2/3 Bad BGP Identifier)");
  }
  w.leaf_uint(FieldId::OpenOptParamsLength, 28, 1, opt_len);

  // RFC 9072 §2: Opt Parm Len 255 followed by a Non-Extended Type of 255 switches to 2-octet
  // lengths; the real total then follows in 2 octets.
  std::uint32_t params = 29;
  std::uint32_t params_len = opt_len;
  bool extended = false;
  if (opt_len == 255 && end >= 32 && w.u8(29) == 255) {
    extended = true;
    w.leaf_uint(FieldId::OpenExtMarker, 29, 1, 255);
    params_len = w.u16(30);
    w.leaf_uint(FieldId::OpenExtParamsLength, 30, 2, params_len);
    params = 32;
  }
  if (params_len > end - params) {
    w.error(28, params - 28,
            "optional parameters length " + std::to_string(params_len) + " exceeds " +
                bytes_left(end - params) + " in the message (NOTIFICATION 2/0)",
            Treatment::SessionReset);
    params_len = end - params;
  }
  decode_parameters(w, params, params + params_len, extended, open);
  report_trailing(w, params + params_len, end, "optional parameters");
}

}  // namespace bgplens
