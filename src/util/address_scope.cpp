#include "util/address_scope.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

namespace mra {
namespace {

AddressScope ipv4_scope(const std::array<std::uint8_t, 4>& a) {
    if (a[0] == 10 || (a[0] == 172 && (a[1] & 0xf0) == 16) || (a[0] == 192 && a[1] == 168))
        return AddressScope::private_use;
    if (a[0] == 100 && (a[1] & 0xc0) == 64) return AddressScope::shared;
    if (a[0] == 169 && a[1] == 254) return AddressScope::link_local;
    if (a[0] == 127) return AddressScope::loopback;
    return AddressScope::global;
}

AddressScope ipv6_scope(const std::array<std::uint8_t, 16>& a) {
    static constexpr std::array<std::uint8_t, 12> mapped_prefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(mapped_prefix.begin(), mapped_prefix.end(), a.begin()))
        return ipv4_scope({a[12], a[13], a[14], a[15]});
    if ((a[0] & 0xfe) == 0xfc) return AddressScope::unique_local;
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) return AddressScope::link_local;
    static constexpr std::array<std::uint8_t, 16> loopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    if (a == loopback) return AddressScope::loopback;
    return AddressScope::global;
}

}  // namespace

AddressScope address_scope(std::string_view address) {
    const std::string text(address);
    std::array<std::uint8_t, 4> v4{};
    if (inet_pton(AF_INET, text.c_str(), v4.data()) == 1) return ipv4_scope(v4);
    std::array<std::uint8_t, 16> v6{};
    if (inet_pton(AF_INET6, text.c_str(), v6.data()) == 1) return ipv6_scope(v6);
    return AddressScope::not_an_address;
}

bool unreachable_from_internet(AddressScope scope) {
    return scope == AddressScope::private_use || scope == AddressScope::shared || scope == AddressScope::link_local ||
           scope == AddressScope::unique_local;
}

std::string_view to_string(AddressScope scope) {
    switch (scope) {
        case AddressScope::global:
            return "global";
        case AddressScope::private_use:
            return "private (RFC 1918)";
        case AddressScope::shared:
            return "shared address space for carrier-grade NAT (RFC 6598)";
        case AddressScope::link_local:
            return "link-local (RFC 3927, RFC 4291)";
        case AddressScope::unique_local:
            return "unique local (RFC 4193)";
        case AddressScope::loopback:
            return "loopback";
        case AddressScope::not_an_address:
            return "not an address";
    }
    return "unknown";
}

}  // namespace mra
