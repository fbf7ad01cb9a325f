// Opening a file for indexing: map it and check it is a capture we can read.
#pragma once

#include <memory>
#include <string>

#include "buffer/byte_store.h"
#include "util/expected.h"

namespace bgplens {

// Maps `path` into a new ByteStore. Fails with a one-line message ("cannot open X: No such
// file or directory", "X is not a pcap or pcapng capture") when it cannot be indexed.
Expected<std::shared_ptr<ByteStore>> open_source_file(const std::string& path);

}  // namespace bgplens
