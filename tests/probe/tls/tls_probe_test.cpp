#include "probe/tls/tls_probe.hpp"

#include <botan/tls_version.h>
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "probe/net/connection.hpp"
#include "probe/tls/policy.hpp"
#include "probe/tls/tls_session.hpp"
#include "tests/faults/endless_handshake.hpp"
#include "tests/fixture_trust.hpp"
#include "tests/fixtures.hpp"
#include "tests/probe/net/loopback_server.hpp"
#include "tests/probe/tls/test_tls_server.hpp"
#include "x509/load.hpp"

namespace net = mra::probe::net;
namespace tls = mra::probe::tls;
using mra::Deadline;
using mra::facts::TransportOutcome;
using mra::test::fixture;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t at = mra::test::fixture_time;
const std::string host = "expe.example.com";
const std::string root_subject = "CN=MRA Preflight Test Root CA,O=mra-preflight fixtures";

tls::TlsTarget target_at(std::uint16_t port, std::vector<std::string> addresses = {"127.0.0.1"}) {
    return {"collab-edge", host, port, std::move(addresses)};
}

std::int64_t elapsed_ms(Deadline::Clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Deadline::Clock::now() - since).count();
}

mra::facts::TlsEndpoint probe_scenario(const std::string& scenario) {
    mra::test::TestTlsServer server({.scenario = scenario});
    return tls::probe_tls(target_at(server.port()), mra::test::fixture_root_store(), at, Deadline(5s));
}

// A session on a fresh connection to `port`, handshake done (or failed: see the returned status).
struct Client {
    net::Connection connection;
    std::unique_ptr<tls::TlsSession> session;
    tls::TlsStatus status;
};

Client shake_hands(std::uint16_t port, tls::TlsOptions options = {}, const std::string& name = host) {
    Client client;
    auto connected = net::connect("127.0.0.1", port, Deadline(2s));
    REQUIRE(connected.status.ok());
    client.connection = std::move(connected.connection);
    client.session = std::make_unique<tls::TlsSession>(client.connection, std::move(options));
    client.status = client.session->handshake(name, Deadline(5s));
    return client;
}

std::string receive_text(tls::TlsSession& session, std::size_t expected) {
    std::string text;
    while (text.size() < expected) {
        const auto received = session.receive(Deadline(5s));
        REQUIRE(received.status.ok());
        if (received.bytes.empty()) break;
        text.append(received.bytes.begin(), received.bytes.end());
    }
    return text;
}

}  // namespace

TEST_CASE("tls probe: healthy chain, established, trusted against the CA bundle, SNI sent") {
    mra::test::TestTlsServer server;
    const auto endpoint = tls::probe_tls(target_at(server.port()), mra::test::fixture_root_store(), at, Deadline(5s));

    CHECK(endpoint.outcome == TransportOutcome::established);
    CHECK(endpoint.error.empty());
    CHECK(endpoint.service == "collab-edge");
    CHECK(endpoint.host == host);
    CHECK(endpoint.port == server.port());
    CHECK(endpoint.address == "127.0.0.1");
    CHECK(endpoint.protocol_version == "TLS v1.2");
    // Botan's server prefers ChaCha20Poly1305 with ECDHE for an RSA certificate.
    CHECK(endpoint.cipher_suite.rfind("TLS_ECDHE_RSA_WITH_", 0) == 0);
    CHECK(endpoint.connect_ms >= 0);
    CHECK(endpoint.handshake_ms >= 0);
    CHECK(endpoint.connect_ms + endpoint.handshake_ms < 5000);
    CHECK(server.sni() == host);

    REQUIRE(endpoint.chain.has_value());
    const auto& chain = *endpoint.chain;
    CHECK(chain.presented.size() == 2);
    CHECK(chain.presented[0].common_name == "expe.example.com");
    CHECK(chain.path == std::vector<std::size_t>{0, 1});
    CHECK(chain.top_issuer_in_store);
    CHECK(chain.trust.trusted);
    CHECK(chain.trust.result == "Verified");
    CHECK(chain.trust.anchor == root_subject);
    CHECK(chain.trust.evaluated_at == at);
}

