// Route attributes beyond the core: ORIGINATOR_ID, CLUSTER_LIST, AIGP, PE distinguisher
// labels, LARGE_COMMUNITY, OTC, D-PATH, SFP, BFD discriminator, BGPsec_PATH, PMSI_TUNNEL,
// ATTR_SET and the deprecated Connector and AS_PATHLIMIT.
#include "bgp/attributes/attr_route.h"
#include "util/text.h"

namespace bgplens {
namespace {

// Required flags from each attribute's RFC; treatments from RFC 7606 §7 or the attribute's own
// error handling section. Where an RFC defines none, RFC 7606 §2 applies: treat-as-withdraw
// unless the attribute cannot affect route selection or installation, which allows attribute
// discard.
constexpr AttributeSpec kGroup[] = {
    // RFC 4456 §8: optional non-transitive; RFC 7606 §7.9 and §7.10.
    {9, decode_attr_originator_id, kOptionalNonTransitive, Treatment::TreatAsWithdraw},
    {10, decode_attr_cluster_list, kOptionalNonTransitive, Treatment::TreatAsWithdraw},
    // Deprecated (IANA), no error handling defined, no effect on route selection: discard.
    {20, decode_attr_connector, kOptionalTransitive, Treatment::AttributeDiscard},
    {21, decode_attr_as_pathlimit, kOptionalTransitive, Treatment::AttributeDiscard},
    // RFC 6514 §5 and §8: optional transitive; the tunnel and labels decide forwarding.
    {22, decode_attr_pmsi_tunnel, kOptionalTransitive, Treatment::TreatAsWithdraw},
    // RFC 7311 §3: optional non-transitive; §3.2: a malformed AIGP is discarded.
    {26, decode_attr_aigp, kOptionalNonTransitive, Treatment::AttributeDiscard},
    {27, decode_attr_pe_distinguisher, kOptionalTransitive, Treatment::TreatAsWithdraw},
    // RFC 8092 §2, §5.
    {32, decode_attr_large_community, kOptionalTransitive, Treatment::TreatAsWithdraw},
    // RFC 8205 §3: optional non-transitive; §5.2: errors are treat-as-withdraw.
    {33, decode_attr_bgpsec_path, kOptionalNonTransitive, Treatment::TreatAsWithdraw},
    // RFC 9234 §5.
    {35, decode_attr_otc, kOptionalTransitive, Treatment::TreatAsWithdraw},
    // D-PATH (draft-ietf-bess-evpn-ipvpn-interworking): optional transitive, treat-as-withdraw.
    {36, decode_attr_d_path, kOptionalTransitive, Treatment::TreatAsWithdraw},
    // RFC 9015 §3.2: optional transitive; the path decides forwarding.
    {37, decode_attr_sfp, kOptionalTransitive, Treatment::TreatAsWithdraw},
    // RFC 9026: optional transitive; it only sets up failure detection: discard.
    {38, decode_attr_bfd_discriminator, kOptionalTransitive, Treatment::AttributeDiscard},
    // RFC 6368 §5: optional transitive; RFC 7606 §7.16: treat-as-withdraw.
    {128, decode_attr_attr_set, kOptionalTransitive, Treatment::TreatAsWithdraw},
};

}  // namespace

std::span<const AttributeSpec> route_attributes() {
  return kGroup;
}

void route_attr_length_error(Walk& w, const AttributeView& a, const std::string& expected,
                             const char* rule) {
  w.error(a.value_offset, a.value_length,
          std::string(names::path_attribute(a.code)) + " length " + std::to_string(a.value_length) +
              " is not " + expected + " (" + rule + "; NOTIFICATION 3/5 Attribute Length Error)",
          attribute_treatment(a.code));
}

void route_attr_error(Walk& w, const AttributeView& a, std::uint32_t offset, std::uint32_t length,
                      const std::string& message) {
  w.error(offset, length, message, attribute_treatment(a.code));
}

std::string address_text(const Walk& w, std::uint32_t offset, std::uint32_t length) {
  return length == 16 ? text::ipv6(w.at(offset)) : text::ipv4(w.at(offset));
}

}  // namespace bgplens
