#include "probe/turn/turn_probe.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/probe/net/loopback_server.hpp"
#include "tests/probe/turn/stun_messages.hpp"
#include "tests/probe/turn/udp_responder.hpp"

namespace turn = mra::probe::turn;
using mra::Deadline;
using mra::facts::TurnOutcome;
using mra::test::Datagrams;
using mra::test::UdpRequest;
using mra::test::UdpResponder;
using namespace std::chrono_literals;

namespace {

std::int64_t elapsed_ms(Deadline::Clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Deadline::Clock::now() - since).count();
}

turn::TurnTarget target_at(std::uint16_t port, std::string address = "127.0.0.1") {
    return {"expe1.example.com", port, std::move(address)};
}

// Quick retransmissions for tests that must wait them out: sends at 0, 50, 150, 350 ms, gives up at 750.
const turn::Retransmission quick{50ms, 4};

std::vector<std::uint8_t> bytes_of(const std::string& text) {
    return {text.begin(), text.end()};
}

}  // namespace

TEST_CASE("turn probe: a STUN server answers with where it saw us, over IPv4 and IPv6") {
    std::string seen_from;
    bool named_us = false;
    const auto handler = [&](const UdpRequest& request) {
        seen_from = request.from;
        const std::string text(request.bytes.begin(), request.bytes.end());
        named_us = text.find("mra-preflight") != std::string::npos;
        return Datagrams{mra::test::binding_success(request, "coturn-4.6.1 'Gorst'")};
    };
    SUBCASE("IPv4") {
        UdpResponder server(handler);
        const auto endpoint = turn::probe_turn(target_at(server.port()), Deadline(2s));
        CHECK(endpoint.outcome == TurnOutcome::answered);
        CHECK(endpoint.error.empty());
        CHECK(endpoint.host == "expe1.example.com");
        CHECK(endpoint.port == server.port());
        CHECK(endpoint.address == "127.0.0.1");
        CHECK(endpoint.mapped_address == seen_from);
        CHECK(endpoint.mapped_address.rfind("127.0.0.1:", 0) == 0);
        CHECK(endpoint.software == "coturn-4.6.1 'Gorst'");
        CHECK(endpoint.attempts == 1);
        CHECK(endpoint.rtt_ms >= 0);
        CHECK(endpoint.rtt_ms < 1000);
        CHECK(named_us);
    }
    SUBCASE("IPv6") {
        UdpResponder server(handler, "::1");
        const auto endpoint = turn::probe_turn(target_at(server.port(), "::1"), Deadline(2s));
        CHECK(endpoint.outcome == TurnOutcome::answered);
        CHECK(endpoint.address == "::1");
        CHECK(endpoint.mapped_address == seen_from);
        CHECK(endpoint.mapped_address.rfind("[::1]:", 0) == 0);
    }
    SUBCASE("a bracketed IPv6 literal") {
        UdpResponder server(handler, "::1");
        const auto endpoint = turn::probe_turn(target_at(server.port(), "[::1]"), Deadline(2s));
        CHECK(endpoint.outcome == TurnOutcome::answered);
        CHECK(endpoint.address == "::1");
    }
}

TEST_CASE("turn probe: a server that never answers is retransmitted to, then given up on in time") {
    UdpResponder server([](const UdpRequest&) { return Datagrams{}; });

    SUBCASE("the attempt cap ends it first") {
        const auto start = Deadline::Clock::now();
        const auto endpoint = turn::probe_turn(target_at(server.port()), Deadline(3s), quick);
        const auto elapsed = elapsed_ms(start);
        CHECK(endpoint.outcome == TurnOutcome::no_response);
        CHECK(endpoint.attempts == 4);
        CHECK(server.requests() == 4);
        CHECK(elapsed >= 750);
        CHECK(elapsed < 1500);
        CHECK(endpoint.error.find("127.0.0.1:" + std::to_string(server.port()) +
                                  ": no answer to 4 Binding requests within") == 0);
        CHECK(endpoint.mapped_address.empty());
    }
    SUBCASE("the deadline ends it first: RFC 5389 timing, sends at 0 and 500 ms") {
        const auto start = Deadline::Clock::now();
        const auto endpoint = turn::probe_turn(target_at(server.port()), Deadline(1000ms));
        const auto elapsed = elapsed_ms(start);
        CHECK(endpoint.outcome == TurnOutcome::no_response);
        CHECK(endpoint.attempts == 2);
        CHECK(elapsed >= 1000);
        CHECK(elapsed < 1500);
    }
}

TEST_CASE("turn probe: the answer to a retransmission counts") {
    UdpResponder server([](const UdpRequest& request) {
        return request.index == 0 ? Datagrams{} : Datagrams{mra::test::binding_success(request)};
    });
    const auto endpoint = turn::probe_turn(target_at(server.port()), Deadline(3s), quick);
    CHECK(endpoint.outcome == TurnOutcome::answered);
    CHECK(endpoint.attempts == 2);
}