TEST_CASE("tls probe: chains that do not deserve trust are still captured and the handshake completes") {
    SUBCASE("MD5-signed leaf") {
        const auto endpoint = probe_scenario("md5");
        CHECK(endpoint.outcome == TransportOutcome::established);
        REQUIRE(endpoint.chain.has_value());
        CHECK(endpoint.chain->presented[0].signature_hash == "MD5");
        CHECK(endpoint.chain->path == std::vector<std::size_t>{0, 1});
    }
    SUBCASE("self-signed leaf") {
        const auto endpoint = probe_scenario("self-signed");
        CHECK(endpoint.outcome == TransportOutcome::established);
        REQUIRE(endpoint.chain.has_value());
        CHECK(endpoint.chain->presented.size() == 1);
        CHECK(endpoint.chain->presented[0].self_signed);
        CHECK_FALSE(endpoint.chain->trust.trusted);
    }
    SUBCASE("1024-bit RSA leaf") {
        const auto endpoint = probe_scenario("rsa-1024");
        CHECK(endpoint.outcome == TransportOutcome::established);
        REQUIRE(endpoint.chain.has_value());
        CHECK(endpoint.chain->presented[0].key_algorithm == "RSA");
        CHECK(endpoint.chain->presented[0].key_bits == 1024);
    }
    SUBCASE("P-192 ECDSA leaf") {
        const auto endpoint = probe_scenario("ec-p192");
        CHECK(endpoint.outcome == TransportOutcome::established);
        CHECK(endpoint.cipher_suite.rfind("TLS_ECDHE_ECDSA_WITH_", 0) == 0);
        REQUIRE(endpoint.chain.has_value());
        CHECK(endpoint.chain->presented[0].key_curve == "secp192r1");
    }
    SUBCASE("expired leaf") {
        const auto endpoint = probe_scenario("expired");
        CHECK(endpoint.outcome == TransportOutcome::established);
        REQUIRE(endpoint.chain.has_value());
        CHECK(endpoint.chain->presented[0].not_after < at);
        CHECK_FALSE(endpoint.chain->trust.trusted);
    }
    SUBCASE("a certificate for other names: SNI is not checked by the probe") {
        mra::test::TestTlsServer server;
        auto target = target_at(server.port());
        target.host = "sip.other.example.org";
        const auto endpoint = tls::probe_tls(target, mra::test::fixture_root_store(), at, Deadline(5s));
        CHECK(endpoint.outcome == TransportOutcome::established);
        CHECK(server.sni() == "sip.other.example.org");
        CHECK(endpoint.chain.has_value());
    }
}

TEST_CASE("tls probe: a legacy TLS 1.0-only server is reached and reported as such") {
    mra::test::TestTlsServer server({.tls10_only = true});
    const auto endpoint = tls::probe_tls(target_at(server.port()), mra::test::fixture_root_store(), at, Deadline(5s));
    CHECK(endpoint.outcome == TransportOutcome::established);
    CHECK(endpoint.protocol_version == "TLS v1.0");
    CHECK(endpoint.cipher_suite.find("_CBC_") != std::string::npos);
    CHECK(endpoint.chain.has_value());
}

TEST_CASE("tls probe: a server that accepts TCP and never answers the handshake times out within the deadline") {
    mra::test::LoopbackServer server(mra::test::silent());
    const auto budget = 400ms;
    const auto start = Deadline::Clock::now();
    const auto endpoint =
        tls::probe_tls(target_at(server.port()), mra::test::fixture_root_store(), at, Deadline(budget));
    const auto elapsed = elapsed_ms(start);
    CHECK(endpoint.outcome == TransportOutcome::timeout);
    CHECK(endpoint.error.starts_with("TLS handshake with 127.0.0.1:" + std::to_string(server.port()) +
                                     ": no answer to the ClientHello within "));
    CHECK(endpoint.address == "127.0.0.1");
    CHECK_FALSE(endpoint.chain.has_value());
    CHECK(elapsed < budget.count() + 500);
}

