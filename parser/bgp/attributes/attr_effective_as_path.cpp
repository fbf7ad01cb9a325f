// Derived attribute information that needs the whole attribute list: the AS path and
// aggregator a 4-octet-AS ("NEW") speaker takes from AS_PATH/AS4_PATH and
// AGGREGATOR/AS4_AGGREGATOR (RFC 6793 §4.2.3), and BGPsec_PATH replacing AS_PATH (RFC 8205 §3).
#include <optional>
#include <vector>

#include "bgp/attributes/attr_route.h"
#include "util/text.h"

namespace bgplens {
namespace {

constexpr std::uint32_t kAsTrans = 23456;  // RFC 6793 §2

struct Span {
  std::uint32_t attribute = 0;  // offset of the flags byte
  std::uint32_t value = 0;
  std::uint32_t length = 0;
};

struct Segment {
  std::uint8_t type = 0;
  std::vector<std::uint32_t> ases;
  bool confed() const { return type == 3 || type == 4; }
};

// The first instance of each attribute (RFC 7606 §3.g discards later ones).
struct Found {
  std::optional<Span> as_path, as4_path, aggregator, as4_aggregator, bgpsec_path;
};

Found find_attributes(const Walk& w, std::uint32_t begin, std::uint32_t end) {
  Found f;
  for (std::uint32_t p = begin; end - p >= 3;) {
    const bool ext = (w.u8(p) & 0x10) != 0;
    const std::uint8_t code = w.u8(p + 1);
    if (ext && end - p < 4) break;
    const std::uint32_t header = ext ? 4 : 3;
    const std::uint32_t length = ext ? w.u16(p + 2) : w.u8(p + 2);
    if (length > end - p - header) break;
    const Span s{p, p + header, length};
    auto keep = [&](std::optional<Span>& slot) {
      if (!slot) slot = s;
    };
    if (code == 2) keep(f.as_path);
    if (code == 17) keep(f.as4_path);
    if (code == 7) keep(f.aggregator);
    if (code == 18) keep(f.as4_aggregator);
    if (code == 33) keep(f.bgpsec_path);
    p += header + length;
  }
  return f;
}

// RFC 4271 §4.3 segments with `width`-octet AS numbers; nothing when malformed.
std::optional<std::vector<Segment>> parse_path(const Walk& w, Span s, unsigned width) {
  std::vector<Segment> out;
  const std::uint32_t end = s.value + s.length;
  for (std::uint32_t p = s.value; p < end;) {
    if (end - p < 2) return std::nullopt;
    Segment seg{w.u8(p), {}};
    const std::uint32_t count = w.u8(p + 1);
    if (seg.type < 1 || seg.type > 4 || count == 0 || count * width > end - p - 2)
      return std::nullopt;
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::uint32_t at = p + 2 + i * width;
      seg.ases.push_back(width == 4 ? w.u32(at) : w.u16(at));
    }
    out.push_back(std::move(seg));
    p += 2 + count * width;
  }
  return out;
}

// RFC 4271 §9.1.2.2 and RFC 5065 §5.3: an AS_SET counts 1, confederation segments 0.
std::uint32_t path_length(const std::vector<Segment>& path) {
  std::uint32_t n = 0;
  for (const Segment& s : path) {
    if (s.type == 1) n += 1;
    if (s.type == 2) n += static_cast<std::uint32_t>(s.ases.size());
  }
  return n;
}

std::string path_text(const std::vector<Segment>& path) {
  std::string out;
  for (const Segment& s : path) {
    std::string ases;
    for (const std::uint32_t as : s.ases) {
      if (!ases.empty()) ases += s.type == 1 || s.type == 4 ? "," : " ";
      ases += std::to_string(as);
    }
    if (!out.empty()) out += ' ';
    switch (s.type) {
      case 1:
        out += "{" + ases + "}";
        break;
      case 3:
        out += "(" + ases + ")";
        break;
      case 4:
        out += "[" + ases + "]";
        break;
      default:
        out += ases;
    }
  }
  return out.empty() ? "empty" : out;
}

// RFC 6793 §4.2.3: as many leading ASes and segments of AS_PATH as make the result as long as
// AS_PATH, then AS4_PATH. Confederation segments of AS_PATH are kept when leading or adjacent
// to a kept segment.
std::vector<Segment> merge(const std::vector<Segment>& as_path, const std::vector<Segment>& as4,
                           std::uint32_t take, std::uint32_t& taken) {
  std::vector<Segment> out;
  taken = 0;
  for (std::size_t i = 0; i < as_path.size(); ++i) {
    const Segment& s = as_path[i];
    if (out.size() != i) break;  // only an unbroken run from the start is kept
    if (s.confed()) {
      out.push_back(s);
      continue;
    }
    if (taken == take) break;
    if (s.type == 1) {
      out.push_back(s);
      taken += 1;
    } else {
      const std::uint32_t n =
          std::min<std::uint32_t>(take - taken, static_cast<std::uint32_t>(s.ases.size()));
      out.push_back(Segment{s.type, {s.ases.begin(), s.ases.begin() + n}});
      taken += n;
    }
  }
  out.insert(out.end(), as4.begin(), as4.end());
  return out;
}

struct Effective {
  std::string path;
  std::string aggregator;
};

Effective effective_values(const Walk& w, const Found& f) {
  Effective e;
  bool use_as4 = true;  // AS4_PATH and AS4_AGGREGATOR may be used
  if (f.aggregator && f.aggregator->length == 6) {
    const std::uint32_t as = w.u16(f.aggregator->value);
    const std::string address = text::ipv4(w.at(f.aggregator->value + 2));
    if (as != kAsTrans) {
      use_as4 = false;
      e.aggregator = "AS " + std::to_string(as) + ", " + address +
                     "  (AGGREGATOR does not name AS_TRANS: AS4_AGGREGATOR and AS4_PATH are "
                     "ignored, RFC 6793 §4.2.3)";
    }
  }
  if (use_as4 && f.as4_aggregator) {
    if (f.as4_aggregator->length == 8) {
      e.aggregator = "AS " + std::to_string(w.u32(f.as4_aggregator->value)) + ", " +
                     text::ipv4(w.at(f.as4_aggregator->value + 4)) +
                     (f.aggregator ? "  (from AS4_AGGREGATOR: AGGREGATOR names AS_TRANS, RFC "
                                     "6793 §4.2.3)"
                                   : "  (from AS4_AGGREGATOR, RFC 6793 §4.2.3)");
    } else {
      e.aggregator = "AGGREGATOR  (AS4_AGGREGATOR is malformed and discarded, RFC 6793 §6)";
    }
  }
  if (!f.as4_path) return e;
  const std::optional<std::vector<Segment>> as_path =
      f.as_path ? parse_path(w, *f.as_path, 2) : std::nullopt;
  if (!as_path) {
    e.path = f.as_path ? "not derived: AS_PATH is malformed" : "not derived: no AS_PATH";
    return e;
  }
  if (!use_as4) {
    e.path = path_text(*as_path) +
             "  (AS_PATH: AGGREGATOR does not name AS_TRANS, so AS4_PATH "
             "is ignored, RFC 6793 §4.2.3)";
    return e;
  }
  std::optional<std::vector<Segment>> as4 = parse_path(w, *f.as4_path, 4);
  if (!as4) {
    e.path = path_text(*as_path) + "  (AS_PATH: AS4_PATH is malformed and discarded, RFC 6793 §6)";
    return e;
  }
  // RFC 6793 §6: confederation segments in AS4_PATH are discarded.
  const std::size_t before = as4->size();
  std::erase_if(*as4, [](const Segment& s) { return s.confed(); });
  const std::string confed_note =
      as4->size() != before ? "; its confederation segments discarded (RFC 6793 §6)" : "";
  const std::uint32_t n2 = path_length(*as_path);
  const std::uint32_t n4 = path_length(*as4);
  if (n2 < n4) {
    e.path = path_text(*as_path) + "  (AS_PATH: AS4_PATH has " + std::to_string(n4) +
             " ASes, more than AS_PATH's " + std::to_string(n2) +
             ", so it is ignored, RFC 6793 §4.2.3)";
    return e;
  }
  std::uint32_t taken = 0;
  const std::vector<Segment> merged = merge(*as_path, *as4, n2 - n4, taken);
  e.path = path_text(merged) + "  (AS_PATH's first " + std::to_string(taken) + " AS" +
           (taken == 1 ? "" : "es") + ", then AS4_PATH" + confed_note + "; RFC 6793 §4.2.3)";
  return e;
}

}  // namespace

