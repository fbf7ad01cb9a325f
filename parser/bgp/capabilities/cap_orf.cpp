#include <algorithm>

#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"
#include "util/text.h"

namespace bgplens {
namespace {

std::string_view orf_send_receive_name(std::uint8_t v) {
  switch (v) {
    case 1:
      return "receive";
    case 2:
      return "send";
    case 3:
      return "send and receive";
  }
  return {};
}

// One ORF Type / Send-Receive pair (RFC 5291 §5). Returns its summary text (tree only).
std::string decode_orf_pair(Walk& w, std::uint32_t p) {
  const std::uint8_t type = w.u8(p);
  const std::uint8_t mode = w.u8(p + 1);
  const std::uint32_t node = w.open(FieldId::CapOrfEntry, p, 2);
  w.leaf(FieldId::CapOrfType, p, 1, [&] { return names::with_number(orf_type_name(type), type); });
  w.leaf(FieldId::CapOrfSendReceive, p + 1, 1,
         [&] { return names::with_number(orf_send_receive_name(mode), mode); });
  if (orf_send_receive_name(mode).empty()) {
    w.error(p + 1, 1,
            "ORF Send/Receive value " + std::to_string(mode) +
                " is not 1 (receive), 2 (send) or 3 (both) (RFC 5291 §5)");
  }
  std::string text;
  if (w.has_tree()) {
    const std::string_view type_name = orf_type_name(type);
    const std::string_view mode_name = orf_send_receive_name(mode);
    text = (type_name.empty() ? "type " + std::to_string(type) : std::string(type_name)) + " " +
           (mode_name.empty() ? std::to_string(mode) + " (invalid)" : std::string(mode_name));
    w.set_value(node, text);
  }
  w.close();
  return text;
}

}  // namespace

std::string_view orf_type_name(std::uint8_t type) {
  switch (type) {
    case 64:
      return "Address Prefix ORF";  // RFC 5292 §2
    case 65:
      return "CP-ORF";  // RFC 7543 §2
    case 128:
      return "Address Prefix ORF (Cisco, pre-standard)";
  }
  return {};
}

// RFC 5291 §5: per family AFI (2), Reserved (1), SAFI (1), Number of ORFs (1), then that many
// ORF Type (1) / Send-Receive (1) pairs; families repeat until the value ends. Cisco's
// pre-standard code 130 uses the same layout (seen in packetlife's ORF negotiation capture).
void decode_cap_orf(Walk& w, const CapabilityView& cap, OpenValues& /*open*/) {
  if (cap.value_length == 0) {
    cap_length_error(w, cap, "at least 5 (one address family)");
    return;
  }
  const std::uint32_t end = cap.value_offset + cap.value_length;
  std::string summary;
  std::uint32_t p = cap.value_offset;
  while (p < end) {
    if (end - p < 5) {
      w.error(p, end - p,
              "ORF address family needs 5 bytes (AFI, Reserved, SAFI, Number of ORFs), " +
                  bytes_left(end - p) +
                  " (RFC 5291 §5: NOTIFICATION 2/0 or ignore the capability)");
      break;
    }
    const std::uint8_t count = w.u8(p + 4);
    const std::uint32_t wanted = 5u + 2u * count;
    const std::uint32_t node = w.open(FieldId::CapOrfFamily, p, std::min(wanted, end - p));
    const Family f = afi_safi_leaves(w, p, p + 3, FieldId::CapAfi, FieldId::CapSafi);
    w.leaf_uint(FieldId::CapOrfReserved, p + 2, 1, w.u8(p + 2));
    w.leaf_uint(FieldId::CapOrfCount, p + 4, 1, count);
    std::string pairs;
    std::uint32_t q = p + 5;
    for (unsigned i = 0; i < count && end - q >= 2; ++i, q += 2) {
      const std::string pair = decode_orf_pair(w, q);
      if (w.has_tree()) pairs += (pairs.empty() ? "" : ", ") + pair;
    }
    const bool complete = wanted <= end - p;
    if (!complete) {
      w.error(p + 4, 1,
              "Number of ORFs " + std::to_string(count) + " needs " + text::byte_count(2u * count) +
                  ", " + bytes_left(end - p - 5) +
                  " (RFC 5291 §5: NOTIFICATION 2/0 or ignore the capability)");
    }
    if (w.has_tree()) {
      const std::string text =
          names::family_short(f) + ": " + (pairs.empty() ? std::string("no ORF types") : pairs);
      w.set_value(node, text);
      summary += (summary.empty() ? "" : "; ") + text;
    }
    w.close();
    if (!complete) break;
    p += wanted;
  }
  w.set_value(cap.node, [&] { return std::string(names::capability(cap.code)) + ": " + summary; });
}

}  // namespace bgplens
