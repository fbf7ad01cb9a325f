#include "record/mrt_recorder.h"

#include <algorithm>
#include <stdexcept>
#include <type_traits>
#include <variant>

#include "bgp/decoded_message.h"
#include "gen/mrt_writer.h"
#include "mrt/mrt_format.h"

namespace bgplens::record {
namespace {

namespace fmt = ::bgplens::mrt;

// RFC 6793 §9: AS_TRANS stands for a 4-octet AS number in a 2-octet field.
constexpr std::uint32_t kAsTrans = 23456;

std::uint16_t as2(std::uint32_t as) {
  return as > 0xFFFF ? kAsTrans : static_cast<std::uint16_t>(as);
}

// RFC 6396 §3: seconds since the epoch in the common header, the microseconds beyond them in
// the _ET types' extra field.
gen::MrtTime mrt_time(std::int64_t time_ns) {
  if (time_ns < 0 || time_ns / 1'000'000'000 > 0xFFFFFFFFll)
    throw std::invalid_argument("MRT: a time outside 1970–2106 does not fit the seconds field");
  return {static_cast<std::uint32_t>(time_ns / 1'000'000'000),
          static_cast<std::uint32_t>(time_ns % 1'000'000'000 / 1000)};
}

gen::MrtAddress mrt_address(const IpAddress& a) {
  gen::MrtAddress m;
  m.bytes = a.bytes;
  m.v6 = a.version == 6;
  return m;
}

void check_versions(const RecordedSession& s) {
  // RFC 6396 §4.4.1: one Address Family field covers both addresses.
  if (s.local.address.version != s.peer.address.version ||
      (s.peer.address.version != 4 && s.peer.address.version != 6))
    throw std::invalid_argument("BGP4MP: the peer and local addresses must be both IPv4 or IPv6");
}

}  // namespace

std::vector<Family> update_nlri_families(Bytes m) {
  std::vector<Family> out;
  auto add = [&out](Family f) {
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  };
  if (m.size() < kHeaderLength + 4 || m[18] != msg_type::kUpdate) return out;
  const std::size_t end = std::min<std::size_t>(m.size(), load_be16(m.data() + 16));
  std::size_t at = kHeaderLength;
  if (at + 2 > end) return out;
  const std::size_t withdrawn = load_be16(m.data() + at);
  at += 2;
  if (at + withdrawn + 2 > end) return out;
  if (withdrawn) add(kIpv4Unicast);
  at += withdrawn;
  const std::size_t attributes_end = at + 2 + load_be16(m.data() + at);
  at += 2;
  if (attributes_end > end) return out;
  // RFC 4271 §4.3: flags, type code, then a 1- or (Extended Length bit) 2-octet length.
  while (at + 3 <= attributes_end) {
    const bool extended = (m[at] & 0x10) != 0;
    const std::size_t header = extended ? 4 : 3;
    if (at + header > attributes_end) break;
    const std::uint8_t code = m[at + 1];
    const std::size_t length = extended ? load_be16(m.data() + at + 2) : m[at + 2];
    if (at + header + length > attributes_end) break;
    // RFC 4760 §3–4: MP_REACH_NLRI (14) and MP_UNREACH_NLRI (15) start with AFI and SAFI.
    if ((code == 14 || code == 15) && length >= 3)
      add(Family{load_be16(m.data() + at + header), m[at + header + 2]});
    at += header + length;
  }
  if (attributes_end < end) add(kIpv4Unicast);
  return out;
}

Bgp4mpSubtype bgp4mp_message_subtype(const PeerContext& context, Direction d, Bytes message) {
  // RFC 8050 §3: the _ADDPATH subtypes hold messages whose NLRI carry path identifiers
  // (RFC 7911 §3). Those are negotiated per family and direction (RFC 7911 §4), and only
  // UPDATEs have NLRI, so the choice is made per UPDATE from the families it carries (as BIRD
  // and OpenBGPD do); an OPEN or a KEEPALIVE decodes the same either way and gets the plain one.
  const std::vector<Family> families = update_nlri_families(message);
  const auto with = static_cast<std::size_t>(std::count_if(
      families.begin(), families.end(), [&](Family f) { return context.has_add_path(f); }));
  const bool add_path = with > 0;
  // RFC 6396 §4.4.5: "This subtype is added to indicate a locally generated BGP message ...
  // the Peer IP and AS fields refer to the recipient": what the local speaker sent is _LOCAL.
  const bool local = d == Direction::Sent;
  // RFC 6396 §4.4.3: MESSAGE_AS4 for sessions whose messages carry 4-octet AS numbers (the
  // AS_PATH inside the UPDATE is read accordingly).
  static constexpr std::uint16_t kTable[2][2][2] = {
      {{fmt::bgp4mp::kMessage, fmt::bgp4mp::kMessageAddPath},
       {fmt::bgp4mp::kMessageLocal, fmt::bgp4mp::kMessageLocalAddPath}},
      {{fmt::bgp4mp::kMessageAs4, fmt::bgp4mp::kMessageAs4AddPath},
       {fmt::bgp4mp::kMessageAs4Local, fmt::bgp4mp::kMessageAs4LocalAddPath}},
  };
  return {kTable[context.as4][local][add_path], add_path && with < families.size()};
}

Bgp4mpSubtype append_bgp4mp_message(gen::ByteWriter& w, const RecordedSession& s,
                                    std::int64_t time_ns, Direction d, Bytes message) {
  check_versions(s);
  const Bgp4mpSubtype choice = bgp4mp_message_subtype(s.context(d), d, message);
  const bool as4 = fmt::bgp4mp_as4(choice.subtype);
  const std::size_t start =
      gen::begin_mrt_record(w, mrt_time(time_ns), fmt::type::kBgp4mpEt, choice.subtype);
  // RFC 6396 §4.4.2–4.4.3 (and §4.4.5 for _LOCAL: the same fields, Peer still the remote end).
  if (as4) {
    w.u32(s.peer_as).u32(s.local_as);
  } else {
    w.u16(as2(s.peer_as)).u16(as2(s.local_as));
  }
  const bool v6 = s.peer.address.version == 6;
  w.u16(s.interface_index).u16(v6 ? 2 : 1);
  w.bytes(Bytes(s.peer.address.bytes.data(), v6 ? 16 : 4));
  w.bytes(Bytes(s.local.address.bytes.data(), v6 ? 16 : 4));
  w.bytes(message);
  gen::end_mrt_record(w, start);
  return choice;
}

void append_bgp4mp_state_change(gen::ByteWriter& w, const RecordedSession& s,
                                const RecordedStateChange& change) {
  check_versions(s);
  // Always STATE_CHANGE_AS4 (RFC 6396 §4.4.4): a state change may come before the OPENs say
  // whether the session uses 4-octet AS numbers, and the 4-octet fields hold either.
  gen::Bgp4mpEnds ends;
  ends.peer_as = s.peer_as;
  ends.local_as = s.local_as;
  ends.interface_index = s.interface_index;
  ends.peer_ip = mrt_address(s.peer.address);
  ends.local_ip = mrt_address(s.local.address);
  gen::bgp4mp_state_change(w, mrt_time(change.time_ns), ends, change.old_state, change.new_state,
                           true);
}

Expected<MrtRecorder> MrtRecorder::create(const std::string& path, MrtRecorderOptions options) {
  auto file = RecordFile::create(path, options.flush_interval);
  if (!file) return unexpected(file.error());
  return MrtRecorder(std::move(*file));
}

bool MrtRecorder::fail_io() {
  error_ = file_.error();
  return false;
}

bool MrtRecorder::put() {
  const bool ok = file_.write(scratch_.data());
  scratch_.data().clear();
  return ok || fail_io();
}

bool MrtRecorder::message(const RecordedSession& session, std::int64_t time_ns, Direction d,
                          Bytes message) {
  if (!file_.error().empty()) return fail_io();
  try {
    scratch_.data().clear();
    const Bgp4mpSubtype choice = append_bgp4mp_message(scratch_, session, time_ns, d, message);
    stats_.mixed_add_path += choice.mixed_add_path;
  } catch (const std::exception& e) {
    scratch_.data().clear();
    error_ = e.what();
    return false;
  }
  ++stats_.messages;
  return put();
}

bool MrtRecorder::state_change(const RecordedSession& session, const RecordedStateChange& change) {
  if (!file_.error().empty()) return fail_io();
  try {
    scratch_.data().clear();
    append_bgp4mp_state_change(scratch_, session, change);
  } catch (const std::exception& e) {
    scratch_.data().clear();
    error_ = e.what();
    return false;
  }
  ++stats_.state_changes;
  return put();
}

bool MrtRecorder::record(const Recording& recording) {
  for (const RecordedEvent& e : recording.events) {
    const bool ok = std::visit(
        [&](const auto& event) {
          if constexpr (std::is_same_v<std::decay_t<decltype(event)>, RecordedMessage>) {
            return message(recording.session, event);
          } else {
            return state_change(recording.session, event);
          }
        },
        e);
    if (!ok) return false;
  }
  return true;
}

}  // namespace bgplens::record
