// BGP Mobile User Plane (AFI 1/2, SAFI 85), draft-mpmz-bess-mup-safi §3.1 (now
// draft-ietf-bess-mup-safi):
//   [path id (4), RFC 7911 §3] architecture type (1) | route type (2) | length (1, octets) |
//   route type specific
// For architecture 1 (3GPP 5G): 1 Interwork Segment Discovery (§3.1.1), 2 Direct Segment
// Discovery (§3.1.2), 3 Type 1 Session Transformed (§3.1.3), 4 Type 2 Session Transformed
// (§3.1.4). Other architectures and route types are skipped by their length (§3.1).
#include "bgp/nlri/add_path_guess.h"
#include "bgp/nlri/labeled_group.h"
#include "bgp/nlri/nlri_common.h"
#include "bgp/nlri/typed_nlri_list.h"
#include "util/text.h"

namespace bgplens {
namespace {

constexpr std::uint8_t kArch3gpp5g = 1;

std::string_view route_type_name(std::uint16_t type) {
  switch (type) {
    case 1:
      return "Interwork Segment Discovery";
    case 2:
      return "Direct Segment Discovery";
    case 3:
      return "Type 1 Session Transformed";
    case 4:
      return "Type 2 Session Transformed";
  }
  return {};
}

std::string_view route_type_short(std::uint16_t type) {
  switch (type) {
    case 1:
      return "ISD";
    case 2:
      return "DSD";
    case 3:
      return "T1ST";
  }
  return "T2ST";
}

NlriListFit mup_list_fit(Bytes field, bool add_path) {
  NlriListFit fit;
  std::size_t p = 0;
  while (p < field.size()) {
    if (add_path) p += 4;
    if (p + 4 > field.size()) return fit;
    const std::size_t length = field[p + 3];
    if (field.size() - p - 4 < length) return fit;
    p += 4 + length;
    ++fit.count;
  }
  fit.fits = true;
  return fit;
}

// The route type specific part of one 3GPP 5G route, [at, end), field by field.
class Route {
 public:
  Route(Walk& w, const NlriBlock& b, std::uint16_t type, std::uint32_t at, std::uint32_t end)
      : w_(w),
        b_(b),
        type_(type),
        at_(at),
        p_(at),
        end_(end),
        addr_bytes_(nlri::address_bytes(b.family)),
        want_(nlri::wants_text(w)) {}

  std::string decode() {
    if (want_) text_ = std::string(route_type_short(type_));
    fields();
    if (malformed_ && want_) text_ += " (malformed)";
    return text_;
  }

 private:
  // The fields of each route type, in order; false at the first that does not fit.
  bool fields() {
    if (!rd()) return false;
    switch (type_) {
      case 1:  // §3.1.1: no field follows the prefix
        return prefix() && done();
      case 2:
        return address();
      case 3:
        return prefix() && teid_and_qfi() && endpoint() && source() && tlvs();
      default:
        return type2_endpoint() && tlvs();
    }
  }

  std::uint32_t left() const { return end_ - p_; }
  // Appends to the route's text; `part` is only called when text is wanted.
  template <class Part>
  void add(Part&& part) {
    if (want_) text_ += part();
  }
  std::string section() const { return "draft-mpmz-bess-mup-safi §3.1." + std::to_string(type_); }
  bool fail(const std::string& what, Treatment treatment) {
    malformed_ = true;
    w_.error(at_, end_ - at_,
             std::string(route_type_name(type_)) + " route of " + text::byte_count(end_ - at_) +
                 ": " + what + " (" + section() + ")",
             treatment);
    return false;
  }
  bool fail(const std::string& what) { return fail(what, b_.on_error); }

  bool rd() {
    if (left() < 8) return fail("no room for its 8-byte Route Distinguisher");
    const std::string rd = nlri::rd(w_, p_);
    add([&] { return " RD " + rd; });
    p_ += 8;
    return true;
  }

  // §3.1.1, §3.1.3: a length in bits (at most the AFI's address) and the minimum octets.
  bool prefix() {
    if (left() < 1) return fail("it ends before its prefix length");
    const std::uint32_t bits = w_.u8(p_);
    if (bits > 8 * addr_bytes_) {
      return fail("prefix length " + std::to_string(bits) + " exceeds the " +
                  std::to_string(8 * addr_bytes_) + " bits of the AFI's addresses");
    }
    const std::uint32_t bytes = (bits + 7) / 8;
    if (left() - 1 < bytes)
      return fail("a /" + std::to_string(bits) + " prefix exceeds " + bytes_left(left() - 1));
    if (want_) {
      const std::string prefix = text::prefix(w_.slice(p_ + 1, bytes), addr_bytes_, bits);
      w_.leaf(FieldId::MupPrefix, p_, 1 + bytes, prefix);
      add([&] { return " prefix " + prefix; });
    }
    p_ += 1 + bytes;
    return true;
  }