TEST_CASE("tls probe: a server that stalls in the middle of its handshake times out, saying how far it got") {
    // The header of a handshake record of 0x7a bytes and the first 3 of them, then nothing.
    mra::test::LoopbackServer server([](net::Connection& connection, const std::atomic<bool>& stopping) {
        connection.receive_some(Deadline(5s));
        connection.send_all(std::string("\x16\x03\x03\x00\x7a\x02\x00\x00", 8), Deadline(5s));
        mra::test::drain(connection, stopping);
    });
    const auto endpoint =
        tls::probe_tls(target_at(server.port()), mra::test::fixture_root_store(), at, Deadline(400ms));
    CHECK(endpoint.outcome == TransportOutcome::timeout);
    CHECK(endpoint.error.find(": only 8 bytes of the server's handshake arrived within ") != std::string::npos);
}

TEST_CASE("tls probe: a server that resets mid-handshake") {
    mra::test::LoopbackServer server(mra::test::reset_after_first_read());
    const auto endpoint = tls::probe_tls(target_at(server.port()), mra::test::fixture_root_store(), at, Deadline(5s));
    CHECK(endpoint.outcome == TransportOutcome::reset);
    const std::string peer = "127.0.0.1:" + std::to_string(server.port());
    CHECK(endpoint.error == "TLS handshake with " + peer + ": receive: Connection reset by peer");  // the peer once
    CHECK_FALSE(endpoint.chain.has_value());
}

TEST_CASE("tls probe: a server that closes without answering the ClientHello") {
    mra::test::LoopbackServer server([](net::Connection& connection, const std::atomic<bool>& stopping) {
        connection.receive_some(Deadline(5s));
        ::shutdown(connection.native_handle(), SHUT_WR);
        mra::test::drain(connection, stopping, 5s);
    });
    const auto endpoint = tls::probe_tls(target_at(server.port()), mra::test::fixture_root_store(), at, Deadline(5s));
    CHECK(endpoint.outcome == TransportOutcome::reset);
    CHECK(endpoint.error.find("the server closed the connection without answering") != std::string::npos);
}

