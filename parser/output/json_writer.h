// A small streaming JSON writer: appends to a string, inserts commas, escapes text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bgplens {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view v);
  JsonWriter& value(const char* v) { return value(std::string_view(v)); }
  JsonWriter& value(std::uint64_t v);
  JsonWriter& value(std::int64_t v);
  JsonWriter& value(std::uint32_t v) { return value(std::uint64_t{v}); }
  JsonWriter& value(int v) { return value(std::int64_t{v}); }
  JsonWriter& value(bool v);
  JsonWriter& null();
  // A number written as given (already valid JSON, e.g. "1464066163.908499").
  JsonWriter& raw_number(std::string_view v);

  static void escape_into(std::string& out, std::string_view text);

 private:
  void separate();
  std::string& out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace bgplens