  // §3.1.2: the address takes the rest, 4 or 16 octets as the AFI says.
  bool address() {
    if (left() != addr_bytes_) {
      return fail(text::byte_count(left()) + " after the RD where the AFI's address has " +
                  std::to_string(addr_bytes_));
    }
    if (want_) {
      const std::string address = nlri::address_text(w_.at(p_), addr_bytes_);
      w_.leaf(FieldId::MupAddress, p_, addr_bytes_, address);
      add([&] { return " address " + address; });
    }
    p_ += addr_bytes_;
    return true;
  }

  bool teid_and_qfi() {
    if (left() < 5) return fail("no room for its TEID (4 bytes) and QFI (1 byte)");
    const std::uint32_t teid = w_.u32(p_);
    const std::uint32_t qfi = w_.u8(p_ + 4);
    w_.leaf_uint(FieldId::MupTeid, p_, 4, teid);
    w_.leaf_uint(FieldId::MupQfi, p_ + 4, 1, qfi);
    add([&] { return " TEID " + std::to_string(teid) + " QFI " + std::to_string(qfi); });
    if (teid == 0) {
      // draft-ietf-bess-mup-safi §3.1.3.1.
      fail("TEID 0 is invalid; the route is treated as withdrawn", Treatment::TreatAsWithdraw);
      malformed_ = true;
    }
    p_ += 5;
    return true;
  }

  // A length (32 or 128) and the address; `optional_zero` allows 0 for "not carried".
  bool sized_address(FieldId length_id, FieldId address_id, const char* what, bool optional_zero) {
    if (left() < 1) return fail(std::string("it ends before its ") + what + " length");
    const std::uint32_t bits = w_.u8(p_);
    if (bits != 32 && bits != 128 && !(optional_zero && bits == 0)) {
      return fail(std::string(what) + " length " + std::to_string(bits) + " is not 32 or 128" +
                  (optional_zero ? " (or 0)" : ""));
    }
    const std::uint32_t bytes = bits / 8;
    if (left() - 1 < bytes)
      return fail(std::string(what) + " of " + text::byte_count(bytes) + " exceeds " +
                  bytes_left(left() - 1));
    w_.leaf_uint(length_id, p_, 1, bits);
    if (bytes > 0 && want_) {
      const std::string address = nlri::address_text(w_.at(p_ + 1), bytes);
      w_.leaf(address_id, p_ + 1, bytes, address);
      add([&] { return std::string(" ") + what + " " + address; });
    }
    p_ += 1 + bytes;
    return true;
  }

  bool endpoint() {
    return sized_address(FieldId::MupEndpointLength, FieldId::MupEndpoint, "endpoint", false);
  }

  // The Source Address Length arrived with draft -03; a route that ends after its endpoint
  // (ExaBGP's and earlier drafts' encoding) carries no source.
  bool source() {
    if (left() == 0) return true;
    return sized_address(FieldId::MupSourceLength, FieldId::MupSource, "source", true);
  }