TEST_CASE("turn probe: datagrams that are not the answer are passed over") {
    SUBCASE("garbage first, then the answer") {
        UdpResponder server([](const UdpRequest& request) {
            return Datagrams{bytes_of("HTTP/1.1 400 Bad Request\r\n\r\n"), mra::test::binding_success(request)};
        });
        const auto endpoint = turn::probe_turn(target_at(server.port()), Deadline(2s));
        CHECK(endpoint.outcome == TurnOutcome::answered);
        CHECK(endpoint.attempts == 1);
        CHECK(endpoint.error.empty());
    }
    SUBCASE("an answer to another transaction first, then ours") {
        UdpResponder server([](const UdpRequest& request) {
            turn::TransactionId other = mra::test::transaction_of(request.bytes);
            other[0] ^= 0xff;
            return Datagrams{mra::test::StunMessage(turn::binding_success_type, other).address("10.0.0.1", 1).bytes(),
                             mra::test::binding_success(request)};
        });
        const auto endpoint = turn::probe_turn(target_at(server.port()), Deadline(2s));
        CHECK(endpoint.outcome == TurnOutcome::answered);
        CHECK(endpoint.mapped_address.rfind("127.0.0.1:", 0) == 0);
    }
    SUBCASE("only garbage: malformed, with the reason") {
        UdpResponder server([](const UdpRequest&) { return Datagrams{bytes_of("HTTP/1.1 400 Bad Request\r\n\r\n")}; });
        const auto endpoint = turn::probe_turn(target_at(server.port()), Deadline(3s), quick);
        CHECK(endpoint.outcome == TurnOutcome::malformed);
        CHECK(endpoint.attempts == 4);
        CHECK(endpoint.error == "127.0.0.1:" + std::to_string(server.port()) +
                                    ": the first two bits are not zero: not a STUN message (RFC 5389 §6) (the last of "
                                    "4 invalid datagrams)");
    }
    SUBCASE("only answers to other transactions: no response, and they are mentioned") {
        UdpResponder server([](const UdpRequest&) {
            return Datagrams{mra::test::StunMessage(turn::binding_success_type, turn::TransactionId{})
                                 .address("10.0.0.1", 1)
                                 .bytes()};
        });
        const auto endpoint = turn::probe_turn(target_at(server.port()), Deadline(3s), quick);
        CHECK(endpoint.outcome == TurnOutcome::no_response);
        CHECK(endpoint.error.find("(ignored 4 datagrams for another transaction)") != std::string::npos);
    }
}

TEST_CASE("turn probe: an error response is reported with its code and reason") {
    UdpResponder server([](const UdpRequest& request) {
        return Datagrams{mra::test::StunMessage(turn::binding_error_type, mra::test::transaction_of(request.bytes))
                             .error_code(420, "Unknown Attribute")
                             .software("picky")
                             .bytes()};
    });
    const auto endpoint = turn::probe_turn(target_at(server.port()), Deadline(2s));
    CHECK(endpoint.outcome == TurnOutcome::error_response);
    CHECK(endpoint.error_code == 420);
    CHECK(endpoint.error_reason == "Unknown Attribute");
    CHECK(endpoint.software == "picky");
    CHECK(endpoint.error ==
          "127.0.0.1:" + std::to_string(server.port()) + ": Binding error response 420 Unknown Attribute");
}

TEST_CASE("turn probe: a closed port answers with ICMP port unreachable, at once") {
    const auto port = mra::test::closed_port();  // a free TCP port number; nothing binds it for UDP either
    const auto start = Deadline::Clock::now();
    const auto endpoint = turn::probe_turn(target_at(port), Deadline(3s));
    CHECK(endpoint.outcome == TurnOutcome::network_error);
    CHECK(endpoint.error ==
          "127.0.0.1:" + std::to_string(port) + ": receive: ICMP port unreachable: nothing listens there");
    CHECK(endpoint.attempts == 1);
    CHECK(elapsed_ms(start) < 1000);
}

TEST_CASE("turn probe: no usable address is not_resolved, without touching the network") {
    const auto empty = turn::probe_turn(target_at(3478, ""), Deadline(1s));
    CHECK(empty.outcome == TurnOutcome::not_resolved);
    CHECK(empty.error == "no address to send to for expe1.example.com");
    CHECK(empty.attempts == 0);

    const auto name = turn::probe_turn(target_at(3478, "expe1.example.com"), Deadline(1s));
    CHECK(name.outcome == TurnOutcome::not_resolved);
    CHECK(name.error == "expe1.example.com:3478: not an IPv4 or IPv6 address literal");
}
