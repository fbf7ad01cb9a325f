#include "bgp/nlri/nlri_common.h"

#include "bgp/common/route_distinguisher.h"
#include "util/text.h"

namespace bgplens::nlri {

bool read_path_id_slow(Walk& w, const NlriBlock& b, std::uint32_t& p,
                       std::optional<std::uint32_t>& path_id) {
  const std::uint32_t end = b.offset + b.length;
  const std::uint32_t start = p;
  if (end - p < 4) {
    w.error(p, end - p,
            "path identifier needs 4 bytes, " + text::byte_count(end - p) + " left (RFC 7606 §5.3)",
            b.on_error);
    return false;
  }
  path_id = w.u32(p);
  p += 4;
  if (p >= end) {
    w.error(start, end - start, "NLRI ends after its path identifier (RFC 7606 §5.3)", b.on_error);
    return false;
  }
  return true;
}

std::string node_text(const std::string& text, std::optional<std::uint32_t> path_id) {
  return path_id ? text + " path " + std::to_string(*path_id) : text;
}

std::string address_text(const std::uint8_t* p, std::uint32_t bytes) {
  return bytes == 4 ? text::ipv4(p) : text::ipv6(p);
}

}  // namespace bgplens::nlri
