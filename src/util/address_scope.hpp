#pragma once
// Where an IP address can be reached from: the special-purpose ranges (RFC 6890 registry) that an
// Expressway-E published in public DNS must not be in. A pure function: no I/O.

#include <string_view>

namespace mra {

enum class AddressScope {
    global,        // nothing below: reachable from the internet as far as the address tells
    private_use,   // 10/8, 172.16/12, 192.168/16 (RFC 1918 §3)
    shared,        // 100.64/10, carrier-grade NAT (RFC 6598 §7)
    link_local,    // 169.254/16 (RFC 3927 §2.1), fe80::/10 (RFC 4291 §2.5.6)
    unique_local,  // fc00::/7 (RFC 4193 §3.1)
    loopback,      // 127/8 (RFC 1122 §3.2.1.3), ::1 (RFC 4291 §2.5.3)
    not_an_address,
};

// The scope of a literal IPv4 or IPv6 address; an IPv4-mapped IPv6 address (::ffff:a.b.c.d,
// RFC 4291 §2.5.5.2) has its IPv4 address's scope.
AddressScope address_scope(std::string_view address);

// An address of this scope cannot be reached from the internet: an outside client never gets there.
bool unreachable_from_internet(AddressScope scope);

// "private (RFC 1918)", "shared address space (RFC 6598)", … — for messages.
std::string_view to_string(AddressScope scope);

}  // namespace mra