TEST_CASE("tls probe: a server that answers the ClientHello in HTTP is a protocol error") {
    mra::test::LoopbackServer server(mra::test::reply_after_first_read(
        "HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
    const auto endpoint = tls::probe_tls(target_at(server.port()), mra::test::fixture_root_store(), at, Deadline(5s));
    CHECK(endpoint.outcome == TransportOutcome::protocol_error);
    CHECK(endpoint.error == "TLS handshake with 127.0.0.1:" + std::to_string(server.port()) +
                                ": the server does not speak TLS: it answered with \"HTTP/1.1 400 Bad Request\"");
}

TEST_CASE("tls probe: binary garbage instead of TLS is a protocol error, shown in hex") {
    mra::test::LoopbackServer server(mra::test::reply_after_first_read(std::string("\x00\x01\x02\xff garbage", 12)));
    const auto endpoint = tls::probe_tls(target_at(server.port()), mra::test::fixture_root_store(), at, Deadline(5s));
    CHECK(endpoint.outcome == TransportOutcome::protocol_error);
    CHECK(endpoint.error.find("it answered with bytes 00 01 02 ff 20 67 61 72") != std::string::npos);
}

TEST_CASE("tls probe: a TLS-looking record with garbage inside is a protocol error") {
    // A handshake record (22, TLS 1.2) holding a ServerHello of two bytes: too short to decode.
    mra::test::LoopbackServer server(
        mra::test::reply_after_first_read(std::string("\x16\x03\x03\x00\x06\x02\x00\x00\x02\x03\x03", 11)));
    const auto endpoint = tls::probe_tls(target_at(server.port()), mra::test::fixture_root_store(), at, Deadline(5s));
    INFO(endpoint.error);
    CHECK(endpoint.outcome == TransportOutcome::protocol_error);
    CHECK(endpoint.error.find("TLS handshake with 127.0.0.1:") == 0);
}

TEST_CASE("tls probe: a handshake message without end is abandoned past 256 KiB, not buffered to its 16 MiB") {
    const mra::test::LoopbackServer server(
        mra::test::faults::play({.source = mra::test::faults::endless_handshake_message()}));
    const auto endpoint = tls::probe_tls(target_at(server.port()), mra::test::fixture_root_store(), at, Deadline(5s));
    CHECK(endpoint.outcome == TransportOutcome::tls_failure);
    CHECK(endpoint.error == "TLS handshake with 127.0.0.1:" + std::to_string(server.port()) +
                                ": the server's handshake exceeded 262144 bytes without completing");
}

TEST_CASE("tls probe: a closed port is refused") {
    const auto port = mra::test::closed_port();
    const auto endpoint = tls::probe_tls(target_at(port), mra::test::fixture_root_store(), at, Deadline(5s));
    CHECK(endpoint.outcome == TransportOutcome::refused);
    CHECK(endpoint.error == "127.0.0.1:" + std::to_string(port) + ": connect: Connection refused");
    CHECK(endpoint.address.empty());
    CHECK(endpoint.handshake_ms == 0);
}

TEST_CASE("tls probe: no addresses is not_resolved, without touching the network") {
    const auto endpoint = tls::probe_tls(target_at(8443, {}), mra::test::fixture_root_store(), at, Deadline(5s));
    CHECK(endpoint.outcome == TransportOutcome::not_resolved);
    CHECK(endpoint.error == "no address to connect to for expe.example.com");
    CHECK(endpoint.host == host);
    CHECK(endpoint.port == 8443);
}

TEST_CASE("tls probe: the addresses are tried in order, over IPv4 and IPv6") {
    SUBCASE("a refusing address first") {
        mra::test::TestTlsServer server;
        const auto endpoint = tls::probe_tls(target_at(server.port(), {"127.0.0.2", "127.0.0.1"}),
                                             mra::test::fixture_root_store(), at, Deadline(5s));
        CHECK(endpoint.outcome == TransportOutcome::established);
        CHECK(endpoint.address == "127.0.0.1");
    }
    SUBCASE("IPv6 loopback") {
        mra::test::TestTlsServer server({}, "::1");
        const auto endpoint =
            tls::probe_tls(target_at(server.port(), {"::1"}), mra::test::fixture_root_store(), at, Deadline(5s));
        CHECK(endpoint.outcome == TransportOutcome::established);
        CHECK(endpoint.address == "::1");
        CHECK(server.sni() == host);
    }
}

TEST_CASE("tls session: application data round-trips after the handshake") {
    mra::test::TestTlsServer server;
    auto client = shake_hands(server.port());
    REQUIRE(client.status.ok());
    CHECK(client.session->established());
    CHECK(client.session->protocol_version() == "TLS v1.2");
    CHECK(client.session->presented_chain().size() == 2);

    const std::string request = "OPTIONS sip:expe.example.com SIP/2.0\r\nContent-Length: 0\r\n\r\n";
    REQUIRE(client.session->send(request, Deadline(2s)).ok());
    CHECK(receive_text(*client.session, request.size()) == request);

    // Waiting in vain is a timeout that leaves the session usable.
    const auto start = Deadline::Clock::now();
    const auto nothing = client.session->receive(Deadline(150ms));
    CHECK(nothing.status.outcome == TransportOutcome::timeout);
    CHECK(elapsed_ms(start) < 150 + 500);
    CHECK(client.session->established());

    const std::string big(100 * 1024, 'x');  // several TLS records (16 KiB each)
    REQUIRE(client.session->send(big, Deadline(5s)).ok());
    CHECK(receive_text(*client.session, big.size()) == big);
    client.session->close(Deadline(1s));
}

TEST_CASE("tls session: the server's close_notify reads as an empty receive") {
    mra::test::TestTlsServer server(
        {.respond = [](std::span<const std::uint8_t>) { return std::optional<std::vector<std::uint8_t>>(); }});
    auto client = shake_hands(server.port());
    REQUIRE(client.status.ok());
    REQUIRE(client.session->send("bye", Deadline(2s)).ok());
    const auto received = client.session->receive(Deadline(2s));
    CHECK(received.status.ok());
    CHECK(received.bytes.empty());
    CHECK(client.session->received_alerts() == std::vector<std::string>{"close_notify"});
    // Closed stays closed.
    CHECK(client.session->receive(Deadline(1s)).bytes.empty());
}

TEST_CASE("tls session: after STARTTLS-like plaintext, TLS runs on the same connection") {
    // The XMPP shape (RFC 6120 §5.4.3.3): plaintext first, then the TLS handshake on that socket.
    const auto identity = mra::test::ServerIdentity::from_fixture("healthy");
    mra::test::TlsServerSettings settings;
    mra::test::TlsServerLog log;
    mra::test::LoopbackServer server([&](net::Connection& connection, const std::atomic<bool>& stopping) {
        connection.receive_some(Deadline(5s));  // "<starttls/>"
        connection.send_all("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", Deadline(5s));
        mra::test::serve_tls(connection, stopping, identity, settings, log);
    });
    auto connected = net::connect("127.0.0.1", server.port(), Deadline(2s));
    REQUIRE(connected.status.ok());
    REQUIRE(connected.connection.send_all("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", Deadline(2s)).ok());
    const auto proceed = connected.connection.receive_some(Deadline(2s));
    REQUIRE(proceed.status.ok());
    CHECK(std::string(proceed.bytes.begin(), proceed.bytes.end()).find("<proceed") == 0);

    tls::TlsSession session(connected.connection);
    const auto status = session.handshake(host, Deadline(5s));
    CHECK(status.ok());
    CHECK(log.sni() == host);

    mra::facts::TlsEndpoint endpoint{.service = "xmpp", .host = host, .port = server.port()};
    tls::record_session(endpoint, session, status, mra::test::fixture_root_store(), at);
    CHECK(endpoint.outcome == TransportOutcome::established);
    CHECK(endpoint.protocol_version == "TLS v1.2");
    REQUIRE(endpoint.chain.has_value());
    CHECK(endpoint.chain->trust.trusted);
    session.close(Deadline(1s));
}

TEST_CASE("tls session: an IP literal as server name sends no SNI (RFC 6066 §3)") {
    mra::test::TestTlsServer server;
    auto client = shake_hands(server.port(), {}, "127.0.0.1");
    CHECK(client.status.ok());
    CHECK(server.sni().empty());
}

TEST_CASE("tls session: mutual TLS, and a server that requires it") {
    mra::test::TestTlsServer server({.require_client_certificate = true});

    SUBCASE("no client certificate: the server's fatal alert is a tls_failure") {
        auto client = shake_hands(server.port());
        INFO(client.status.message);
        CHECK(client.status.outcome == TransportOutcome::tls_failure);
        CHECK(client.status.message.find("the server sent the fatal alert") != std::string::npos);
        CHECK(client.session->received_alerts() == std::vector<std::string>{"handshake_failure"});
        // The server's chain came before its CertificateRequest: captured anyway.
        CHECK(client.session->presented_chain().size() == 2);
    }
    SUBCASE("with the healthy certificate as client identity") {
        const auto identity = mra::test::ServerIdentity::from_fixture("healthy");
        auto client = shake_hands(server.port(), {.identity = tls::ClientIdentity{identity.chain, identity.key}});
        REQUIRE(client.status.ok());
        const auto seen = server.client_chain();
        REQUIRE_FALSE(seen.empty());
        CHECK(seen.front() == identity.chain.front());
    }
}

TEST_CASE("tls session: strict mode verifies the chain for the name and aborts otherwise") {
    SUBCASE("healthy chain, trusted root, covered name") {
        mra::test::TestTlsServer server;
        auto client = shake_hands(
            server.port(), {.mode = tls::TlsMode::strict, .trust = &mra::test::fixture_root_store(), .verify_at = at});
        CHECK(client.status.ok());
        CHECK(client.session->protocol_version() == "TLS v1.2");
    }
    SUBCASE("a name the certificate does not cover") {
        mra::test::TestTlsServer server;
        auto client = shake_hands(
            server.port(), {.mode = tls::TlsMode::strict, .trust = &mra::test::fixture_root_store(), .verify_at = at},
            "sip.other.example.org");
        CHECK(client.status.outcome == TransportOutcome::tls_failure);
        CHECK(client.status.message.find("certificate verification failed") != std::string::npos);
        CHECK(client.session->presented_chain().size() == 2);
        CHECK_FALSE(client.session->established());
    }
    SUBCASE("self-signed: untrusted") {
        mra::test::TestTlsServer server({.scenario = "self-signed"});
        auto client = shake_hands(
            server.port(), {.mode = tls::TlsMode::strict, .trust = &mra::test::fixture_root_store(), .verify_at = at});
        CHECK(client.status.outcome == TransportOutcome::tls_failure);
        CHECK(client.session->presented_chain().size() == 1);
    }
    SUBCASE("no trust store: nothing is trusted") {
        mra::test::TestTlsServer server;
        auto client = shake_hands(server.port(), {.mode = tls::TlsMode::strict});
        CHECK(client.status.outcome == TransportOutcome::tls_failure);
        CHECK(client.status.message.find("no trust store") != std::string::npos);
    }
}

TEST_CASE("tls session: send and receive before a handshake fail cleanly") {
    net::Connection connection;
    tls::TlsSession session(connection);
    CHECK(session.send("x", Deadline(1s)).outcome == TransportOutcome::tls_failure);
    CHECK(session.receive(Deadline(1s)).status.outcome == TransportOutcome::tls_failure);
    CHECK(session.handshake(host, Deadline(1s)).outcome == TransportOutcome::reset);
    session.close(Deadline(1s));
}

TEST_CASE("tls policies: probe accepts what checks must report, strict is Botan's default") {
    const tls::ProbePolicy probe;
    const tls::StrictPolicy strict;
    const auto leaf_1024 =
        mra::x509::read_certificates(mra::x509::read_file(fixture("certs/rsa-1024/leaf.pem")), "rsa-1024/leaf.pem")
            .front();
    const auto key_1024 = leaf_1024.load_subject_public_key();
    CHECK_NOTHROW(probe.check_peer_key_acceptable(*key_1024));
    CHECK_THROWS(strict.check_peer_key_acceptable(*key_1024));

    CHECK(probe.latest_supported_version(false) == Botan::TLS::Protocol_Version::TLS_V12);
    CHECK(probe.acceptable_protocol_version(Botan::TLS::Protocol_Version::TLS_V10));
    CHECK(strict.latest_supported_version(false) == Botan::TLS::Protocol_Version::TLS_V12);
    CHECK_FALSE(strict.acceptable_protocol_version(Botan::TLS::Protocol_Version::TLS_V11));
    CHECK(probe.allowed_signature_hash("SHA-1"));
    CHECK_FALSE(strict.allowed_signature_hash("SHA-1"));
    CHECK_FALSE(probe.require_cert_revocation_info());
    CHECK_FALSE(strict.require_cert_revocation_info());
}
