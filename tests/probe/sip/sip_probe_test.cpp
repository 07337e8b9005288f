#include "probe/sip/sip_probe.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "probe/net/connection.hpp"
#include "tests/fixture_trust.hpp"
#include "tests/fixtures.hpp"
#include "tests/probe/net/loopback_server.hpp"
#include "tests/probe/sip/sip_test_server.hpp"
#include "tests/probe/tls/test_tls_server.hpp"
#include "x509/load.hpp"

namespace net = mra::probe::net;
namespace sip = mra::probe::sip;
using mra::Deadline;
using mra::facts::SipOutcome;
using mra::facts::TransportOutcome;
using mra::test::fixture;
using mra::test::response_to;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t at = mra::test::fixture_time;
const std::string host = "expe1.example.com";

sip::SipTarget target_at(std::uint16_t port, std::vector<std::string> addresses = {"127.0.0.1"}) {
    return {.host = host, .port = port, .addresses = std::move(addresses), .domain = "example.com"};
}

sip::ServiceRequest service_request() {
    const auto pem = mra::x509::read_file(fixture("certs/healthy/leaf.pem"));
    return {.certificate_pem = std::string(pem.begin(), pem.end())};
}

std::int64_t elapsed_ms(Deadline::Clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Deadline::Clock::now() - since).count();
}

// A TLS server whose every answer comes from `answer`; what it received goes into `log`.
struct SipServer {
    explicit SipServer(mra::test::SipAnswer answer, mra::test::TlsServerSettings settings = {},
                       const std::string& address = "127.0.0.1")
        : log(std::make_shared<mra::test::SipServerLog>()),
          tls(answering(std::move(settings), std::move(answer), log), address) {}

    static mra::test::TlsServerSettings answering(mra::test::TlsServerSettings settings, mra::test::SipAnswer answer,
                                                  std::shared_ptr<mra::test::SipServerLog> log) {
        settings.respond = mra::test::sip_responder(std::move(answer), std::move(log));
        return settings;
    }

    std::shared_ptr<mra::test::SipServerLog> log;
    mra::test::TestTlsServer tls;
};

// A TLS server that reads the first request, sends `reply` and then drops the connection without
// close_notify (a crash, a load balancer timing out).
mra::test::LoopbackServer replies_then_drops(std::string reply) {
    return mra::test::LoopbackServer([reply](net::Connection& connection, const std::atomic<bool>&) {
        static const auto identity = mra::test::ServerIdentity::from_fixture("healthy");
        std::atomic<bool> done{false};
        mra::test::TlsServerSettings settings;
        settings.respond = [&](std::span<const std::uint8_t>) {
            done = true;  // serve_tls stops after sending this
            return std::optional(mra::test::bytes_of(reply));
        };
        mra::test::TlsServerLog log;
        mra::test::serve_tls(connection, done, identity, settings, log);
    });
}

}  // namespace

