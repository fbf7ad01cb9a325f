#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"
#include "util/text.h"

namespace bgplens {

// RFC 3629 §4: well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(Bytes bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const std::uint8_t c = bytes[i];
    std::size_t extra = 0;
    std::uint8_t lo = 0x80;
    std::uint8_t hi = 0xBF;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (bytes.size() - i - 1 < extra) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const std::uint8_t b = bytes[i + k];
      if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return false;
    }
    i += extra + 1;
  }
  return true;
}

std::string utf8_text(Bytes bytes, bool* valid) {
  const bool ok = is_valid_utf8(bytes);
  if (valid != nullptr) *valid = ok;
  const std::string_view raw(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  if (ok) return text::escaped(raw);
  // Invalid UTF-8 would garble every display downstream: escape all non-ASCII bytes too.
  std::string out;
  for (std::uint8_t c : bytes) {
    if (out.size() >= 512) {
      out += "…";
      break;
    }
    if (c == '\\') {
      out += "\\\\";
    } else if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      out += "\\x" + text::hex(Bytes(&c, 1));
    }
  }
  return out;
}

namespace {

// A length octet and the text it counts, as two leaves. Returns false, with an error, when the
// length runs past `end`; the text then shows the bytes that are there.
bool length_and_text(Walk& w, const CapabilityView& cap, std::uint32_t at, std::uint32_t end,
                     FieldId length_field, FieldId text_field, const char* what, std::string& out) {
  const std::uint8_t length = w.u8(at);
  w.leaf_uint(length_field, at, 1, length);
  const std::uint32_t avail = end - at - 1;
  const std::uint32_t shown = length <= avail ? length : avail;
  if (shown > 0) {
    w.leaf(text_field, at + 1, shown,
           [&] { return text::quoted(utf8_text(w.slice(at + 1, shown))); });
  }
  if (w.has_tree()) out = utf8_text(w.slice(at + 1, shown));
  if (length > avail) {
    w.error(at + 1, avail,
            std::string(what) + " length " + std::to_string(length) + " exceeds " +
                bytes_left(avail) + " in the " + std::string(names::capability(cap.code)) +
                " capability (RFC 5492: NOTIFICATION 2/0 or ignore the capability)");
    return false;
  }
  return true;
}

}  // namespace

// draft-walton-bgp-hostname-capability: Hostname Length (1), Hostname, Domain Name Length (1),
// Domain Name. Code 184 is the pre-standard code with the same layout.
void decode_cap_fqdn(Walk& w, const CapabilityView& cap, OpenValues& /*open*/) {
  const std::uint32_t end = cap.value_offset + cap.value_length;
  if (cap.value_length < 2) {
    cap_length_error(w, cap, "at least 2 (two length octets)");
    return;
  }
  std::string host;
  std::string domain;
  std::uint32_t p = cap.value_offset;
  if (!length_and_text(w, cap, p, end, FieldId::CapFqdnHostnameLength, FieldId::CapFqdnHostname,
                       "hostname", host)) {
    return;
  }
  p += 1u + w.u8(p);
  if (p >= end) {
    w.error(p, 0,
            "the FQDN capability ends before the Domain Name Length octet (RFC 5492: "
            "NOTIFICATION 2/0 or ignore the capability)");
  } else if (length_and_text(w, cap, p, end, FieldId::CapFqdnDomainLength, FieldId::CapFqdnDomain,
                             "domain name", domain)) {
    p += 1u + w.u8(p);
    if (p < end) {
      w.error(p, end - p,
              text::byte_count(end - p) +
                  " after the domain name (RFC 5492: NOTIFICATION 2/0 or ignore the capability)");
    }
  }
  w.set_value(cap.node, [&] {
    return "FQDN: hostname " + host + (domain.empty() ? ", no domain" : ", domain " + domain);
  });
}

// draft-abraitis-bgp-version-capability: Software Version Length (1), then that many octets
// of UTF-8 text.
void decode_cap_software_version(Walk& w, const CapabilityView& cap, OpenValues& /*open*/) {
  const std::uint32_t end = cap.value_offset + cap.value_length;
  if (cap.value_length == 0) {
    cap_length_error(w, cap, "at least 1");
    return;
  }
  std::string version;
  if (length_and_text(w, cap, cap.value_offset, end, FieldId::CapSwVersionLength,
                      FieldId::CapSwVersion, "software version", version)) {
    const std::uint32_t after = cap.value_offset + 1u + w.u8(cap.value_offset);
    if (after < end) {
      w.error(after, end - after,
              text::byte_count(end - after) +
                  " after the software version (RFC 5492: NOTIFICATION 2/0 or ignore the "
                  "capability)");
    }
    const std::uint8_t length = w.u8(cap.value_offset);
    if (!is_valid_utf8(w.slice(cap.value_offset + 1, length))) {
      w.warning(cap.value_offset + 1, length,
                "software version is not valid UTF-8 (draft-abraitis-bgp-version-capability)");
    }
  }
  w.set_value(cap.node, [&] { return "Software Version: " + version; });
}

}  // namespace bgplens
