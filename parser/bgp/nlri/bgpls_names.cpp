#include "bgp/nlri/bgpls_names.h"

#include <algorithm>
#include <iterator>

namespace bgplens::bgpls {

std::string_view nlri_type_name(std::uint16_t type) {
  switch (type) {
    case 1:
      return "Node";
    case 2:
      return "Link";
    case 3:
      return "IPv4 Topology Prefix";
    case 4:
      return "IPv6 Topology Prefix";
    case 5:
      return "SR Policy Candidate Path";  // draft-ietf-idr-bgp-ls-sr-policy
    case 6:
      return "SRv6 SID";  // RFC 9514 §6
  }
  return {};
}

std::string_view nlri_type_word(std::uint16_t type) {
  switch (type) {
    case 1:
      return "node";
    case 2:
      return "link";
    case 3:
      return "prefix4";
    case 4:
      return "prefix6";
    case 5:
      return "sr-policy";
    case 6:
      return "srv6-sid";
  }
  return {};
}

std::string_view protocol_name(std::uint8_t id) {
  switch (id) {
    case 1:
      return "IS-IS Level 1";
    case 2:
      return "IS-IS Level 2";
    case 3:
      return "OSPFv2";
    case 4:
      return "Direct";
    case 5:
      return "Static configuration";
    case 6:
      return "OSPFv3";
    case 7:
      return "BGP";  // RFC 9086 §4
    case 8:
      return "RSVP-TE";  // draft-ietf-idr-bgp-ls-sr-policy
    case 9:
      return "Segment Routing";  // draft-ietf-idr-bgp-ls-sr-policy
  }
  return {};
}

std::string_view protocol_word(std::uint8_t id) {
  switch (id) {
    case 1:
      return "L1";
    case 2:
      return "L2";
    case 3:
      return "OSPFv2";
    case 4:
      return "direct";
    case 5:
      return "static";
    case 6:
      return "OSPFv3";
    case 7:
      return "BGP";
    case 8:
      return "RSVP-TE";
    case 9:
      return "SR";
  }
  return {};
}

bool is_isis(std::uint8_t protocol) {
  return protocol == 1 || protocol == 2;
}
bool is_ospf(std::uint8_t protocol) {
  return protocol == 3 || protocol == 6;
}

namespace {

// The registry as IANA lists it (sorted by code). Codes of drafts that have no RFC yet keep the
// registry's name; their values are shown raw.
constexpr TlvInfo kTlvs[] = {
    {256, "Local Node Descriptors", "RFC 9552 §5.2.1.2"},
    {257, "Remote Node Descriptors", "RFC 9552 §5.2.1.3"},
    {258, "Link Local/Remote Identifiers", "RFC 9552 §5.2.2"},
    {259, "IPv4 Interface Address", "RFC 9552 §5.2.2"},
    {260, "IPv4 Neighbor Address", "RFC 9552 §5.2.2"},
    {261, "IPv6 Interface Address", "RFC 9552 §5.2.2"},
    {262, "IPv6 Neighbor Address", "RFC 9552 §5.2.2"},
    {263, "Multi-Topology Identifier", "RFC 9552 §5.2.2.1"},
    {264, "OSPF Route Type", "RFC 9552 §5.2.3.1"},
    {265, "IP Reachability Information", "RFC 9552 §5.2.3.2"},
    {266, "Node MSD", "RFC 8814 §3"},
    {267, "Link MSD", "RFC 8814 §4"},
    {512, "Autonomous System", "RFC 9552 §5.2.1.4"},
    {513, "BGP-LS Identifier", "RFC 9552 §5.2.1.4"},
    {514, "OSPF Area-ID", "RFC 9552 §5.2.1.4"},
    {515, "IGP Router-ID", "RFC 9552 §5.2.1.4"},
    {516, "BGP Router-ID", "RFC 9086 §4.1"},
    {517, "BGP Confederation Member", "RFC 9086 §4.1"},
    {518, "SRv6 SID Information", "RFC 9514 §6.1"},
    {550, "Tunnel ID", "draft-ietf-idr-te-lsp-distribution"},
    {551, "LSP ID", "draft-ietf-idr-te-lsp-distribution"},
    {552, "IPv4/6 Tunnel Head-end Address", "draft-ietf-idr-te-lsp-distribution"},
    {553, "IPv4/6 Tunnel Tail-end Address", "draft-ietf-idr-te-lsp-distribution"},
    {554, "SR Policy CP Descriptor", "draft-ietf-idr-bgp-ls-sr-policy"},
    {555, "MPLS Local Cross Connect", "draft-ietf-idr-te-lsp-distribution"},
    {556, "MPLS Cross Connect Interface", "draft-ietf-idr-te-lsp-distribution"},
    {557, "MPLS Cross Connect FEC", "draft-ietf-idr-te-lsp-distribution"},
    {1024, "Node Flag Bits", "RFC 9552 §5.3.1.1"},
    {1025, "Opaque Node Attribute", "RFC 9552 §5.3.1.5"},
    {1026, "Node Name", "RFC 9552 §5.3.1.3"},
    {1027, "IS-IS Area Identifier", "RFC 9552 §5.3.1.2"},
    {1028, "IPv4 Router-ID of Local Node", "RFC 9552 §5.3.1.4"},
    {1029, "IPv6 Router-ID of Local Node", "RFC 9552 §5.3.1.4"},
    {1030, "IPv4 Router-ID of Remote Node", "RFC 9552 §5.3.2.1"},
    {1031, "IPv6 Router-ID of Remote Node", "RFC 9552 §5.3.2.1"},
    {1032, "S-BFD Discriminators", "RFC 9247 §2"},
    {1034, "SR Capabilities", "RFC 9085 §2.1.2"},
    {1035, "SR Algorithm", "RFC 9085 §2.1.3"},
    {1036, "SR Local Block", "RFC 9085 §2.1.4"},
    {1037, "SRMS Preference", "RFC 9085 §2.1.5"},
    {1038, "SRv6 Capabilities", "RFC 9514 §3.1"},
    {1039, "Flexible Algorithm Definition", "RFC 9351 §3"},
    {1040, "Flexible Algorithm Exclude Any Affinity", "RFC 9351 §3.1"},
    {1041, "Flexible Algorithm Include Any Affinity", "RFC 9351 §3.2"},
    {1042, "Flexible Algorithm Include All Affinity", "RFC 9351 §3.3"},
    {1043, "Flexible Algorithm Definition Flags", "RFC 9351 §3.4"},
    {1044, "Flexible Algorithm Prefix Metric", "RFC 9351 §4"},
    {1045, "Flexible Algorithm Exclude SRLG", "RFC 9351 §3.5"},
    {1046, "Flexible Algorithm Unsupported", "RFC 9351 §3.6"},
    {1088, "Administrative Group (color)", "RFC 9552 §5.3.2"},
    {1089, "Maximum Link Bandwidth", "RFC 9552 §5.3.2"},
    {1090, "Maximum Reservable Link Bandwidth", "RFC 9552 §5.3.2"},
    {1091, "Unreserved Bandwidth", "RFC 9552 §5.3.2"},
    {1092, "TE Default Metric", "RFC 9552 §5.3.2.3"},
    {1093, "Link Protection Type", "RFC 9552 §5.3.2"},
    {1094, "MPLS Protocol Mask", "RFC 9552 §5.3.2.2"},
    {1095, "IGP Metric", "RFC 9552 §5.3.2.4"},
    {1096, "Shared Risk Link Group", "RFC 9552 §5.3.2.5"},
    {1097, "Opaque Link Attribute", "RFC 9552 §5.3.2.6"},
    {1098, "Link Name", "RFC 9552 §5.3.2.7"},
    {1099, "Adjacency SID", "RFC 9085 §2.2.1"},
    {1100, "LAN Adjacency SID", "RFC 9085 §2.2.2"},
    {1101, "PeerNode SID", "RFC 9086 §5"},
    {1102, "PeerAdj SID", "RFC 9086 §5"},
    {1103, "PeerSet SID", "RFC 9086 §5"},
    {1105, "RTM Capability", "RFC 8169 §4.3"},
    {1106, "SRv6 End.X SID", "RFC 9514 §4.1"},
    {1107, "IS-IS SRv6 LAN End.X SID", "RFC 9514 §4.2"},
    {1108, "OSPFv3 SRv6 LAN End.X SID", "RFC 9514 §4.3"},
    {1114, "Unidirectional Link Delay", "RFC 8571 §2.1"},
    {1115, "Min/Max Unidirectional Link Delay", "RFC 8571 §2.2"},
    {1116, "Unidirectional Delay Variation", "RFC 8571 §2.3"},
    {1117, "Unidirectional Link Loss", "RFC 8571 §2.4"},
    {1118, "Unidirectional Residual Bandwidth", "RFC 8571 §2.5"},
    {1119, "Unidirectional Available Bandwidth", "RFC 8571 §2.6"},
    {1120, "Unidirectional Utilized Bandwidth", "RFC 8571 §2.7"},
    {1121, "Graceful-Link-Shutdown", "RFC 8379 §5"},
    {1122, "Application-Specific Link Attributes", "RFC 9294 §2"},
    {1152, "IGP Flags", "RFC 9552 §5.3.3.1"},
    {1153, "IGP Route Tag", "RFC 9552 §5.3.3.2"},
    {1154, "IGP Extended Route Tag", "RFC 9552 §5.3.3.3"},
    {1155, "Prefix Metric", "RFC 9552 §5.3.3.4"},
    {1156, "OSPF Forwarding Address", "RFC 9552 §5.3.3.5"},
    {1157, "Opaque Prefix Attribute", "RFC 9552 §5.3.3.6"},
    {1158, "Prefix-SID", "RFC 9085 §2.3.1"},
    {1159, "Range", "RFC 9085 §2.3.5"},
    {1160, "IS-IS Flood Reflection", "draft-ietf-idr-bgp-ls-isis-flood-reflection"},
    {1161, "SID/Label", "RFC 9085 §2.1.1"},
    {1162, "SRv6 Locator", "RFC 9514 §5.1"},
    {1170, "Prefix Attribute Flags", "RFC 9085 §2.3.2"},
    {1171, "Source Router Identifier", "RFC 9085 §2.3.3"},
    {1172, "L2 Bundle Member Attributes", "RFC 9085 §2.2.3"},
    {1173, "Extended Administrative Group", "RFC 9104 §2"},
    {1174, "Source OSPF Router-ID", "RFC 9085 §2.3.4"},
    {1200, "MPLS-TE Policy State", "draft-ietf-idr-te-lsp-distribution"},
    {1201, "SR Binding SID", "draft-ietf-idr-bgp-ls-sr-policy"},
    {1202, "SR Candidate Path State", "draft-ietf-idr-bgp-ls-sr-policy"},
    {1203, "SR Candidate Path Name", "draft-ietf-idr-bgp-ls-sr-policy"},
    {1204, "SR Candidate Path Constraints", "draft-ietf-idr-bgp-ls-sr-policy"},
    {1205, "SR Segment List", "draft-ietf-idr-bgp-ls-sr-policy"},
    {1206, "SR Segment", "draft-ietf-idr-bgp-ls-sr-policy"},
    {1207, "SR Segment List Metric", "draft-ietf-idr-bgp-ls-sr-policy"},
    {1208, "SR Affinity Constraint", "draft-ietf-idr-bgp-ls-sr-policy"},
    {1209, "SR SRLG Constraint", "draft-ietf-idr-bgp-ls-sr-policy"},
    {1210, "SR Bandwidth Constraint", "draft-ietf-idr-bgp-ls-sr-policy"},
    {1211, "SR Disjoint Group Constraint", "draft-ietf-idr-bgp-ls-sr-policy"},
    {1212, "SRv6 Binding SID", "draft-ietf-idr-bgp-ls-sr-policy"},
    {1213, "SR Policy Name", "draft-ietf-idr-bgp-ls-sr-policy"},
    {1250, "SRv6 Endpoint Behavior", "RFC 9514 §7.1"},
    {1251, "SRv6 BGP Peer Node SID", "RFC 9514 §7.2"},
    {1252, "SRv6 SID Structure", "RFC 9514 §8"},
};

}  // namespace

const TlvInfo* tlv_info(std::uint16_t code) {
  const auto it = std::lower_bound(std::begin(kTlvs), std::end(kTlvs), code,
                                   [](const TlvInfo& t, std::uint16_t c) { return t.code < c; });
  return it != std::end(kTlvs) && it->code == code ? it : nullptr;
}

std::string_view ospf_route_type_name(std::uint8_t type) {
  switch (type) {
    case 1:
      return "Intra-Area";
    case 2:
      return "Inter-Area";
    case 3:
      return "External 1";
    case 4:
      return "External 2";
    case 5:
      return "NSSA 1";
    case 6:
      return "NSSA 2";
  }
  return {};
}

std::string_view algorithm_name(std::uint8_t algorithm) {
  if (algorithm == 0) return "SPF";
  if (algorithm == 1) return "Strict SPF";
  if (algorithm >= 128) return "Flexible Algorithm";  // RFC 9350 §4
  return {};
}

std::string_view msd_type_name(std::uint8_t type) {
  switch (type) {
    case 1:
      return "Base MPLS Imposition";  // RFC 8491
    case 2:
      return "ERLD";  // RFC 9088
    case 41:
      return "SRH Max SL";  // RFC 9352
    case 42:
      return "SRH Max End Pop";
    case 44:
      return "SRH Max H.Encaps";
    case 45:
      return "SRH Max End D";
  }
  return {};
}

namespace {

struct Behavior {
  std::uint16_t code;
  std::string_view name;
};

// RFC 8986 §10.2 and the NEXT-CSID flavors of RFC 9800 §11 (as the IANA registry lists
// them). Codes this table cannot confirm are shown as numbers.
constexpr Behavior kBehaviors[] = {
    {1, "End"},
    {2, "End with PSP"},
    {3, "End with USP"},
    {4, "End with PSP & USP"},
    {5, "End.X"},
    {6, "End.X with PSP"},
    {7, "End.X with USP"},
    {8, "End.X with PSP & USP"},
    {9, "End.T"},
    {10, "End.T with PSP"},
    {11, "End.T with USP"},
    {12, "End.T with PSP & USP"},
    {14, "End.B6.Encaps"},
    {15, "End.BM"},
    {16, "End.DX6"},
    {17, "End.DX4"},
    {18, "End.DT6"},
    {19, "End.DT4"},
    {20, "End.DT46"},
    {21, "End.DX2"},
    {22, "End.DX2V"},
    {23, "End.DT2U"},
    {24, "End.DT2M"},
    {27, "End.B6.Encaps.Red"},
    {28, "End with USD"},
    {29, "End with PSP & USD"},
    {30, "End with USP & USD"},
    {31, "End with PSP, USP & USD"},
    {32, "End.X with USD"},
    {33, "End.X with PSP & USD"},
    {34, "End.X with USP & USD"},
    {35, "End.X with PSP, USP & USD"},
    {36, "End.T with USD"},
    {37, "End.T with PSP & USD"},
    {38, "End.T with USP & USD"},
    {39, "End.T with PSP, USP & USD"},
    {43, "End with NEXT-CSID"},
    {44, "End with NEXT-CSID & PSP"},
    {45, "End with NEXT-CSID & USP"},
    {46, "End with NEXT-CSID, PSP & USP"},
    {47, "End with NEXT-CSID & USD"},
    {48, "End with NEXT-CSID, PSP & USD"},
    {49, "End with NEXT-CSID, USP & USD"},
    {50, "End with NEXT-CSID, PSP, USP & USD"},
    {52, "End.X with NEXT-CSID"},
    {53, "End.X with NEXT-CSID & PSP"},
    {54, "End.X with NEXT-CSID & USP"},
    {55, "End.X with NEXT-CSID, PSP & USP"},
    {56, "End.X with NEXT-CSID & USD"},
    {57, "End.X with NEXT-CSID, PSP & USD"},
    {58, "End.X with NEXT-CSID, USP & USD"},
    {59, "End.X with NEXT-CSID, PSP, USP & USD"},
    {0xFFFF, "Opaque"},
};

}  // namespace

std::string_view srv6_behavior_name(std::uint16_t behavior) {
  const auto it = std::lower_bound(std::begin(kBehaviors), std::end(kBehaviors), behavior,
                                   [](const Behavior& b, std::uint16_t c) { return b.code < c; });
  return it != std::end(kBehaviors) && it->code == behavior ? it->name : std::string_view();
}

}  // namespace bgplens::bgpls