TEST_CASE("sip probe: a Kamailio-like edge answers OPTIONS 200, REGISTER 407 with its realm, SERVICE 200") {
    SipServer server(mra::test::kamailio_like());
    const auto start = Deadline::Clock::now();
    const auto endpoint = sip::probe_sip(target_at(server.tls.port()), mra::test::fixture_root_store(), at,
                                         {.service = service_request()}, Deadline(10s));
    CHECK(elapsed_ms(start) < 5000);

    // The TLS leg, as the TLS probe records it.
    CHECK(endpoint.tls.service == "sip");
    CHECK(endpoint.tls.host == host);
    CHECK(endpoint.tls.port == server.tls.port());
    CHECK(endpoint.tls.address == "127.0.0.1");
    CHECK(endpoint.tls.outcome == TransportOutcome::established);
    CHECK(endpoint.tls.protocol_version == "TLS v1.2");
    REQUIRE(endpoint.tls.chain.has_value());
    CHECK(endpoint.tls.chain->presented.size() == 2);
    CHECK(endpoint.tls.chain->trust.trusted);
    CHECK(server.tls.sni() == host);

    REQUIRE(endpoint.exchanges.size() == 3);
    const auto& options = endpoint.exchanges[0];
    INFO(options.error);
    CHECK(options.method == "OPTIONS");
    CHECK(options.outcome == SipOutcome::response);
    CHECK(options.status == 200);
    CHECK(options.reason == "OK");
    CHECK(options.server == "TANDBERG/4352 (X14.0.2)");
    CHECK(options.error.empty());
    CHECK(options.elapsed_ms >= 0);

    const auto& registration = endpoint.exchanges[1];
    CHECK(registration.method == "REGISTER");
    CHECK(registration.outcome == SipOutcome::response);
    CHECK(registration.status == 407);
    CHECK(registration.reason == "Proxy Authentication Required");
    CHECK(registration.challenge_scheme == "Digest");
    CHECK(registration.challenge_realm == "expe1.example.com");

    const auto& service = endpoint.exchanges[2];
    CHECK(service.method == "SERVICE");
    CHECK(service.outcome == SipOutcome::response);
    CHECK(service.status == 200);

    // All three on one connection, in order; the SERVICE carried the certificate.
    CHECK(server.log->methods() == std::vector<std::string>{"OPTIONS", "REGISTER", "SERVICE"});
    const auto sent_service = server.log->requests().at(2);
    CHECK(sent_service.starts_with("SERVICE sip:serviceserver@example.com SIP/2.0\r\n"));
    CHECK(sent_service.find("<realm>expe1.example.com</realm>") != std::string::npos);
    CHECK(sent_service.find("MII") != std::string::npos);
}

TEST_CASE("sip probe: SERVICE answered 437 Unsupported Certificate (cert-md5)") {
    SipServer server(mra::test::kamailio_like({.service_status = 437, .service_reason = "Unsupported Certificate"}));
    const auto endpoint = sip::probe_sip(target_at(server.tls.port()), mra::test::fixture_root_store(), at,
                                         {.service = service_request()}, Deadline(10s));
    REQUIRE(endpoint.exchanges.size() == 3);
    CHECK(endpoint.exchanges[2].outcome == SipOutcome::response);
    CHECK(endpoint.exchanges[2].status == 437);
    CHECK(endpoint.exchanges[2].reason == "Unsupported Certificate");
}

TEST_CASE("sip probe: without a SERVICE request only OPTIONS and REGISTER are sent") {
    SipServer server(mra::test::kamailio_like());
    const auto endpoint =
        sip::probe_sip(target_at(server.tls.port()), mra::test::fixture_root_store(), at, {}, Deadline(10s));
    REQUIRE(endpoint.exchanges.size() == 2);
    CHECK(endpoint.exchanges[0].status == 200);
    CHECK(endpoint.exchanges[1].status == 407);
    CHECK(server.log->methods() == std::vector<std::string>{"OPTIONS", "REGISTER"});
}

TEST_CASE("sip probe: the SERVICE exchange alone (sip HOST:PORT --service)") {
    SipServer server(mra::test::kamailio_like());
    auto service = service_request();
    service.domain = "cucm.example.com";
    service.realm = "expe2.example.com";
    const auto endpoint = sip::probe_sip_service(target_at(server.tls.port()), mra::test::fixture_root_store(), at,
                                                 {.service = service}, Deadline(10s));
    CHECK(endpoint.tls.outcome == TransportOutcome::established);
    REQUIRE(endpoint.exchanges.size() == 1);
    CHECK(endpoint.exchanges[0].method == "SERVICE");
    CHECK(endpoint.exchanges[0].status == 200);
    REQUIRE(server.log->requests().size() == 1);
    const auto sent = server.log->requests().front();
    CHECK(sent.starts_with("SERVICE sip:serviceserver@cucm.example.com SIP/2.0\r\n"));
    CHECK(sent.find("<realm>expe2.example.com</realm>") != std::string::npos);

    SUBCASE("without a SERVICE request nothing is sent") {
        const auto none = sip::probe_sip_service(target_at(server.tls.port()), mra::test::fixture_root_store(), at, {},
                                                 Deadline(10s));
        REQUIRE(none.exchanges.size() == 1);
        CHECK(none.exchanges[0].outcome == SipOutcome::not_sent);
        CHECK(none.exchanges[0].error == "not sent: no SERVICE request was given");
    }
}