void finish_route_attributes(Walk& w, std::uint32_t begin, std::uint32_t end,
                             const UpdateState& state) {
  // Most UPDATEs need neither check: the walk's record of the codes seen settles it.
  const bool bgpsec_and_as_path = state.seen.test(33) && state.seen.test(2);
  const bool as4_attributes = state.seen.test(17) || state.seen.test(18);
  if (!bgpsec_and_as_path && !(w.has_tree() && as4_attributes)) return;
  const Found f = find_attributes(w, begin, end);
  // RFC 8205 §3: an UPDATE with BGPsec_PATH MUST NOT contain AS_PATH, and vice versa.
  if (f.bgpsec_path && f.as_path) {
    const Span later =
        f.bgpsec_path->attribute > f.as_path->attribute ? *f.bgpsec_path : *f.as_path;
    w.error(later.attribute, later.value + later.length - later.attribute,
            "AS_PATH and BGPsec_PATH in one UPDATE (RFC 8205 §3: each replaces the other)",
            Treatment::TreatAsWithdraw);
  }
  if (!w.has_tree() || (!f.as4_path && !f.as4_aggregator)) return;
  if (state.as4) {
    // RFC 6793 §6: between NEW speakers AS4_PATH and AS4_AGGREGATOR are discarded.
    const Span s = f.as4_path ? *f.as4_path : *f.as4_aggregator;
    w.leaf(FieldId::EffectiveAsPath, s.attribute, 0,
           "AS_PATH  (4-octet AS session: AS4_PATH and AS4_AGGREGATOR are discarded, "
           "RFC 6793 §6)");
    return;
  }
  const Effective e = effective_values(w, f);
  if (!e.path.empty()) w.leaf(FieldId::EffectiveAsPath, f.as4_path->attribute, 0, e.path);
  if (!e.aggregator.empty()) {
    const Span s = f.as4_aggregator ? *f.as4_aggregator : *f.aggregator;
    w.leaf(FieldId::EffectiveAggregator, s.attribute, 0, e.aggregator);
  }
}

}  // namespace bgplens
