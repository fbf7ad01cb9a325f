// The differences between bgplens-cli and tshark 4.0.17 on ../shared/captures that are
// explained: where tshark is wrong (with the RFC rule), or where a part of the decoder that a
// later issue adds is not in this one. Each entry names the capture and the exact messages.
#pragma once

#include <string>
#include <vector>

namespace bgplens::test {

struct KnownDifferences {
  std::string capture;
  std::vector<std::string> differences;  // as reference_compare.h writes them
  std::string reason;
};

// nullptr when the capture must agree with the reference completely.
const KnownDifferences* known_differences(const std::string& capture);

}  // namespace bgplens::test
