// A small streaming JSON writer: inserts commas, escapes text, appends to a string.
//
// Built for the CLI's decode output (a billion bytes of JSON for a 200 MiB capture): every
// token is written into a buffer inside the writer, with one bounds check, and the buffer goes
// to the string in one append when the outermost value closes (or when it fills). Keys given as
// string literals are checked when compiling and copied as they are, without escaping.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace bgplens {

// A key that is a string literal: checked when compiling to need no JSON escaping.
class JsonKey {
 public:
  template <std::size_t N>
  consteval JsonKey(const char (&literal)[N])  // NOLINT(google-explicit-constructor): key("n")
      : text_(literal, N - 1) {
    // A throw in a consteval function is a compile error: this key must be escaped, or is too
    // long to be written with one bounds check; pass it as a std::string_view instead.
    if (N - 1 > kMaxSize) throw "JsonKey: key too long";
    for (const char c : text_) {
      if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\')
        throw "JsonKey: key needs escaping";
    }
  }
  constexpr std::string_view text() const { return text_; }

  static constexpr std::size_t kMaxSize = 64;

 private:
  std::string_view text_;
};

// What a key given at run time can be: anything that converts to std::string_view except a
// char array (a string literal, which is a JsonKey).
template <typename T>
concept JsonRuntimeText = !std::is_array_v<T> && std::is_convertible_v<const T&, std::string_view>;

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}
  ~JsonWriter() { flush(); }
  // The writer holds bytes not yet in `out`: a copy would write them twice.
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }

  // A string literal: copied without escaping (see JsonKey).
  JsonWriter& key(JsonKey k) {
    const std::string_view text = k.text();
    reserve(text.size() + 4);  // comma, two quotes, colon
    char* p = separate();
    *p++ = '"';
    std::memcpy(p, text.data(), text.size());
    p += text.size();
    *p++ = '"';
    *p++ = ':';
    size_ = static_cast<std::size_t>(p - buffer_);
    comma_ = false;
    return *this;
  }
  // Any other key (std::string, std::string_view, const char*): escaped. A template, so that
  // a string literal matches key(JsonKey) alone instead of being ambiguous between the two.
  template <JsonRuntimeText Text>
  JsonWriter& key(const Text& k) {
    return runtime_key(std::string_view(k));
  }

  JsonWriter& value(std::string_view v);
  JsonWriter& value(const char* v) { return value(std::string_view(v)); }
  JsonWriter& value(std::uint64_t v) {
    reserve(1 + 20);  // comma, 18446744073709551615
    size_ = static_cast<std::size_t>(put_unsigned(separate(), v) - buffer_);
    return done();
  }
  JsonWriter& value(std::int64_t v) {
    reserve(1 + 20);  // comma, -9223372036854775808
    char* p = separate();
    if (v < 0) {
      *p++ = '-';
      p = put_unsigned(p, 0 - static_cast<std::uint64_t>(v));
    } else {
      p = put_unsigned(p, static_cast<std::uint64_t>(v));
    }
    size_ = static_cast<std::size_t>(p - buffer_);
    return done();
  }
  JsonWriter& value(std::uint32_t v) { return value(std::uint64_t{v}); }
  JsonWriter& value(int v) { return value(std::int64_t{v}); }
  JsonWriter& value(bool v) { return v ? literal("true") : literal("false"); }
  JsonWriter& null() { return literal("null"); }
  // A number written as given (already valid JSON, e.g. "1464066163.908499").
  JsonWriter& raw_number(std::string_view v) { return raw(v); }

  // Moves the bytes written so far into `out`. Done by itself whenever the outermost value
  // closes and on destruction, so `out` is complete between top-level values.
  void flush();

  // Appends `text` as a JSON string: between quotes, with '"', '\\' and control characters
  // escaped (\n, \r and \t by name, the others as \u00XX); other bytes, UTF-8 included, as
  // they are.
  static void escape_into(std::string& out, std::string_view text);

 private:
  // Large enough for any message of the plain output in one piece; a field tree may take
  // several.
  static constexpr std::size_t kCapacity = 16384;
  // Strings longer than this go to `out` directly instead of through the buffer.
  static constexpr std::size_t kLongString = kCapacity / 2;

  // Makes room for `n` more bytes (n <= kCapacity).
  void reserve(std::size_t n) {
    if (kCapacity - size_ < n) flush();
  }
  // Writes the comma before an element that is not the first of its container; returns where
  // the element goes. The writers work on a local pointer and store size_ once at the end:
  // through `buffer_[size_++]` each byte written (a char may alias anything) reloaded size_.
  char* separate() {
    char* p = buffer_ + size_;
    *p = ',';
    return p + comma_;  // the comma stays only when one is due
  }
  // After a complete value: the next element needs a comma, unless this was the outermost.
  JsonWriter& done() {
    comma_ = depth_ != 0;
    if (depth_ == 0) flush();
    return *this;
  }
  JsonWriter& open(char bracket) {
    reserve(2);
    char* p = separate();
    *p++ = bracket;
    size_ = static_cast<std::size_t>(p - buffer_);
    comma_ = false;
    ++depth_;
    return *this;
  }
  JsonWriter& close(char bracket) {
    reserve(1);
    buffer_[size_++] = bracket;
    --depth_;
    return done();
  }
  // Writes `v` at `p`, which has room for 20 digits; returns the end. Numbers below 100
  // (codes, counts, most lengths) inline, the others through std::to_chars.
  static char* put_unsigned(char* p, std::uint64_t v) {
    if (v < 10) {
      *p++ = static_cast<char>('0' + v);
    } else if (v < 100) {
      *p++ = static_cast<char>('0' + v / 10);
      *p++ = static_cast<char>('0' + v % 10);
    } else {
      p = put_long_unsigned(p, v);
    }
    return p;
  }
  static char* put_long_unsigned(char* p, std::uint64_t v);
  // true, false and null: inline, with a copy of known size ("notification":null is in every
  // message but a few).
  template <std::size_t N>
  JsonWriter& literal(const char (&word)[N]) {
    reserve(N);  // comma, the word
    char* p = separate();
    std::memcpy(p, word, N - 1);
    size_ = static_cast<std::size_t>(p + N - 1 - buffer_);
    return done();
  }
  JsonWriter& raw(std::string_view v);
  JsonWriter& runtime_key(std::string_view k);
  // Writes `text` quoted and escaped, the comma before it included.
  void string(std::string_view text);
  // The escaped rest of a string from its first byte that needs escaping, closing quote
  // included.
  void escaped_tail(std::string_view rest);

  std::string& out_;
  std::size_t size_ = 0;     // bytes used in buffer_
  std::uint32_t depth_ = 0;  // containers open
  bool comma_ = false;       // an element was written in the innermost open container
  char buffer_[kCapacity];   // not initialised: only bytes [0, size_) are read
};

}  // namespace bgplens
