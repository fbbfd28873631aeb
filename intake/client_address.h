// The real client address of a request: the TCP peer, or, only when that peer is a trusted proxy,
// the right-most address in X-Forwarded-For that is not itself a trusted proxy. Rate limits key on it.
//
// Invariant: a client that is not a trusted proxy can never choose its own address by sending an
// X-Forwarded-For header.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace intake {

// An IPv4 or IPv6 address or CIDR range ("10.0.0.0/8", "::1", "127.0.0.1"). IPv4 is held as an
// IPv4-mapped IPv6 address, so "127.0.0.1" also matches "::ffff:127.0.0.1".
class AddressRange {
 public:
  static std::optional<AddressRange> parse(std::string_view text);
  bool contains(std::string_view address) const;

 private:
  std::array<unsigned char, 16> bytes_{};
  int prefix_bits_ = 128;
};

// The address as 16 bytes (IPv4 mapped into IPv6), or nullopt when it is not an address.
std::optional<std::array<unsigned char, 16>> parse_address(std::string_view text);

class ClientAddressResolver {
 public:
  explicit ClientAddressResolver(const std::vector<std::string>& trusted_proxies);
  std::string resolve(const std::string& peer, const std::string& x_forwarded_for) const;
  bool is_trusted(std::string_view address) const;

 private:
  std::vector<AddressRange> trusted_;
};

}  // namespace intake