TEST_CASE("sip probe: provisional responses and stray messages are skipped until the final response") {
    SipServer server([](const std::string& request, const sip::Message& parsed) {
        if (parsed.method != "REGISTER") return response_to(request, 200, "OK");
        // A request from the server, a response to some other transaction, a 100 and a 183, then the 407.
        const std::string other_branch = std::string(request).replace(request.find(";branch=z9hG4bK") + 15, 4, "XXXX");
        return "NOTIFY sip:mra-preflight@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bKn\r\n"
               "Call-ID: n@h\r\nCSeq: 1 NOTIFY\r\nContent-Length: 0\r\n\r\n" +
               response_to(other_branch, 200, "OK") + "\r\n\r\n" + response_to(request, 100, "Trying") +
               response_to(request, 183, "Progress") +
               response_to(request, 407, "Proxy Authentication Required",
                           "Proxy-Authenticate: Digest realm=\"expe1.example.com\", nonce=\"1\"\r\n");
    });
    const auto endpoint =
        sip::probe_sip(target_at(server.tls.port()), mra::test::fixture_root_store(), at, {}, Deadline(10s));
    REQUIRE(endpoint.exchanges.size() == 2);
    const auto& registration = endpoint.exchanges[1];
    INFO(registration.error);
    CHECK(registration.outcome == SipOutcome::response);
    CHECK(registration.status == 407);
    CHECK(registration.provisional == std::vector<int>{100, 183});
}

TEST_CASE("sip probe: a server that accepts and never answers: no_response within the limits") {
    SipServer server([](const std::string&, const sip::Message&) { return std::string(); });

    SUBCASE("each exchange gets its own limit, and a late request still goes out") {
        const auto start = Deadline::Clock::now();
        const auto endpoint = sip::probe_sip(target_at(server.tls.port()), mra::test::fixture_root_store(), at,
                                             {.exchange_limit = 300ms}, Deadline(10s));
        const auto elapsed = elapsed_ms(start);
        CHECK(elapsed >= 600);
        CHECK(elapsed < 600 + 1500);
        CHECK(endpoint.tls.outcome == TransportOutcome::established);
        REQUIRE(endpoint.exchanges.size() == 2);
        for (const auto& exchange : endpoint.exchanges) {
            CHECK(exchange.outcome == SipOutcome::no_response);
            CHECK(exchange.status == 0);
            CHECK(exchange.error == "no final response to " + exchange.method + " within 300 ms");
        }
        CHECK(server.log->methods() == std::vector<std::string>{"OPTIONS", "REGISTER"});
    }
    SUBCASE("the run's deadline cuts the exchange limit short") {
        const auto start = Deadline::Clock::now();
        const auto endpoint = sip::probe_sip(target_at(server.tls.port()), mra::test::fixture_root_store(), at,
                                             {.service = service_request()}, Deadline(700ms));
        const auto elapsed = elapsed_ms(start);
        CHECK(elapsed < 700 + 500);
        REQUIRE(endpoint.exchanges.size() == 3);
        CHECK(endpoint.exchanges[0].outcome == SipOutcome::no_response);
        // What is left after the first has run out: nothing, so the others are not sent.
        CHECK(endpoint.exchanges[1].outcome == SipOutcome::not_sent);
        CHECK(endpoint.exchanges[1].error == "not sent: the run's deadline had passed");
        CHECK(endpoint.exchanges[2].outcome == SipOutcome::not_sent);
    }
}

TEST_CASE("sip probe: a late answer is recognised as stray and does not answer the next request") {
    // OPTIONS is answered only together with REGISTER, after the probe has given up on it.
    SipServer server([held = std::make_shared<std::string>()](const std::string& request, const sip::Message& parsed) {
        if (parsed.method == "OPTIONS") {
            *held = response_to(request, 200, "OK");
            return std::string();
        }
        return *held + response_to(request, 407, "Proxy Authentication Required",
                                   "Proxy-Authenticate: Digest realm=\"expe1.example.com\", nonce=\"1\"\r\n");
    });
    const auto endpoint = sip::probe_sip(target_at(server.tls.port()), mra::test::fixture_root_store(), at,
                                         {.exchange_limit = 300ms}, Deadline(10s));
    REQUIRE(endpoint.exchanges.size() == 2);
    CHECK(endpoint.exchanges[0].outcome == SipOutcome::no_response);
    CHECK(endpoint.exchanges[1].outcome == SipOutcome::response);
    CHECK(endpoint.exchanges[1].status == 407);
}

