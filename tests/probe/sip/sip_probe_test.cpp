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

const std::string password = "s3cret-Test-pw";

// The test registration as `run` asks for it: the test user's softphone, through the sipRequest route.
sip::SipProbeOptions registering(std::string device = "CSFTEST1") {
    return {.registration =
                sip::RegistrationRequest{.password = &password,
                                         .device = std::move(device),
                                         .registrar = "cucm.example.com",
                                         .routes = {"<sip:127.0.30.1:5061;transport=tls;zone-id=1;directed;lr>"}}};
}

sip::SipTarget user_target(std::uint16_t port) {
    auto target = target_at(port);
    target.user = "test1";
    return target;
}

std::string header(const std::string& request, const std::string& name) {
    const auto lines = mra::test::header_lines(request, name);
    return lines.empty() ? "" : lines.front().substr(name.size() + 2);
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

TEST_CASE("sip probe: a Kamailio-like edge answers OPTIONS 200 and REGISTER 407 with its realm") {
    SipServer server(mra::test::kamailio_like());
    const auto start = Deadline::Clock::now();
    const auto endpoint =
        sip::probe_sip(target_at(server.tls.port()), mra::test::fixture_root_store(), at, {}, Deadline(10s));
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

    REQUIRE(endpoint.exchanges.size() == 2);
    const auto& options = endpoint.exchanges[0];
    INFO(options.error);
    CHECK(options.method == "OPTIONS");
    CHECK(options.outcome == SipOutcome::response);
    CHECK(options.status == 200);
    CHECK(options.reason == "OK");
    CHECK(options.server == "TANDBERG/4352 (X14.0.2)");
    CHECK(options.date == "Mon, 01 Sep 2014 20:59:30 GMT");
    CHECK(options.received_at > 0);
    CHECK(options.error.empty());
    CHECK(options.elapsed_ms >= 0);

    const auto& registration = endpoint.exchanges[1];
    CHECK(registration.method == "REGISTER");
    CHECK(registration.purpose.empty());
    CHECK(registration.outcome == SipOutcome::response);
    CHECK(registration.status == 407);
    CHECK(registration.reason == "Proxy Authentication Required");
    CHECK(registration.challenge_scheme == "Digest");
    CHECK(registration.challenge_realm == "expe1.example.com");
    CHECK(server.log->methods() == std::vector<std::string>{"OPTIONS", "REGISTER"});
    // Without a test user: the plain REGISTER, Expires 0, nothing to register as.
    CHECK(header(server.log->requests().at(1), "Expires") == "0");
}

TEST_CASE("sip probe: registers as the softphone answering the challenge, then unregisters at once") {
    SipServer server(mra::test::kamailio_like());
    const auto endpoint = sip::probe_sip(user_target(server.tls.port()), mra::test::fixture_root_store(), at,
                                         registering(), Deadline(10s));
    CHECK(endpoint.device == "CSFTEST1");
    CHECK(endpoint.registrar == "cucm.example.com");
    REQUIRE(endpoint.exchanges.size() == 4);
    CHECK(endpoint.exchanges[1].status == 407);
    const auto& registered = endpoint.exchanges[2];
    INFO(registered.error);
    CHECK(registered.method == "REGISTER");
    CHECK(registered.purpose == "register");
    CHECK(registered.status == 200);
    CHECK(registered.expires == 120);
    const auto& unregistered = endpoint.exchanges[3];
    CHECK(unregistered.purpose == "unregister");
    CHECK(unregistered.status == 200);

    const auto requests = server.log->requests();
    REQUIRE(requests.size() == 4);
    const std::string& challenged = requests[1];
    const std::string& with_credentials = requests[2];
    const std::string& unregister = requests[3];
    // Jabber's REGISTER (call flow, device registration): the CUCM host as Request-URI, the route
    // preloaded, the softphone in Contact.
    CHECK(challenged.starts_with("REGISTER sip:cucm.example.com SIP/2.0\r\n"));
    for (const auto& request : {challenged, with_credentials, unregister}) {
        const auto routes = mra::test::header_lines(request, "Route");
        REQUIRE(routes.size() == 3);
        CHECK(routes[0] == "Route: <sip:expe1.example.com;transport=tls;lr>");
        CHECK(routes[1] == "Route: <sip:127.0.30.1:5061;transport=tls;zone-id=1;directed;lr>");
        CHECK(routes[2] == "Route: <sip:cucm.example.com;transport=tcp;lr>");
        CHECK(header(request, "To") == "<sip:test1@cucm.example.com>");
        CHECK(header(request, "Contact").find(";+u.sip!devicename.ccm.cisco.com=\"CSFTEST1\"") != std::string::npos);
        CHECK(header(request, "Contact").find(";+sip.instance=\"<urn:uuid:") != std::string::npos);
        CHECK(header(request, "Supported").starts_with("replaces,join,sdp-anat,norefersub"));
        CHECK(header(request, "Call-ID") == header(challenged, "Call-ID"));
        CHECK(header(request, "Contact") == header(challenged, "Contact"));
        CHECK(header(request, "From") == header(challenged, "From"));
        CHECK(request.find(password) == std::string::npos);
    }
    CHECK(header(challenged, "Expires") == "3600");
    CHECK(header(with_credentials, "Expires") == "3600");
    CHECK(header(unregister, "Expires") == "0");
    CHECK(header(challenged, "CSeq") == "1 REGISTER");
    CHECK(header(with_credentials, "CSeq") == "2 REGISTER");
    CHECK(header(unregister, "CSeq") == "3 REGISTER");
    CHECK(header(challenged, "Proxy-Authorization").empty());
    const std::string credentials = header(with_credentials, "Proxy-Authorization");
    CHECK(
        credentials.starts_with("Digest username=\"test1\", realm=\"expe1.example.com\", "
                                "nonce=\"Zq3xYwAAAAB3kF8pS0m1c2lqZXN0\", uri=\"sip:cucm.example.com\", response=\""));
    CHECK(credentials.find("qop=auth, nc=00000001, cnonce=\"") != std::string::npos);
    CHECK(header(unregister, "Proxy-Authorization").find("nc=00000002") != std::string::npos);
}

TEST_CASE("sip probe: the unregistration follows every 200, and only a 200") {
    SUBCASE("an edge that accepts the REGISTER without credentials") {
        SipServer server([](const std::string& request, const sip::Message&) {
            return response_to(request, 200, "OK", "Expires: 3600\r\n");
        });
        const auto endpoint = sip::probe_sip(user_target(server.tls.port()), mra::test::fixture_root_store(), at,
                                             registering(), Deadline(10s));
        REQUIRE(endpoint.exchanges.size() == 4);
        CHECK(endpoint.exchanges[1].status == 200);
        CHECK(endpoint.exchanges[2].outcome == SipOutcome::not_sent);
        CHECK(endpoint.exchanges[3].purpose == "unregister");
        const auto requests = server.log->requests();
        REQUIRE(requests.size() == 3);
        CHECK(header(requests[2], "Expires") == "0");
        CHECK(header(requests[2], "Call-ID") == header(requests[1], "Call-ID"));
    }
    SUBCASE("a registration refused (404): nothing to unregister") {
        SipServer server(mra::test::kamailio_like({.registered_status = 404, .registered_reason = "Not Found"}));
        const auto endpoint = sip::probe_sip(user_target(server.tls.port()), mra::test::fixture_root_store(), at,
                                             registering(), Deadline(10s));
        REQUIRE(endpoint.exchanges.size() == 3);
        CHECK(endpoint.exchanges[2].status == 404);
        CHECK(server.log->requests().size() == 3);
    }
    SUBCASE("a stale nonce is answered once more, with the new nonce") {
        SipServer server(mra::test::kamailio_like({.stale_once = true}));
        const auto endpoint = sip::probe_sip(user_target(server.tls.port()), mra::test::fixture_root_store(), at,
                                             registering(), Deadline(10s));
        const auto requests = server.log->requests();
        REQUIRE(requests.size() == 5);
        CHECK(header(requests[3], "Proxy-Authorization").find("nonce=\"Zq3xZAAAAAB3kF8pS0m1c2lqZXN1\"") !=
              std::string::npos);
        CHECK(endpoint.exchanges.back().purpose == "unregister");
        CHECK(endpoint.exchanges.back().status == 200);
    }
}

TEST_CASE("sip probe: what keeps the credentials back") {
    SipServer server(mra::test::kamailio_like());
    SUBCASE("--no-register") {
        auto options = registering();
        options.registration->skip = "--no-register: the registration was skipped";
        const auto endpoint =
            sip::probe_sip(user_target(server.tls.port()), mra::test::fixture_root_store(), at, options, Deadline(10s));
        REQUIRE(endpoint.exchanges.size() == 3);
        CHECK(endpoint.exchanges[2].outcome == SipOutcome::not_sent);
        CHECK(endpoint.exchanges[2].error == "not sent: --no-register: the registration was skipped");
        CHECK(server.log->requests().size() == 2);
    }
    SUBCASE("a certificate that does not name the host") {
        auto target = user_target(server.tls.port());
        target.host = "elsewhere.example.net";
        const auto endpoint = sip::probe_sip(target, mra::test::fixture_root_store(), at, registering(), Deadline(10s));
        REQUIRE(endpoint.exchanges.size() == 3);
        CHECK(endpoint.exchanges[2].error.find("does not name elsewhere.example.net") != std::string::npos);
        CHECK(server.log->requests().size() == 2);
    }
    SUBCASE("no softphone") {
        auto options = registering("");
        options.registration->skip = "the test user has no softphone";
        const auto endpoint =
            sip::probe_sip(user_target(server.tls.port()), mra::test::fixture_root_store(), at, options, Deadline(10s));
        REQUIRE(endpoint.exchanges.size() == 3);
        CHECK(endpoint.exchanges[2].error == "not sent: the test user has no softphone");
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
        const auto endpoint = sip::probe_sip(user_target(server.tls.port()), mra::test::fixture_root_store(), at,
                                             registering(), Deadline(700ms));
        const auto elapsed = elapsed_ms(start);
        CHECK(elapsed < 700 + 500);
        REQUIRE(endpoint.exchanges.size() == 3);
        CHECK(endpoint.exchanges[0].outcome == SipOutcome::no_response);
        // What is left after the first has run out: nothing, so the others are not sent.
        CHECK(endpoint.exchanges[1].outcome == SipOutcome::not_sent);
        CHECK(endpoint.exchanges[1].error == "not sent: the run's deadline had passed");
        CHECK(endpoint.exchanges[2].outcome == SipOutcome::not_sent);
        CHECK(endpoint.exchanges[2].error == "not sent: the run's deadline had passed");
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
        const auto endpoint =
            sip::probe_sip(user_target(port), mra::test::fixture_root_store(), at, registering(), Deadline(5s));
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

TEST_CASE("sip probe: over IPv6") {
    SipServer server(mra::test::kamailio_like(), {}, "::1");
    const auto endpoint =
        sip::probe_sip(target_at(server.tls.port(), {"::1"}), mra::test::fixture_root_store(), at, {}, Deadline(5s));
    CHECK(endpoint.tls.address == "::1");
    REQUIRE(endpoint.exchanges.size() == 2);
    CHECK(endpoint.exchanges[0].status == 200);
    CHECK(server.log->requests().at(0).find("Via: SIP/2.0/TLS [::1]:") != std::string::npos);
}
