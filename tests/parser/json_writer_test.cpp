// JsonWriter (output/json_writer.h) and the CLI's hand-made number and time formats: the
// writer buffers, copies literal keys unescaped and escapes eight bytes at a time, so its output
// is checked here against a plain byte-by-byte escaper, across buffer spills and long strings.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

#include "output/json_writer.h"
#include "output/message_json.h"

namespace bgplens {
namespace {

// The escaping the CLI contract has always had, one byte at a time.
std::string reference_escape(std::string_view text) {
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::string written(std::string_view text) {
  std::string out;
  JsonWriter(out).value(text);
  return out;
}

TEST(JsonWriter, CommasBetweenElementsAndNoneAfterKeysOrOpenings) {
  std::string out;
  {
    JsonWriter json(out);
    json.begin_object();
    json.key("a").value(1);
    json.key("b").begin_array().value("x").begin_array().end_array().begin_object().end_object();
    json.null().value(true).value(false).end_array();
    json.key("c").begin_object().key("d").null().end_object();
    json.key(std::string("e\"f")).raw_number("1.5");
    json.end_object();
  }
  EXPECT_EQ(out, R"({"a":1,"b":["x",[],{},null,true,false],"c":{"d":null},"e\"f":1.5})");
}

TEST(JsonWriter, TheOutputIsCompleteWhenTheOutermostValueCloses) {
  std::string out = "before ";
  JsonWriter json(out);
  json.begin_object().key("n").value(7);
  json.end_object();
  EXPECT_EQ(out, R"(before {"n":7})");
  out += '\n';  // as the decode command ends a line while its writer lives
  json.begin_array().value(std::uint64_t{1}).end_array();
  json.value("top");
  EXPECT_EQ(out, "before {\"n\":7}\n[1]\"top\"");
}

TEST(JsonWriter, NumbersAtTheirLimits) {
  std::string out;
  {
    JsonWriter json(out);
    json.begin_array();
    for (const std::uint64_t v :
         {std::uint64_t{0}, std::uint64_t{9}, std::uint64_t{10}, std::uint64_t{99},
          std::uint64_t{100}, std::uint64_t{65535}, std::numeric_limits<std::uint64_t>::max()})
      json.value(v);
    json.value(std::numeric_limits<std::int64_t>::min());
    json.value(std::int64_t{-1}).value(-10).value(std::uint32_t{4294967295U});
    json.end_array();
  }
  EXPECT_EQ(out,
            "[0,9,10,99,100,65535,18446744073709551615,-9223372036854775808,-1,-10,4294967295]");
}

TEST(JsonWriter, EscapesEveryByteAsTheReferenceDoes) {
  std::string all;
  for (int c = 0; c < 256; ++c)
    all += static_cast<char>(c);
  EXPECT_EQ(written(all), reference_escape(all));
  std::string out;
  JsonWriter::escape_into(out, all);
  EXPECT_EQ(out, reference_escape(all));
  EXPECT_EQ(written("caf\xc3\xa9 \x7f"), "\"caf\xc3\xa9 \x7f\"");  // UTF-8 and DEL as they are
  EXPECT_EQ(written(""), "\"\"");
}

// Strings of every length around the eight-byte steps, with the byte to escape at every place.
TEST(JsonWriter, EscapesAtEveryPositionOfShortStrings) {
  for (std::size_t length = 0; length <= 40; ++length) {
    const std::string plain(length, 'a');
    ASSERT_EQ(written(plain), reference_escape(plain));
    for (std::size_t at = 0; at < length; ++at) {
      for (const char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
        std::string text = plain;
        text[at] = special;
        ASSERT_EQ(written(text), reference_escape(text)) << length << " " << at;
      }
    }
  }
}

TEST(JsonWriter, RandomStringsAndDocumentsLargerThanTheBuffer) {
  std::mt19937 random(7);
  auto random_text = [&](std::size_t length) {
    std::string text(length, ' ');
    for (char& c : text)  // mostly letters, one byte in eight anything
      c = static_cast<char>(random() % 8 == 0 ? random() % 256 : 'a' + random() % 26);
    return text;
  };
  std::string expected = "[";
  std::string out;
  {
    JsonWriter json(out);
    json.begin_array();
    for (int i = 0; i < 3000; ++i) {
      // Mostly short strings, some longer than the writer's whole buffer.
      const std::string text = random_text(i % 97 == 0 ? random() % 40000 : random() % 64);
      const std::string name = random_text(random() % 16);
      if (i > 0) expected += ',';
      json.begin_object().key("n").value(i).key(name).value(text).end_object();
      expected += "{\"n\":" + std::to_string(i) + "," + reference_escape(name) + ":" +
                  reference_escape(text) + "}";
    }
    json.end_array();
  }
  EXPECT_EQ(out, expected + "]");
}

TEST(MessageJson, EpochSecondsWithMicroOrNanosecondDigits) {
  EXPECT_EQ(epoch_seconds(1'464'066'163'908'499'000), "1464066163.908499");
  EXPECT_EQ(epoch_seconds(1'464'066'163'908'499'001), "1464066163.908499001");
  EXPECT_EQ(epoch_seconds(0), "0.000000");
  EXPECT_EQ(epoch_seconds(5'000), "0.000005");
  EXPECT_EQ(epoch_seconds(5), "0.000000005");
  EXPECT_EQ(epoch_seconds(-1'500'000'000), "-1.500000");
  EXPECT_EQ(epoch_seconds(-7), "-0.000000007");
  EXPECT_EQ(epoch_seconds(std::numeric_limits<std::int64_t>::max()), "9223372036.854775807");
  EXPECT_EQ(epoch_seconds(std::numeric_limits<std::int64_t>::min()), "-9223372036.854775808");
}

}  // namespace
}  // namespace bgplens
