// MRT records (RFC 6396) printed as `bgpdump -m` (bgpdump 1.6.2) prints them: one line per
// prefix of an UPDATE, per RIB entry, per state change, written straight from the record's
// bytes (no field tree, no DecodedMessage, no allocation per line).
//
// For everything bgpdump decodes the lines are bgpdump's, quirks included (each quirk is named
// where it is reproduced). Where bgpdump prints nothing or fails, BGP Lens prints what the
// record holds in the same line shape, and says so here:
//  - TABLE_DUMP records of early RIS collectors holding several entries (Piece::undeclared):
//    every entry is printed; bgpdump prints the first and loses its way.
//  - MRT type 5 (BGP, RFC 6396 Appendix B) withdrawals: the withdrawn prefix is printed;
//    bgpdump prints the peer's address in its place (an inet_ntoa static-buffer bug).
//  - RIB records before any PEER_INDEX_TABLE, or whose peer index is past the table: the
//    lines are printed with empty peer address and AS fields; bgpdump refuses the record (or
//    aborts on the assertion).
//  - TABLE_DUMP_V2 multicast RIBs (RFC 6396 §4.3.2, subtypes 3, 5, 9, 11): printed as
//    TABLE_DUMP2 lines like the unicast ones; bgpdump skips them.
//  - RIB_GENERIC (RFC 6396 §4.3.3), BGP4MP_ENTRY (the pre-RFC draft subtype OpenBGPD writes)
//    and MP_(UN)REACH_NLRI of labeled unicast (SAFI 4, RFC 8277) and VPN (SAFI 128, RFC
//    4364 §4.3.4, RFC 4659) families: printed in the same shape, a VPN prefix as "RD:prefix"
//    (65000:100:10.0.0.0/24), a labeled one without its labels; bgpdump skips them. Other
//    families (EVPN, FlowSpec...) are counted in a note, not printed.
//  - GEO_PEER_TABLE (RFC 6397) and PEER_INDEX_TABLE print nothing, as in bgpdump.
// Damaged stretches and records cut short by the end of the file print nothing; each gives a
// note with its byte offsets.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mrt/bgpdump_attrs.h"
#include "mrt/mrt_record.h"

namespace bgplens::mrt {

struct BgpdumpCounts {
  std::uint64_t records = 0;  // whole records seen
  std::uint64_t lines = 0;    // lines written
  std::uint64_t damaged = 0;  // damaged stretches
  std::uint64_t damaged_bytes = 0;
  std::uint64_t truncated = 0;  // records cut short by the end of the file
  std::uint64_t noted = 0;      // records with a note (not decodable, or printed with a caveat)
};

class BgpdumpLines {
 public:
  BgpdumpLines();

  // Appends the lines of one piece of a file (as RecordWalker yields it; `bytes` are the
  // piece's bytes) to `out`.
  void add(const Piece& piece, Bytes bytes, std::string& out);

  const BgpdumpCounts& counts() const { return counts_; }
  // Problems found since the last call, one line each with the byte offsets ("bytes 188–197:
  // ..."), for standard error. Damage and truncation are told at once; the other notes once
  // per kind, with a count, by summary().
  std::vector<std::string> take_notes();
  // One line per kind of record that was noted, with how many and where the first one is.
  std::vector<std::string> summary() const;

 private:
  struct PeerText {
    char text[64];  // "address|AS|"
    std::uint8_t size = 0;
  };
  enum class Note : std::uint8_t {
    NoPeerTable,
    PeerIndexPastTable,
    UnsupportedAfi,
    BadMarker,
    StateChangeLength,
    UnknownMessageType,
    UnprintedFamily,
    UnprintedRecordType,
    BulkTableDump,
    Count_,
  };
  // The tails of RIB entries by their exact attribute bytes. A tail is a function of those
  // bytes alone, and a RIB repeats attribute sets a lot (the same path and next hop for many
  // prefixes of a peer: two entries in three of a RouteViews RIB): a hit skips parsing and
  // formatting. Direct-mapped, fixed-size slots (256 KiB in all, no allocation: a larger table
  // costs more in cache misses than its extra hits save); longer attribute
  // blocks or tails are not kept.
  class TailCache {
   public:
    TailCache();
    // The tail stored for `key`, or empty; `hash` is what store() then takes.
    std::string_view find(Bytes key, std::uint8_t tag, std::uint64_t& hash) const;
    void store(std::uint64_t hash, Bytes key, std::uint8_t tag, std::string_view tail);

   private:
    struct alignas(64) Slot {
      std::uint8_t tag = 0;  // 0: empty
      std::uint8_t key_size = 0;
      std::uint8_t tail_size = 0;
      std::uint8_t key[93];
      char tail[160];
    };
    static constexpr std::size_t kSlots = 1024;
    std::unique_ptr<Slot[]> slots_;
  };
  // Appends the tail of the RIB entry whose attribute block starts at `s` (and moves past it),
  // from the cache when the same bytes were formatted before.
  void rib_tail(bgpdump::Reader& s, int asn_width, bgpdump::NextHopKind kind, std::string& out);

  struct NoteCount {
    std::uint64_t count = 0;
    std::uint64_t first_offset = 0;
    std::string first_detail;
  };

  void table_dump(const Piece& piece, bgpdump::Reader s, std::string& out);
  void peer_index_table(bgpdump::Reader s);
  void rib(const Piece& piece, bgpdump::Reader s, int afi, bool add_path, std::string& out);
  void rib_generic(const Piece& piece, bgpdump::Reader s, bool add_path, std::string& out);
  void bgp4mp(const Piece& piece, bgpdump::Reader s, std::string& out);
  void state_change(const Piece& piece, bgpdump::Reader s, std::string& out);
  void message(const Piece& piece, bgpdump::Reader s, std::string& out);
  void update(bgpdump::Reader msg, int asn_width, bool add_path, std::string& out);
  void bgp4mp_entry(const Piece& piece, bgpdump::Reader s, std::string& out);
  void old_bgp(const Piece& piece, bgpdump::Reader s, std::string& out);
  // The lines of MP families bgpdump does not print (BGP Lens's additions to an UPDATE).
  void other_families(bool reach, bool add_path, std::string& out);

  // head_ := "TYPE|time|KIND|"; the time is the record header's ("sec" or "sec.usec").
  void start_head(std::string_view type, const RecordHeader& h, std::string_view kind);
  // Appends head_ + `peer` + the prefix (+ "|path id") + `after` to `out`.
  void prefix_line(std::string& out, std::string_view peer, bool ipv6, const std::uint8_t* address,
                   unsigned length, bool add_path, std::uint32_t path_id, std::string_view after);
  // The same with the prefix as text.
  void text_line(std::string& out, std::string_view peer, std::string_view prefix, bool add_path,
                 std::uint32_t path_id, std::string_view after);
  // "BGP4MP MESSAGE_AS4", for notes.
  static std::string record_name(const RecordHeader& h);
  void note(Note kind, std::uint64_t offset, std::string detail);

  bgpdump::AttrFormatter formatter_;
  bgpdump::Attrs attrs_;
  std::vector<PeerText> peers_;
  bool have_peer_table_ = false;
  std::string head_;
  std::string peer_;  // "address|AS|" of the record being printed
  std::string tail_;
  TailCache tails_;
  std::uint64_t offset_ = 0;  // of the record being printed
  BgpdumpCounts counts_;
  std::vector<std::string> notes_;
  NoteCount note_counts_[static_cast<int>(Note::Count_)];
};

}  // namespace bgplens::mrt
