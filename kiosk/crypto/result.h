// Result<T>: a value or the reason there is none (C++20 has no std::expected). The crypto functions
// return it where a caller must show or log why something was refused.
//
// Invariant: exactly one of value / error is set; error is human words naming what failed and never
// contains secret or personal bytes.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace kiosk::crypto {

template <class T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit, so `return value;` works
  static Result failure(std::string why) {
    Result r;
    r.error_ = std::move(why);
    return r;
  }

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  const std::string& error() const { return error_; }

  // Throws std::logic_error on a failed result: reading a value that is not there is a bug.
  T& value() {
    if (!value_) throw std::logic_error("Result::value() on a failure: " + error_);
    return *value_;
  }
  const T& value() const {
    if (!value_) throw std::logic_error("Result::value() on a failure: " + error_);
    return *value_;
  }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  Result() = default;
  std::optional<T> value_;
  std::string error_;
};

}  // namespace kiosk::crypto
