#include "index/record_decoder.h"

#include <optional>

#include "bgp/message_decoder.h"
#include "bgp/message_summary.h"
#include "bgp/names/names.h"
#include "bgp/walk.h"
#include "bmp/bmp_decoder.h"
#include "bmp/bmp_names.h"
#include "mrt/mrt_decoder.h"
#include "mrt/mrt_format.h"
#include "mrt/mrt_record.h"
#include "util/text.h"

namespace bgplens {
namespace {

void framing_problems(Walk& w, const MessageRecord& r) {
  if (r.kind != FramedKind::Message) return;
  if (r.flags & framed_flag::kCutByGap) {
    w.error(r.length, 0,
            "the rest of this message is missing from the capture (TCP segments not captured); "
            "decoding resumes at the next marker");
  } else if (r.flags & framed_flag::kTruncated) {
    w.error(r.length, 0, "capture truncated: the capture ends inside this message");
  }
  if (r.flags & framed_flag::kOverlapConflict) {
    // The record does not say which bytes were in conflict (a row may also carry a conflict of
    // the row before it, emitted already), so the warning spans the whole message.
    w.warning(0, r.length,
              "retransmitted TCP segments carried different bytes for part of this message; the "
              "first copy is shown");
  }
}

void decode_stream_row(Walk& w, const MessageRecord& r, bool bmp) {
  if (r.kind == FramedKind::Unparsed) {
    w.leaf(bmp ? FieldId::BmpStreamBytes : FieldId::StreamBytes, 0, r.length, [&] {
      return text::byte_count(r.length) + ": " + text::hex_spaced(w.slice(0, r.length), 24);
    });
    w.error(0, r.length,
            text::byte_count(r.length) +
                (bmp ? " of the TCP stream are not part of a BMP message (no valid common header "
                       "where a message should start); framing resumes at the next plausible "
                       "header"
                     : " of the TCP stream are not part of a BGP message (no marker where a "
                       "message should start); framing resumes at the next plausible header"));
  } else {
    w.error(0, 0,
            text::byte_count(r.length) + " of the TCP stream are missing from the capture here");
  }
}

// The first node of a BGP message that came inside BMP: which peer and table it is from.
void carried_in_bmp(Walk& w, const ContextTable& table, const PeerContext& ctx) {
  if (ctx.session >= table.sessions.size()) return;
  const SessionInfo& s = table.sessions[ctx.session];
  if (!s.bmp_peer) return;
  const BmpPeerInfo& p = *s.bmp_peer;
  w.leaf(FieldId::BmpCarrier, 0, 0, [&] {
    std::string t = text::cat("peer ", p.address.text(), " AS ", text::asn_plain(p.as), " (",
                              std::string(bmp::names::peer_type(p.peer_type)), "), ",
                              ctx.direction == 0 ? "sent by the peer" : "sent by the router");
    if (s.parent < table.sessions.size())
      t += text::cat(", reported over ",
                     table.sessions[s.parent].direction_text(s.parent_direction));
    return t;
  });
}

// Bytes of an MRT file between records. The index keeps only where they are, so what is wrong
// is said again from the bytes.
void decode_mrt_damage(Walk& w, const MessageRecord& r) {
  w.leaf(FieldId::MrtDamage, 0, r.length, [&] {
    return text::byte_count(r.length) + ": " + text::hex_spaced(w.slice(0, r.length), 24);
  });
  mrt::RecordHeader h;
  std::string why;
  if (mrt::read_header(w.bytes(), h) && mrt::known_type(h.type, h.subtype)) {
    why = text::cat("a ", mrt::type_name(h.type), " record header starts here and declares ",
                    std::to_string(h.length), " octets, but no record header follows them");
  } else {
    why = "no MRT record header that makes sense starts here";
  }
  w.error(0, r.length,
          text::cat(text::byte_count(r.length), " of the file are not part of any record: ", why,
                    "; reading resumes where two record headers in a row make sense"));
}

// The peer a TABLE_DUMP_V2 RIB entry names: "202.249.2.86 AS 7500".
std::string mrt_peer_text(const ContextTable& table, const PeerContext& ctx,
                          const MessageRecord& r) {
  if (r.detail != mrt_row::kRibEntry || r.context >= table.contexts.size() ||
      ctx.session >= table.sessions.size())
    return {};
  const SessionInfo& s = table.sessions[ctx.session];
  if (!s.mrt_peer) return {};
  return text::cat(s.a.address.text(), " AS ", text::asn_plain(s.mrt_peer->as));
}

}  // namespace

WireOrigin wire_origin(const ContextTable& table, const MessageRecord& r) {
  if (r.context >= table.contexts.size()) return {};
  const PeerContext& ctx = table.contexts[r.context];
  if (ctx.session >= table.sessions.size()) return {};
  const SessionInfo* s = &table.sessions[ctx.session];
  if (s->kind == SessionKind::BmpPeer && s->parent < table.sessions.size())
    return {&table.sessions[s->parent], s->parent_direction};
  return {s, ctx.direction};
}

DecodedMessage decode_record(const ByteStore& store, const ContextTable& table,
                             const MessageRecord& r, Depth depth,
                             const ContextOverride* override_settings) {
  const Bytes bytes = r.kind == FramedKind::Gap ? Bytes{} : store.view(r.address, r.length);
  static const PeerContext kUnknown;
  const PeerContext& recorded =
      r.context < table.contexts.size() ? table.contexts[r.context] : kUnknown;
  std::optional<PeerContext> adjusted;
  if (override_settings && !override_settings->empty())
    adjusted = apply_override(recorded, *override_settings);
  const PeerContext& ctx = adjusted ? *adjusted : recorded;
  DecodedMessage out;
  out.available_length = static_cast<std::uint32_t>(bytes.size());
  std::optional<FieldTreeBuilder> builder;
  if (depth == Depth::Tree) builder.emplace(static_cast<std::uint32_t>(bytes.size()));
  Walk w(bytes, ctx, depth, out, builder ? &*builder : nullptr);
  if (r.kind == FramedKind::Message) {
    if ((r.flags & framed_flag::kViaBmp) && builder) carried_in_bmp(w, table, ctx);
    decode_message_walk(w);
    framing_problems(w, r);
  } else if (r.kind == FramedKind::Bmp) {
    decode_bmp_walk(w);
  } else if (r.kind == FramedKind::Mrt) {
    const std::string peer = mrt_peer_text(table, ctx, r);
    decode_mrt_walk(w, MrtRow{r.frame, (r.flags & framed_flag::kTruncated) != 0, peer});
  } else if (r.kind == FramedKind::MrtDamage) {
    decode_mrt_damage(w, r);
  } else {
    const bool bmp =
        ctx.session < table.sessions.size() && table.sessions[ctx.session].kind == SessionKind::Bmp;
    decode_stream_row(w, r, bmp);
  }
  if (builder) out.tree = builder->finish();
  return out;
}

std::string record_type_name(const MessageRecord& r) {
  if (r.kind == FramedKind::Unparsed) return "unparsed";
  if (r.kind == FramedKind::Gap) return "gap";
  if (r.kind == FramedKind::MrtDamage) return "damaged";
  if (r.kind == FramedKind::Mrt) {
    switch (r.detail) {
      case mrt_row::kRibEntry:
        return "RIB entry";
      case mrt_row::kTableDump:
        return "TABLE_DUMP entry";
      case mrt_row::kPeerIndexTable:
        return "PEER_INDEX_TABLE";
      case mrt_row::kStateChange:
        return "STATE_CHANGE";
      case mrt_row::kMessage:
        break;
      default:
        return "MRT record";
    }
  }
  if (r.kind == FramedKind::Bmp) {
    const std::string_view name = bmp::names::message_type(r.type);
    return name.empty() ? "BMP type " + std::to_string(r.type) : text::cat("BMP ", name);
  }
  const std::string_view name = names::message_type(r.type);
  return name.empty() ? "type " + std::to_string(r.type) : std::string(name);
}

std::string record_summary(const MessageRecord& r, const DecodedMessage& d) {
  std::string s;
  if (r.kind == FramedKind::Unparsed) {
    s = "Unparsed stream bytes (" + text::byte_count(r.length) + ")";
  } else if (r.kind == FramedKind::Gap) {
    s = "Gap: " + text::byte_count(r.length) + " missing from the capture";
  } else if (r.kind == FramedKind::Bmp || r.kind == FramedKind::Mrt) {
    s = d.row_summary;
  } else if (r.kind == FramedKind::MrtDamage) {
    s = "Damaged MRT bytes (" + text::byte_count(r.length) + ")";
  } else {
    s = message_summary(d);
  }
  for (const DecodeProblem& p : d.problems) {
    if (p.severity == Severity::Error) {
      s += "  ⚠ " + p.message;
      break;
    }
  }
  return s;
}

}  // namespace bgplens
