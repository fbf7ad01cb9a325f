// A recorded session's pcapng as Wireshark reads it: tshark finds the same BGP message types
// in the same order, and its expert analysis (checksums verified) reports no error or warning:
// no malformed packet, bad checksum, lost segment or other TCP sequence problem.
//
// Wireshark 4.0 (Debian 12) does not implement RFC 8654: it reports a BGP message over 4096
// octets as "Length is invalid" and does not dissect it. So the strict check is made on the
// session without its extended-message UPDATE, and the whole session is checked for the TCP
// layer, with that one message either dissected (a later tshark) or reported just so.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "record/pcapng_recorder.h"
#include "test_support.h"

#include "parser/record_test_session.h"

namespace bgplens::record {
namespace {

using bgplens::test::run_command;

std::vector<int> types_in(const std::string& out) {
  std::vector<int> types;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    // One line per frame; a frame that completes several messages lists their types with ','.
    std::istringstream fields(line);
    std::string field;
    while (std::getline(fields, field, ','))
      if (!field.empty() && field.find_first_not_of("0123456789") == std::string::npos)
        types.push_back(std::stoi(field));
  }
  return types;
}

std::vector<int> types_of(const Recording& r) {
  std::vector<int> types;
  for (const RecordedMessage* m : test::messages_of(r))
    types.push_back(m->bytes[18]);
  return types;
}

// The lines of one section ("Errors", "Warnings") of tshark's expert summary, without its
// title and column header; empty when there is no such section.
std::vector<std::string> expert_section(const std::string& out, const std::string& name) {
  std::vector<std::string> lines;
  std::istringstream in(out);
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind(name + " (", 0) == 0) {
      inside = true;
    } else if (inside && line.empty()) {
      break;
    } else if (inside && line.find("====") == std::string::npos &&
               line.find("Frequency") == std::string::npos) {
      lines.push_back(line);
    }
  }
  return lines;
}

struct Tshark {
  std::vector<int> types;
  std::string expert;   // the -z expert summary
  std::string flagged;  // frames the filter given picks out
};

Tshark run_tshark(const Recording& recording, const std::string& name, const std::string& filter) {
  Tshark t;
  test::TempFile path(name);
  auto rec = PcapngRecorder::create(path.str());
  EXPECT_TRUE(rec.has_value()) << rec.error();
  if (!rec) return t;
  EXPECT_TRUE(rec->record(recording)) << rec->error();
  EXPECT_TRUE(rec->close()) << rec->error();
  const std::string read =
      "tshark -n -r '" + path.str() + "' -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE ";
  const auto fields = run_command(read + "-Y bgp -T fields -e bgp.type 2>/dev/null");
  EXPECT_EQ(fields.exit_code, 0) << fields.out;
  t.types = types_in(fields.out);
  const auto expert = run_command(read + "-q -z expert 2>/dev/null");
  EXPECT_EQ(expert.exit_code, 0) << expert.out;
  t.expert = expert.out;
  const auto flagged = run_command(read + "-Y '" + filter + "' 2>/dev/null");
  EXPECT_EQ(flagged.exit_code, 0) << flagged.out;
  t.flagged = flagged.out;
  return t;
}

constexpr const char* kTcpProblems =
    "tcp.checksum.status == \"Bad\" || ip.checksum.status == \"Bad\" || tcp.analysis.flags";

class RecordTshark : public testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_command("command -v tshark >/dev/null").exit_code, 0)
        << "tshark is not installed; this test needs it: install Debian's tshark package "
           "(apt-get install tshark), or add it to BGPLENS_TEST_PACKAGES in scripts/lib.sh";
  }
};

TEST_P(RecordTshark, DecodesEveryMessageWithoutAnExpertWarning) {
  const bool v6 = GetParam();
  Recording recording = test::sample_recording(v6);
  std::erase_if(recording.events, [](const RecordedEvent& e) {
    const auto* m = std::get_if<RecordedMessage>(&e);
    return m && m->bytes.size() > 4096;
  });
  const Tshark t = run_tshark(recording, v6 ? "tshark6.pcapng" : "tshark4.pcapng",
                              std::string("_ws.malformed || ") + kTcpProblems);
  EXPECT_EQ(t.types, types_of(recording));
  EXPECT_EQ(expert_section(t.expert, "Errors"), std::vector<std::string>{}) << t.expert;
  EXPECT_EQ(expert_section(t.expert, "Warnings"), std::vector<std::string>{}) << t.expert;
  EXPECT_NE(t.expert.find("Connection establish request (SYN)"), std::string::npos) << t.expert;
  EXPECT_EQ(t.flagged, "");
}

TEST_P(RecordTshark, ExtendedMessageSessionIsSoundTcp) {
  const bool v6 = GetParam();
  const Recording recording = test::sample_recording(v6);
  const Tshark t = run_tshark(recording, v6 ? "tshark6x.pcapng" : "tshark4x.pcapng", kTcpProblems);
  EXPECT_EQ(t.flagged, "");  // checksums, sequence numbers: as sound as the rest
  EXPECT_EQ(expert_section(t.expert, "Warnings"), std::vector<std::string>{}) << t.expert;
  // The only error allowed: tshark 4.0 refusing the RFC 8654 UPDATE's length, and then its
  // type missing from the list.
  std::vector<int> without_extended;
  std::string extended_length;
  for (const RecordedMessage* m : test::messages_of(recording)) {
    if (m->bytes.size() > 4096) {
      extended_length = std::to_string(m->bytes.size());
    } else {
      without_extended.push_back(m->bytes[18]);
    }
  }
  ASSERT_FALSE(extended_length.empty());
  const std::vector<std::string> errors = expert_section(t.expert, "Errors");
  if (errors.empty()) {
    EXPECT_EQ(t.types, types_of(recording));
  } else {
    ASSERT_EQ(errors.size(), 1u) << t.expert;
    EXPECT_NE(errors[0].find("Length is invalid " + extended_length), std::string::npos)
        << t.expert;
    EXPECT_EQ(t.types, without_extended);
  }
}

INSTANTIATE_TEST_SUITE_P(IpVersions, RecordTshark, testing::Values(false, true),
                         [](const testing::TestParamInfo<bool>& p) {
                           return p.param ? "Ipv6" : "Ipv4";
                         });

}  // namespace
}  // namespace bgplens::record
