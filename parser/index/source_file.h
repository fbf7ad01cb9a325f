// Opening a file for indexing: map it, start decompressing it if it is compressed, and check
// it is something we can read (a pcap/pcapng capture or an MRT dump).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "buffer/byte_store.h"
#include "util/expected.h"

namespace bgplens {

// Maps `path` into a new ByteStore. A compressed file (gzip, bzip2, xz: told from its content,
// not its name) is decompressed on a thread of its own into a base that grows
// (ByteStore::base_size(), wait_base()); this returns once the first bytes are out and show
// what the content is. Fails with a one-line message ("cannot open X: No such file or
// directory", "X is neither a pcap/pcapng capture nor an MRT dump") when the file cannot be
// indexed.
Expected<std::shared_ptr<ByteStore>> open_source_file(const std::string& path);

enum class SourceKind : std::uint8_t { Capture, Mrt };

// What the base of a store open_source_file() returned holds, from its first bytes (waiting
// for them if they are not out yet): a capture when they carry a pcap/pcapng magic, else MRT
// (the only other content open_source_file() accepts).
SourceKind source_kind(const ByteStore& store);

}  // namespace bgplens
