#include "probe/turn/stun.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "tests/probe/turn/stun_messages.hpp"

namespace turn = mra::probe::turn;
using mra::test::StunMessage;
using turn::DatagramKind;

namespace {

std::uint16_t read16(const std::vector<std::uint8_t>& bytes, std::size_t at) {
    return static_cast<std::uint16_t>(bytes[at] << 8 | bytes[at + 1]);
}

std::uint32_t read32(const std::vector<std::uint8_t>& bytes, std::size_t at) {
    return std::uint32_t{read16(bytes, at)} << 16 | read16(bytes, at + 2);
}

const turn::TransactionId id{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

// RFC 5769 §2.2 and §2.3: sample Binding responses (SOFTWARE "test vector", XOR-MAPPED-ADDRESS,
// MESSAGE-INTEGRITY, FINGERPRINT) for this transaction id.
const turn::TransactionId rfc5769_id{0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86, 0xfa, 0x87, 0xdf, 0xae};

const std::vector<std::uint8_t> rfc5769_ipv4_response{
    0x01, 0x01, 0x00, 0x3c, 0x21, 0x12, 0xa4, 0x42, 0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86,
    0xfa, 0x87, 0xdf, 0xae, 0x80, 0x22, 0x00, 0x0b, 0x74, 0x65, 0x73, 0x74, 0x20, 0x76, 0x65, 0x63,
    0x74, 0x6f, 0x72, 0x20, 0x00, 0x20, 0x00, 0x08, 0x00, 0x01, 0xa1, 0x47, 0xe1, 0x12, 0xa6, 0x43,
    0x00, 0x08, 0x00, 0x14, 0x2b, 0x91, 0xf5, 0x99, 0xfd, 0x9e, 0x90, 0xc3, 0x8c, 0x74, 0x89, 0xf9,
    0x2a, 0xf9, 0xba, 0x53, 0xf0, 0x6b, 0xe7, 0xd7, 0x80, 0x28, 0x00, 0x04, 0xc0, 0x7d, 0x4c, 0x96};

const std::vector<std::uint8_t> rfc5769_ipv6_response{
    0x01, 0x01, 0x00, 0x48, 0x21, 0x12, 0xa4, 0x42, 0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86, 0xfa, 0x87, 0xdf,
    0xae, 0x80, 0x22, 0x00, 0x0b, 0x74, 0x65, 0x73, 0x74, 0x20, 0x76, 0x65, 0x63, 0x74, 0x6f, 0x72, 0x20, 0x00, 0x20,
    0x00, 0x14, 0x00, 0x02, 0xa1, 0x47, 0x01, 0x13, 0xa9, 0xfa, 0xa5, 0xd3, 0xf1, 0x79, 0xbc, 0x25, 0xf4, 0xb5, 0xbe,
    0xd2, 0xb9, 0xd9, 0x00, 0x08, 0x00, 0x14, 0xa3, 0x82, 0x95, 0x4e, 0x4b, 0xe6, 0x7b, 0xf1, 0x17, 0x84, 0xc9, 0x7c,
    0x82, 0x92, 0xc2, 0x75, 0xbf, 0xe3, 0xed, 0x41, 0x80, 0x28, 0x00, 0x04, 0xc8, 0xfb, 0x0b, 0x4c};

turn::ParsedDatagram parse(const std::vector<std::uint8_t>& datagram, const turn::TransactionId& expected = id) {
    return turn::parse_binding_response(datagram, expected);
}

std::string malformed_reason(const std::vector<std::uint8_t>& datagram) {
    const auto parsed = parse(datagram);
    CHECK(parsed.kind == DatagramKind::malformed);
    return parsed.error;
}

StunMessage success() {
    return StunMessage(turn::binding_success_type, id);
}

}  // namespace

TEST_CASE("stun: a Binding request is an RFC 5389 message with SOFTWARE and a valid FINGERPRINT last") {
    const auto request = turn::binding_request(id);
    REQUIRE(request.size() == 20 + 4 + 16 + 4 + 4);  // header, SOFTWARE "mra-preflight" padded, FINGERPRINT
    CHECK(read16(request, 0) == 0x0001);
    CHECK(read16(request, 2) == request.size() - 20);
    CHECK(read32(request, 4) == 0x2112A442);
    CHECK(std::equal(id.begin(), id.end(), request.begin() + 8));
    CHECK(read16(request, 20) == 0x8022);
    CHECK(read16(request, 22) == 13);
    CHECK(std::string(request.begin() + 24, request.begin() + 37) == "mra-preflight");
    CHECK(std::all_of(request.begin() + 37, request.begin() + 40, [](std::uint8_t b) { return b == 0; }));
    CHECK(read16(request, 40) == 0x8028);
    CHECK(read16(request, 42) == 4);
    CHECK(read32(request, 44) == turn::fingerprint_of(std::span(request).first(40)));

    SUBCASE("without the optional attributes: the bare header") {
        const auto bare = turn::binding_request(id, {.software = false, .fingerprint = false});
        CHECK(bare.size() == 20);
        CHECK(read16(bare, 2) == 0);
    }
}

TEST_CASE("stun: transaction ids are random") {
    CHECK(turn::random_transaction_id() != turn::random_transaction_id());
}

TEST_CASE("stun: the RFC 5769 sample responses parse, FINGERPRINT checked, MESSAGE-INTEGRITY skipped") {
    SUBCASE("IPv4") {
        const auto parsed = parse(rfc5769_ipv4_response, rfc5769_id);
        REQUIRE(parsed.kind == DatagramKind::response);
        CHECK(parsed.response.success);
        CHECK(parsed.response.xor_mapped_address == "192.0.2.1:32853");
        CHECK(parsed.response.software == "test vector");
        CHECK(parsed.response.fingerprint);
    }
    SUBCASE("IPv6") {
        const auto parsed = parse(rfc5769_ipv6_response, rfc5769_id);
        REQUIRE(parsed.kind == DatagramKind::response);
        CHECK(parsed.response.xor_mapped_address == "[2001:db8:1234:5678:11:2233:4455:6677]:32853");
        CHECK(parsed.response.fingerprint);
    }
    SUBCASE("one changed byte breaks the FINGERPRINT") {
        auto changed = rfc5769_ipv4_response;
        changed[24] ^= 0x20;  // "test vector" → "Test vector"
        const auto parsed = parse(changed, rfc5769_id);
        CHECK(parsed.kind == DatagramKind::malformed);
        CHECK(parsed.error == "FINGERPRINT does not match the message (§15.5)");
    }
}

TEST_CASE("stun: responses built by a server round-trip") {
    SUBCASE("XOR-MAPPED-ADDRESS over IPv4, with SOFTWARE and FINGERPRINT") {
        const auto parsed =
            parse(success().software("coturn-4.6.1").address("198.51.100.7", 61000).fingerprint().bytes());
        REQUIRE(parsed.kind == DatagramKind::response);
        CHECK(parsed.response.xor_mapped_address == "198.51.100.7:61000");
        CHECK(parsed.response.mapped_address.empty());
        CHECK(parsed.response.software == "coturn-4.6.1");
        CHECK(parsed.response.fingerprint);
    }
    SUBCASE("XOR-MAPPED-ADDRESS over IPv6: the address is masked with cookie and transaction id") {
        const auto message = success().address("2001:db8::1", 3478).bytes();
        // The masked address is not the address in the clear.
        CHECK(message[28] != 0x20);
        const auto parsed = parse(message);
        REQUIRE(parsed.kind == DatagramKind::response);
        CHECK(parsed.response.xor_mapped_address == "[2001:db8::1]:3478");
        CHECK_FALSE(parsed.response.fingerprint);
    }
    SUBCASE("MAPPED-ADDRESS only, as an RFC 3489 server answers") {
        const auto parsed = parse(success().address("192.0.2.9", 1024, false).bytes());
        REQUIRE(parsed.kind == DatagramKind::response);
        CHECK(parsed.response.mapped_address == "192.0.2.9:1024");
        CHECK(parsed.response.xor_mapped_address.empty());
    }
    SUBCASE("both: each is reported, and only the first of a repeated attribute counts") {
        const auto parsed =
            parse(success().address("192.0.2.1", 1, false).address("192.0.2.2", 2).address("192.0.2.3", 3).bytes());
        REQUIRE(parsed.kind == DatagramKind::response);
        CHECK(parsed.response.mapped_address == "192.0.2.1:1");
        CHECK(parsed.response.xor_mapped_address == "192.0.2.2:2");
    }
    SUBCASE("an error response: class × 100 + number, and the reason") {
        const auto parsed =
            parse(StunMessage(turn::binding_error_type, id).error_code(401, "Unauthorized").software("x").bytes());
        REQUIRE(parsed.kind == DatagramKind::response);
        CHECK_FALSE(parsed.response.success);
        CHECK(parsed.response.error_code == 401);
        CHECK(parsed.response.error_reason == "Unauthorized");
        CHECK(parsed.response.software == "x");
    }
    SUBCASE("unknown attributes are skipped") {
        const auto parsed = parse(success().attribute(0x802b, {1, 2, 3, 4, 5}).address("192.0.2.1", 9).bytes());
        REQUIRE(parsed.kind == DatagramKind::response);
        CHECK(parsed.response.xor_mapped_address == "192.0.2.1:9");
    }
    SUBCASE("text from the server is made one line") {
        const auto parsed = parse(success().software("evil\r\nX-Injected: 1").address("192.0.2.1", 9).bytes());
        REQUIRE(parsed.kind == DatagramKind::response);
        CHECK(parsed.response.software == "evil  X-Injected: 1");
    }
}

TEST_CASE("stun: a datagram for another transaction is told apart from a malformed one") {
    const auto message = success().address("192.0.2.1", 9).bytes();
    auto other = id;
    other[11] ^= 1;
    const auto parsed = parse(message, other);
    CHECK(parsed.kind == DatagramKind::other_transaction);
    CHECK(parsed.error == "a STUN message for another transaction id");
}

TEST_CASE("stun: malformed datagrams are rejected with a reason") {
    const auto valid = success().address("192.0.2.1", 9).bytes();

    SUBCASE("empty and truncated headers") {
        CHECK(malformed_reason({}) == "0 bytes, shorter than a STUN header (20)");
        CHECK(malformed_reason(std::vector(valid.begin(), valid.begin() + 19)) ==
              "19 bytes, shorter than a STUN header (20)");
    }
    SUBCASE("a wrong magic cookie: not RFC 5389") {
        CHECK(malformed_reason(StunMessage(turn::binding_success_type, id, 0x2112A443).bytes()) ==
              "magic cookie 0x2112a443 instead of 0x2112a442: not RFC 5389 STUN");
    }
    SUBCASE("the first two bits set: not STUN at all (RTP, TLS …)") {
        auto changed = valid;
        changed[0] |= 0x80;
        CHECK(malformed_reason(changed) == "the first two bits are not zero: not a STUN message (RFC 5389 §6)");
    }
    SUBCASE("the body cut short: the length field says more than arrived") {
        CHECK(malformed_reason(std::vector(valid.begin(), valid.end() - 4)) ==
              "message length 12 does not match the 8 bytes after the header");
    }
    SUBCASE("trailing bytes beyond the length field") {
        auto longer = valid;
        longer.insert(longer.end(), {0, 0, 0, 0});
        CHECK(malformed_reason(longer) == "message length 12 does not match the 16 bytes after the header");
    }
    SUBCASE("a length that is not a multiple of 4") {
        auto changed = valid;
        changed[3] = 11;
        CHECK(malformed_reason(changed) == "message length 11 is not a multiple of 4");
    }
    SUBCASE("an attribute that overruns the datagram") {
        auto changed = valid;
        changed[23] = 0x40;  // XOR-MAPPED-ADDRESS claims 64 bytes
        CHECK(malformed_reason(changed) == "attribute 0x0020 at offset 20 claims 64 bytes; only 8 remain");
    }
    SUBCASE("an attribute whose padding overruns the datagram") {
        const auto message = success().attribute(0x8022, {'a', 'b', 'c', 'd'}).bytes();
        auto changed = message;
        changed[23] = 5;  // 5 bytes would need 8 with padding; 4 remain
        CHECK(malformed_reason(changed) == "attribute 0x8022 at offset 20 claims 5 bytes; only 4 remain");
    }
    SUBCASE("a Binding request echoed back is not a response") {
        const auto echoed = turn::binding_request(id);
        CHECK(malformed_reason(echoed) == "message type 0x0001 is not a Binding response");
    }
    SUBCASE("a success response without a mapped address") {
        CHECK(malformed_reason(success().software("x").bytes()) ==
              "a Binding success response without XOR-MAPPED-ADDRESS or MAPPED-ADDRESS");
    }
    SUBCASE("an error response without ERROR-CODE") {
        CHECK(malformed_reason(StunMessage(turn::binding_error_type, id).bytes()) ==
              "a Binding error response without ERROR-CODE");
    }
    SUBCASE("an ERROR-CODE out of range") {
        CHECK(malformed_reason(StunMessage(turn::binding_error_type, id).error_code(700, "x").bytes()) ==
              "ERROR-CODE with class 7 and number 0 (§15.6: class 3–6, number 0–99)");
        CHECK(malformed_reason(StunMessage(turn::binding_error_type, id).attribute(0x0009, {0, 0}).bytes()) ==
              "ERROR-CODE of 2 bytes");
    }
    SUBCASE("an address of an unknown family or the wrong size") {
        CHECK(malformed_reason(success().attribute(0x0020, {0, 3, 0, 1, 1, 2, 3, 4}).bytes()) ==
              "XOR-MAPPED-ADDRESS has the unknown address family 0x03");
        CHECK(malformed_reason(success().attribute(0x0020, {0, 2, 0, 1, 1, 2, 3, 4}).bytes()) ==
              "XOR-MAPPED-ADDRESS for IPv6 of 8 bytes instead of 20");
        CHECK(malformed_reason(success().attribute(0x0001, {0, 1}).bytes()) == "MAPPED-ADDRESS of 2 bytes");
    }
    SUBCASE("anything after FINGERPRINT") {
        const auto message = success().address("192.0.2.1", 9).fingerprint().software("late").bytes();
        CHECK(malformed_reason(message) == "FINGERPRINT at offset 32 is not the last attribute (§15.5)");
    }
}

TEST_CASE("stun: random garbage and mutated responses never read out of bounds or pass as ours") {
    std::mt19937 random(20270115);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int round = 0; round < 5000; ++round) {
        std::vector<std::uint8_t> garbage(static_cast<std::size_t>(byte(random)));
        for (auto& b : garbage) b = static_cast<std::uint8_t>(byte(random));
        CHECK_FALSE(parse(garbage).kind == DatagramKind::response);
    }
    const auto valid = success().software("server").address("2001:db8::1", 3478).fingerprint().bytes();
    int answered = 0;
    for (int round = 0; round < 5000; ++round) {
        auto mutated = valid;
        for (int flips = 1 + byte(random) % 4; flips > 0; --flips) {
            mutated[static_cast<std::size_t>(byte(random)) % mutated.size()] = static_cast<std::uint8_t>(byte(random));
        }
        const auto parsed = parse(mutated);
        if (parsed.kind == DatagramKind::response)
            ++answered;
        else
            CHECK_FALSE(parsed.error.empty());
    }
    // FINGERPRINT catches nearly every change; only flips that leave the bytes as they were pass.
    CHECK(answered < 500);
}
