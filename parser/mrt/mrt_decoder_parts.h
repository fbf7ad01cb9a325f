// Pieces the MRT record decoders share (mrt_decoder.cpp, mrt_table_decoder.cpp,
// mrt_bgp4mp_decoder.cpp). Internal to parser/mrt.
#pragma once

#include <cstdint>
#include <string>

#include "bgp/walk.h"
#include "mrt/mrt_decoder.h"
#include "mrt/mrt_record.h"

namespace bgplens::mrt_parts {

// The record's extent as the decoders use it: the bytes held, which is the declared end
// except for a record cut short by the end of the file or one holding more than it declares.
struct RecordSpan {
  mrt::RecordHeader header;
  std::uint32_t body = 0;  // where the message after the common header starts
  std::uint32_t end = 0;   // bytes of the record held
};

// Whether [at, at + n) lies within the record; if not, reports `what` cut short and returns
// false.
bool need(Walk& w, const RecordSpan& r, std::uint32_t at, std::uint32_t n, std::string_view what);

// An IPv4 (4 octets) or IPv6 (16 octets) address leaf; returns its text (with a tree or when
// `always` is set, else empty).
std::string address_leaf(Walk& w, FieldId id, std::uint32_t at, std::uint32_t size,
                         bool always = false);

// "UTC text (seconds)" for a time field.
std::string seconds_text(std::uint32_t seconds);

// The AS_PATH of the attributes at [begin, end) in bgpdump's notation (sequences space-
// separated, {sets}, (confederation sequences), [confederation sets]); empty without one.
std::string as_path_text(Walk& w, std::uint32_t begin, std::uint32_t end, bool as4);

// A route of a RIB (TABLE_DUMP or TABLE_DUMP_V2 entry): its prefix as an announced NLRI of
// the row, so the list, the JSON and the filters see it like an UPDATE's.
void add_rib_prefix(Walk& w, Family family, std::uint32_t offset, std::uint32_t length,
                    std::uint32_t prefix_offset, std::uint8_t prefix_length,
                    std::uint32_t address_size, std::optional<std::uint32_t> path_id);

// The path attributes of a RIB entry at [begin, end), under a Path attributes node: AS
// numbers of 4 octets for TABLE_DUMP_V2, 2 for TABLE_DUMP (RFC 6396 §4.2, §4.3.4).
void rib_attributes(Walk& w, std::uint32_t begin, std::uint32_t end, bool as4, Family family);

// The decoders of each record type (mrt_table_decoder.cpp, mrt_bgp4mp_decoder.cpp).
void decode_table_dump(Walk& w, const RecordSpan& r, const MrtRow& row);
void decode_table_dump_v2(Walk& w, const RecordSpan& r, const MrtRow& row);
void decode_bgp4mp(Walk& w, const RecordSpan& r);
void decode_old_bgp(Walk& w, const RecordSpan& r);

}  // namespace bgplens::mrt_parts