TEST_CASE("sip probe: a server that closes in the middle of its response") {
    const std::string partial = "SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS 127.0.0.1:1;branch=z9hG4bKx\r\nCall-ID: 1";
    auto server = replies_then_drops(partial);
    const auto endpoint =
        sip::probe_sip(target_at(server.port()), mra::test::fixture_root_store(), at, {}, Deadline(10s));
    CHECK(endpoint.tls.outcome == TransportOutcome::established);
    REQUIRE(endpoint.exchanges.size() == 2);
    CHECK(endpoint.exchanges[0].outcome == SipOutcome::connection_closed);
    CHECK(endpoint.exchanges[0].error == "the server closed the connection in the middle of a message, after " +
                                             std::to_string(partial.size()) + " bytes");
    CHECK(endpoint.exchanges[1].outcome == SipOutcome::not_sent);
    CHECK(endpoint.exchanges[1].error.starts_with("not sent: the connection ended during OPTIONS: the server closed"));
}

TEST_CASE("sip probe: a server that closes before answering") {
    mra::test::TestTlsServer server({.respond = [](std::span<const std::uint8_t>) {
        return std::optional<std::vector<std::uint8_t>>();  // close_notify at the first request
    }});
    const auto endpoint =
        sip::probe_sip(target_at(server.port()), mra::test::fixture_root_store(), at, {}, Deadline(10s));
    REQUIRE(endpoint.exchanges.size() == 2);
    CHECK(endpoint.exchanges[0].outcome == SipOutcome::connection_closed);
    CHECK(endpoint.exchanges[0].error == "the server closed the connection before answering OPTIONS");
}

