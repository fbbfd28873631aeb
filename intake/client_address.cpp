// Address ranges and the X-Forwarded-For rule (see client_address.h).
#include "intake/client_address.h"

#include <arpa/inet.h>

#include <cstring>

namespace intake {

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

std::optional<std::array<unsigned char, 16>> parse_address(std::string_view text) {
  std::string s = trim(text);
  std::array<unsigned char, 16> out{};
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    out[10] = 0xff;
    out[11] = 0xff;
    std::memcpy(out.data() + 12, &v4, 4);
    return out;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(out.data(), &v6, 16);
    return out;
  }
  return std::nullopt;
}

std::optional<AddressRange> AddressRange::parse(std::string_view text) {
  std::string s = trim(text);
  int bits = -1;
  auto slash = s.find('/');
  std::string addr = s.substr(0, slash);
  auto bytes = parse_address(addr);
  if (!bytes) return std::nullopt;
  const bool v4 = addr.find(':') == std::string::npos;
  if (slash != std::string::npos) {
    std::string n = s.substr(slash + 1);
    if (n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string::npos)
      return std::nullopt;
    bits = std::stoi(n);
    if (bits > (v4 ? 32 : 128)) return std::nullopt;
    if (v4) bits += 96;
  } else {
    bits = 128;
  }
  AddressRange r;
  r.bytes_ = *bytes;
  r.prefix_bits_ = bits;
  return r;
}

bool AddressRange::contains(std::string_view address) const {
  auto a = parse_address(address);
  if (!a) return false;
  int bits = prefix_bits_;
  for (std::size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    unsigned char mask = bits >= 8 ? 0xff : static_cast<unsigned char>(0xff << (8 - bits));
    if (((*a)[i] & mask) != (bytes_[i] & mask)) return false;
  }
  return true;
}

ClientAddressResolver::ClientAddressResolver(const std::vector<std::string>& trusted_proxies) {
  for (const auto& t : trusted_proxies)
    if (auto r = AddressRange::parse(t)) trusted_.push_back(*r);
}

bool ClientAddressResolver::is_trusted(std::string_view address) const {
  for (const auto& r : trusted_)
    if (r.contains(address)) return true;
  return false;
}

std::string ClientAddressResolver::resolve(const std::string& peer, const std::string& xff) const {
  if (!is_trusted(peer) || xff.empty()) return peer;
  // Walk from the right: each trusted hop appended the address it saw; the first untrusted one is
  // the client. Entries left of it were written by the client and prove nothing.
  std::string_view rest = xff;
  while (!rest.empty()) {
    auto comma = rest.rfind(',');
    std::string hop = trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    if (!parse_address(hop)) return peer;  // garbage from a proxy we trust: fall back to the peer
    if (!is_trusted(hop)) return hop;
  }
  return peer;
}

}  // namespace intake
