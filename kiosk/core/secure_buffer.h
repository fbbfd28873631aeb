// Secure buffers: strings and vectors whose heap memory is overwritten (sodium_memzero) before it is
// returned to the allocator, so a visitor's answers never linger in freed memory after a
// reallocation, a copy's destruction or the end of a session.
//
// Invariant: every buffer that holds a visitor's answer (text, strokes, review lines, PNG bytes)
// uses these types; wipe_buffer() additionally zeroes the live buffer's whole capacity in place.
// In core because both the forms (answers) and crypto (secret keys) hold secrets in them.
#pragma once
#include <sodium.h>

#include <cstddef>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace kiosk {

template <class T>
struct ZeroingAllocator {
  using value_type = T;
  ZeroingAllocator() noexcept = default;
  template <class U>
  ZeroingAllocator(const ZeroingAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept {
    sodium_memzero(p, n * sizeof(T));
    ::operator delete(p);
  }
  template <class U>
  bool operator==(const ZeroingAllocator<U>&) const noexcept {
    return true;
  }
};

using SecureString = std::basic_string<char, std::char_traits<char>, ZeroingAllocator<char>>;
template <class T>
using SecureVector = std::vector<T, ZeroingAllocator<T>>;

inline SecureString to_secure(std::string_view s) { return SecureString(s.data(), s.size()); }

// Overwrites every byte of the string's storage (size and spare capacity, SSO buffer included)
// and empties it, keeping its capacity. Defined behaviour: resize() to capacity never reallocates
// and value-initialises the spare bytes, then sodium_memzero covers the rest.
template <class Str>
void wipe_buffer(Str& s) {
  s.resize(s.capacity());
  sodium_memzero(s.data(), s.size());
  s.clear();
}

// Zeroes a vector of trivially copyable elements over its whole capacity and empties it.
template <class T, class A>
void wipe_buffer(std::vector<T, A>& v) {
  static_assert(std::is_trivially_copyable_v<T>);
  v.resize(v.capacity());
  if (!v.empty()) sodium_memzero(v.data(), v.size() * sizeof(T));
  v.clear();
}

// Test hook: true when every byte of the buffer's storage, up to its capacity, is zero. Reads the
// storage the container owns (allocated, and written by wipe_buffer) as raw bytes.
template <class Container>
bool buffer_is_zero(const Container& c) {
  const auto* p = reinterpret_cast<const unsigned char*>(c.data());
  std::size_t n = c.capacity() * sizeof(*c.data());
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] != 0) return false;
  return true;
}

}  // namespace kiosk