TEST_CASE("sip probe: a server that answers garbage") {
    SUBCASE("binary") {
        auto server = replies_then_drops(std::string("\x00\x01\x02\xff garbage\r\n\r\n", 14));
        const auto endpoint =
            sip::probe_sip(target_at(server.port()), mra::test::fixture_root_store(), at, {}, Deadline(10s));
        REQUIRE(endpoint.exchanges.size() == 2);
        CHECK(endpoint.exchanges[0].outcome == SipOutcome::malformed);
        CHECK(endpoint.exchanges[0].error == "not a SIP message: byte 0x00 in the header section after \"\"");
        CHECK(endpoint.exchanges[1].outcome == SipOutcome::not_sent);
    }
    SUBCASE("HTTP") {
        auto server = replies_then_drops("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        const auto endpoint =
            sip::probe_sip(target_at(server.port()), mra::test::fixture_root_store(), at, {}, Deadline(10s));
        CHECK(endpoint.exchanges[0].outcome == SipOutcome::malformed);
        CHECK(endpoint.exchanges[0].error == "not a SIP message: it starts with \"HTTP/1.1 400 Bad Request\"");
    }
    SUBCASE("a SIP response oSIP cannot parse") {
        auto server = replies_then_drops("SIP/2.0 200 OK\r\nVia: garbage\r\nContent-Length: 0\r\n\r\n");
        const auto endpoint =
            sip::probe_sip(target_at(server.port()), mra::test::fixture_root_store(), at, {}, Deadline(10s));
        CHECK(endpoint.exchanges[0].outcome == SipOutcome::malformed);
        CHECK(endpoint.exchanges[0].error.starts_with("malformed SIP message"));
    }
    SUBCASE("endless headers") {
        auto server = replies_then_drops("SIP/2.0 200 OK\r\nX-Filler: " + std::string(100 * 1024, 'a') + "\r\n\r\n");
        const auto endpoint =
            sip::probe_sip(target_at(server.port()), mra::test::fixture_root_store(), at, {}, Deadline(10s));
        CHECK(endpoint.exchanges[0].outcome == SipOutcome::too_large);
        CHECK(endpoint.exchanges[0].error == "SIP header section exceeds 64 KiB");
    }
}

TEST_CASE("sip probe: no TLS, no exchanges: each is not_sent with the reason") {
    SUBCASE("nothing listens") {
        const auto port = mra::test::closed_port();
        const auto endpoint = sip::probe_sip(target_at(port), mra::test::fixture_root_store(), at,
                                             {.service = service_request()}, Deadline(5s));
        CHECK(endpoint.tls.outcome == TransportOutcome::refused);
        REQUIRE(endpoint.exchanges.size() == 3);
        for (const auto& exchange : endpoint.exchanges) {
            CHECK(exchange.outcome == SipOutcome::not_sent);
            CHECK(exchange.error ==
                  "not sent: no connection: 127.0.0.1:" + std::to_string(port) + ": connect: Connection refused");
        }
    }
    SUBCASE("no address") {
        const auto endpoint =
            sip::probe_sip(target_at(5061, {}), mra::test::fixture_root_store(), at, {}, Deadline(5s));
        CHECK(endpoint.tls.outcome == TransportOutcome::not_resolved);
        REQUIRE(endpoint.exchanges.size() == 2);
        CHECK(endpoint.exchanges[0].error == "not sent: no address to connect to for expe1.example.com");
    }
    SUBCASE("a server that does not speak TLS") {
        mra::test::LoopbackServer server(mra::test::reply_after_first_read("SIP/2.0 400 Bad Request\r\n\r\n"));
        const auto endpoint =
            sip::probe_sip(target_at(server.port()), mra::test::fixture_root_store(), at, {}, Deadline(5s));
        CHECK(endpoint.tls.outcome == TransportOutcome::protocol_error);
        CHECK(endpoint.exchanges[0].outcome == SipOutcome::not_sent);
        CHECK(endpoint.exchanges[0].error.starts_with("not sent: no TLS session: TLS handshake with 127.0.0.1:"));
    }
    SUBCASE("a server that never completes the handshake: within the deadline") {
        mra::test::LoopbackServer server(mra::test::silent());
        const auto start = Deadline::Clock::now();
        const auto endpoint =
            sip::probe_sip(target_at(server.port()), mra::test::fixture_root_store(), at, {}, Deadline(400ms));
        CHECK(elapsed_ms(start) < 400 + 500);
        CHECK(endpoint.tls.outcome == TransportOutcome::timeout);
        CHECK(endpoint.exchanges[1].outcome == SipOutcome::not_sent);
    }
}

TEST_CASE("sip probe: mutual TLS with a client identity") {
    SipServer server(mra::test::kamailio_like(), {.require_client_certificate = true});
    SUBCASE("without one the server refuses the handshake") {
        const auto endpoint =
            sip::probe_sip(target_at(server.tls.port()), mra::test::fixture_root_store(), at, {}, Deadline(5s));
        CHECK(endpoint.tls.outcome == TransportOutcome::tls_failure);
        CHECK(endpoint.tls.chain.has_value());  // captured before the server gave up
        CHECK(endpoint.exchanges[0].outcome == SipOutcome::not_sent);
    }
    SUBCASE("with one the exchanges run") {
        const auto identity = mra::test::ServerIdentity::from_fixture("healthy");
        const auto endpoint =
            sip::probe_sip(target_at(server.tls.port()), mra::test::fixture_root_store(), at,
                           {.identity = mra::probe::tls::ClientIdentity{identity.chain, identity.key}}, Deadline(5s));
        CHECK(endpoint.tls.outcome == TransportOutcome::established);
        REQUIRE_FALSE(server.tls.client_chain().empty());
        CHECK(endpoint.exchanges[1].status == 407);
    }
}

TEST_CASE("sip probe: over IPv6") {
    SipServer server(mra::test::kamailio_like(), {}, "::1");
    const auto endpoint =
        sip::probe_sip(target_at(server.tls.port(), {"::1"}), mra::test::fixture_root_store(), at, {}, Deadline(5s));
    CHECK(endpoint.tls.address == "::1");
    REQUIRE(endpoint.exchanges.size() == 2);
    CHECK(endpoint.exchanges[0].status == 200);
    CHECK(server.log->requests().at(0).find("Via: SIP/2.0/TLS [::1]:") != std::string::npos);
}
