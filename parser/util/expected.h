// A value or an error message. GCC 12 only ships std::expected in C++23 mode, and the project
// is C++20, so this is the small subset we need; swap for std::expected when the toolchain moves.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace bgplens {

struct Unexpected {
  std::string message;
};

inline Unexpected unexpected(std::string message) {
  return Unexpected{std::move(message)};
}

template <class T>
class Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}           // NOLINT(google-explicit-constructor)
  Expected(Unexpected error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const std::string& error() const { return std::get<1>(state_).message; }

 private:
  std::variant<T, Unexpected> state_;
};

}  // namespace bgplens
