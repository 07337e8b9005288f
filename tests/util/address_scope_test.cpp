#include "util/address_scope.hpp"

#include <doctest/doctest.h>

using mra::address_scope;
using mra::AddressScope;

TEST_CASE("address scope: RFC 1918 private ranges and their edges") {
    CHECK(address_scope("9.255.255.255") == AddressScope::global);
    CHECK(address_scope("10.0.0.0") == AddressScope::private_use);
    CHECK(address_scope("10.255.255.255") == AddressScope::private_use);
    CHECK(address_scope("11.0.0.0") == AddressScope::global);
    CHECK(address_scope("172.15.255.255") == AddressScope::global);
    CHECK(address_scope("172.16.0.0") == AddressScope::private_use);
    CHECK(address_scope("172.31.255.255") == AddressScope::private_use);
    CHECK(address_scope("172.32.0.0") == AddressScope::global);
    CHECK(address_scope("192.167.255.255") == AddressScope::global);
    CHECK(address_scope("192.168.0.0") == AddressScope::private_use);
    CHECK(address_scope("192.168.255.255") == AddressScope::private_use);
    CHECK(address_scope("192.169.0.0") == AddressScope::global);
}

TEST_CASE("address scope: RFC 6598 shared space 100.64/10 and its edges") {
    CHECK(address_scope("100.63.255.255") == AddressScope::global);
    CHECK(address_scope("100.64.0.0") == AddressScope::shared);
    CHECK(address_scope("100.127.255.255") == AddressScope::shared);
    CHECK(address_scope("100.128.0.0") == AddressScope::global);
}

TEST_CASE("address scope: link-local 169.254/16 and fe80::/10") {
    CHECK(address_scope("169.253.255.255") == AddressScope::global);
    CHECK(address_scope("169.254.0.0") == AddressScope::link_local);
    CHECK(address_scope("169.254.255.255") == AddressScope::link_local);
    CHECK(address_scope("169.255.0.0") == AddressScope::global);
    CHECK(address_scope("fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff") == AddressScope::global);
    CHECK(address_scope("fe80::") == AddressScope::link_local);
    CHECK(address_scope("FE80::1") == AddressScope::link_local);
    CHECK(address_scope("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff") == AddressScope::link_local);
    CHECK(address_scope("fec0::") == AddressScope::global);  // deprecated site-local (RFC 3879): not in the list
}

TEST_CASE("address scope: unique local fc00::/7 and its edges") {
    CHECK(address_scope("fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff") == AddressScope::global);
    CHECK(address_scope("fc00::") == AddressScope::unique_local);
    CHECK(address_scope("fd12:3456:789a::1") == AddressScope::unique_local);
    CHECK(address_scope("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff") == AddressScope::unique_local);
    CHECK(address_scope("fe00::") == AddressScope::global);
}

TEST_CASE("address scope: loopback, global, IPv4-mapped IPv6 and non-addresses") {
    CHECK(address_scope("127.0.0.1") == AddressScope::loopback);
    CHECK(address_scope("127.255.255.255") == AddressScope::loopback);
    CHECK(address_scope("128.0.0.0") == AddressScope::global);
    CHECK(address_scope("126.255.255.255") == AddressScope::global);
    CHECK(address_scope("::1") == AddressScope::loopback);
    CHECK(address_scope("::2") == AddressScope::global);
    CHECK(address_scope("198.51.100.7") == AddressScope::global);
    CHECK(address_scope("2001:db8::11") == AddressScope::global);
    CHECK(address_scope("::ffff:10.1.2.3") == AddressScope::private_use);
    CHECK(address_scope("::ffff:198.51.100.7") == AddressScope::global);
    CHECK(address_scope("expe1.example.com") == AddressScope::not_an_address);
    CHECK(address_scope("10.0.0") == AddressScope::not_an_address);
    CHECK(address_scope("") == AddressScope::not_an_address);
}

TEST_CASE("address scope: which scopes the internet cannot reach") {
    using mra::unreachable_from_internet;
    CHECK(unreachable_from_internet(AddressScope::private_use));
    CHECK(unreachable_from_internet(AddressScope::shared));
    CHECK(unreachable_from_internet(AddressScope::link_local));
    CHECK(unreachable_from_internet(AddressScope::unique_local));
    CHECK_FALSE(unreachable_from_internet(AddressScope::global));
    CHECK_FALSE(unreachable_from_internet(AddressScope::loopback));  // a local lab: not applicable
    CHECK_FALSE(unreachable_from_internet(AddressScope::not_an_address));
}
