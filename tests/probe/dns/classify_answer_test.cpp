// classify_answer: query()'s reading of a reply, on wire bytes. The fuzz target's seeds
// (tests/fuzz/corpus/dns_answer/, first byte: the question's type) double as fixtures.

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "probe/dns/resolver.hpp"
#include "x509/load.hpp"

namespace {

using mra::facts::DnsOutcome;
using mra::probe::dns::classify_answer;

// A seed without its type byte.
std::vector<std::uint8_t> reply(const std::string& seed) {
    auto bytes = mra::x509::read_file(std::string(MRA_SOURCE_DIR) + "/tests/fuzz/corpus/dns_answer/" + seed);
    bytes.erase(bytes.begin());
    return bytes;
}

}  // namespace

TEST_CASE("dns classify_answer: an SRV reply on the wire reads as query() reads it") {
    const auto result = classify_answer(reply("0-srv-two"), "_collab-edge._tls.example.com", "srv", 0x1234);
    CHECK(result.outcome == DnsOutcome::answer);
    CHECK(result.type == "SRV");
    REQUIRE(result.srv.size() == 2);
    CHECK(result.srv[0].target == "expe2.example.com");  // equal priority: the heavier weight first
    CHECK(result.srv[0].port == 8443);
}

TEST_CASE("dns classify_answer: another ID, another question or bytes that are no DNS are malformed") {
    CHECK(classify_answer(reply("0-srv-two"), "_collab-edge._tls.example.com", "SRV", 1).outcome ==
          DnsOutcome::malformed);
    CHECK(classify_answer(reply("0-srv-two"), "_cisco-uds._tcp.example.com", "SRV", 0x1234).outcome ==
          DnsOutcome::malformed);
    const std::vector<std::uint8_t> garbage{0x12, 0x34, 0x81};
    const auto result = classify_answer(garbage, "example.com", "A", 0x1234);
    CHECK(result.outcome == DnsOutcome::malformed);
    CHECK(result.error.starts_with("unreadable reply: "));
}
