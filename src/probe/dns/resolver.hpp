#pragma once
// One DNS question to one resolver, through ldns, classified into facts::DnsQuery. The resolver is
// always the one the user named (the view under test), never the system's stub, so that a run
// against an internal or a lab resolver sees that view only.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "facts/dns.hpp"
#include "util/deadline.hpp"

namespace mra::probe::dns {

struct ResolverAddress {
    std::string host;  // a numeric IPv4 or IPv6 address, as inet_ntop writes it
    std::uint16_t port = 53;

    std::string text() const;  // "127.0.0.1:53", "[::1]:53"
    bool operator==(const ResolverAddress&) const = default;
};

// `ADDR`, `ADDR:PORT`, `[V6]`, `[V6]:PORT`, `V6`, or `system` (the first `nameserver` line of
// `resolv_conf`). Host names are refused: they would need a resolver to find the resolver.
// InputError, one line naming the value, for anything else.
ResolverAddress parse_resolver(std::string_view text, const std::string& resolv_conf = "/etc/resolv.conf");

// Asks `resolver` for `name`/`type` (type: "SRV", "A", "AAAA" or "CNAME") with recursion desired, and
// says how it ended. UDP first, without EDNS, as the stub resolvers of Jabber's platforms ask; a
// truncated answer is asked again over TCP (RFC 1035 §4.2.1, RFC 7766 §5). Up to three UDP tries of at
// most 2 s each, then at most 2 s for the whole TCP exchange, all within `deadline`. Never throws;
// never blocks past the deadline, however slowly the server sends.
facts::DnsQuery query(const ResolverAddress& resolver, facts::DnsView view, std::string_view name,
                      std::string_view type, Deadline deadline);

// What `query` makes of the reply `wire` to the question `name`/`type` with ID `id`: the same
// decoding (ldns_wire2pkt) and classification, without the network. Never throws. For the fuzz
// target (tests/fuzz/dns_answer_fuzz.cpp) and tests.
facts::DnsQuery classify_answer(std::span<const std::uint8_t> wire, std::string_view name, std::string_view type,
                                std::uint16_t id);

}  // namespace mra::probe::dns