  // §3.1.4: the Endpoint Length counts the address (the AFI's) and the TEID bits after it.
  bool type2_endpoint() {
    if (left() < 1) return fail("it ends before its endpoint length");
    const std::uint32_t bits = w_.u8(p_);
    const std::uint32_t addr_bits = 8 * addr_bytes_;
    if (bits < addr_bits || bits > addr_bits + 32) {
      return fail("endpoint length " + std::to_string(bits) + " is not " +
                  std::to_string(addr_bits) + " to " + std::to_string(addr_bits + 32) +
                  " bits (the AFI's address and a TEID of up to 32 bits)");
    }
    const std::uint32_t teid_bits = bits - addr_bits;
    const std::uint32_t teid_bytes = (teid_bits + 7) / 8;
    if (left() - 1 < addr_bytes_ + teid_bytes) {
      return fail("an endpoint and TEID of " + text::byte_count(addr_bytes_ + teid_bytes) +
                  " exceed " + bytes_left(left() - 1));
    }
    w_.leaf(FieldId::MupEndpointLength, p_, 1, [&] {
      return std::to_string(bits) + " (address " + std::to_string(addr_bits) + " + TEID " +
             std::to_string(teid_bits) + ")";
    });
    if (want_) {
      const std::string address = nlri::address_text(w_.at(p_ + 1), addr_bytes_);
      w_.leaf(FieldId::MupEndpoint, p_ + 1, addr_bytes_, address);
      add([&] { return " endpoint " + address; });
    }
    if (teid_bytes > 0) {
      // The TEID octets as one number, as ExaBGP shows them (GoBGP left-aligns them in 32 bits).
      std::uint32_t teid = 0;
      for (std::uint32_t i = 0; i < teid_bytes; ++i)
        teid = (teid << 8) | w_.u8(p_ + 1 + addr_bytes_ + i);
      w_.leaf(FieldId::MupTeid, p_ + 1 + addr_bytes_, teid_bytes,
              [&] { return std::to_string(teid) + " (" + std::to_string(teid_bits) + " bits)"; });
      add([&] { return " TEID " + std::to_string(teid); });
    }
    p_ += 1 + addr_bytes_ + teid_bytes;
    return true;
  }

  bool done() {
    if (left() == 0) return true;
    return fail(text::byte_count(left()) + " after its prefix");
  }

  // draft-ietf-bess-mup-safi §3.1.5: TLVs may follow a Session Transformed route's fields.
  bool tlvs() {
    if (left() == 0) return true;
    w_.leaf(FieldId::MupData, p_, left(), [&] { return text::hex_spaced(w_.slice(p_, left())); });
    w_.note(p_, left(), "bytes after the route's fields: TLVs of draft-ietf-bess-mup-safi §3.1.5");
    p_ = end_;
    return true;
  }

  Walk& w_;
  const NlriBlock& b_;
  std::uint16_t type_;
  std::uint32_t at_;
  std::uint32_t p_;
  std::uint32_t end_;
  std::uint32_t addr_bytes_;
  bool want_;
  bool malformed_ = false;
  std::string text_;
};

}  // namespace

void decode_mup_nlri(Walk& w, const NlriBlock& b, UpdateState& state) {
  const bool add_path = resolve_add_path(
      w, b, state, [&](Bytes field, bool with_ids) { return mup_list_fit(field, with_ids); });
  nlri::walk_typed_nlri_list(
      w, b, add_path, {FieldId::MupNlri, 4, 3, 1},
      [](std::uint32_t left) {
        return "architecture type, route type and length need 4 bytes, " + text::byte_count(left) +
               " left (draft-mpmz-bess-mup-safi §3.1, RFC 7606 §5.3)";
      },
      [](std::uint32_t, std::uint32_t length, std::uint32_t left) {
        return "route length " + std::to_string(length) + " exceeds " + bytes_left(left) +
               " (draft-mpmz-bess-mup-safi §3.1, RFC 7606 §5.3)";
      },
      [&](const nlri::TypedNlri& r) {
        const std::uint8_t arch = w.u8(r.header_at);
        const std::uint16_t type = w.u16(r.header_at + 1);
        const std::uint32_t at = r.value_at;
        w.leaf(FieldId::MupArchitecture, r.header_at, 1, [&] {
          return arch == kArch3gpp5g ? std::string("3GPP 5G (1)")
                                     : "unassigned (" + std::to_string(arch) + ")";
        });
        w.leaf(FieldId::MupRouteType, r.header_at + 1, 2, [&] {
          const std::string_view name = route_type_name(type);
          return (name.empty() ? std::string("unassigned") : std::string(name)) + " (" +
                 std::to_string(type) + ")";
        });
        w.leaf_uint(FieldId::MupLength, r.header_at + 3, 1, r.length);
        std::string text;
        if (arch == kArch3gpp5g && !route_type_name(type).empty()) {
          text = Route(w, b, type, at, r.end).decode();
        } else {
          if (r.length > 0) {
            w.leaf(FieldId::MupData, at, r.length,
                   [&] { return text::hex_spaced(w.slice(at, r.length)); });
          }
          w.note(at, r.length,
                 "architecture or route type not defined; ignored (draft-mpmz-bess-mup-safi "
                 "§3.1)");
          if (nlri::wants_text(w)) {
            text = "architecture " + std::to_string(arch) + " route type " + std::to_string(type) +
                   ": " + text::hex(w.slice(at, r.length));
          }
        }
        return text;
      });
}

}  // namespace bgplens
