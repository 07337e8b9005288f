#include "probe/xmpp/xmpp_probe.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "tests/faults/tcp_fault.hpp"
#include "tests/fixture_trust.hpp"
#include "tests/fixtures.hpp"
#include "tests/probe/net/loopback_server.hpp"
#include "tests/probe/xmpp/test_xmpp_server.hpp"

namespace xmpp = mra::probe::xmpp;
using mra::Deadline;
using mra::facts::TransportOutcome;
using mra::facts::XmppOutcome;
using mra::test::fixture;
using mra::test::TestXmppServer;
using mra::test::XmppServerScript;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t at = mra::test::fixture_time;
const std::string domain = "example.com";
const std::string host = "expe1.example.com";

xmpp::XmppTarget target_at(std::uint16_t port, std::vector<std::string> addresses = {"127.0.0.1"}) {
    return {domain, host, port, std::move(addresses)};
}

mra::facts::XmppEndpoint probe(const TestXmppServer& server, Deadline deadline = Deadline(5s)) {
    return xmpp::probe_xmpp(target_at(server.port()), mra::test::fixture_root_store(), at, deadline);
}

mra::facts::XmppEndpoint probe_script(const XmppServerScript& script) {
    TestXmppServer server(script);
    return probe(server);
}

std::string peer_of(std::uint16_t port) {
    return "127.0.0.1:" + std::to_string(port);
}

std::int64_t elapsed_ms(Deadline::Clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Deadline::Clock::now() - since).count();
}

// The server's thread records what the client sent last after the probe has returned.
void wait_until_finished(const TestXmppServer& server) {
    const Deadline end(5s);
    while (!server.finished() && !end.expired()) std::this_thread::sleep_for(5ms);
}

const std::string client_header =
    "<?xml version='1.0'?><stream:stream to='example.com' version='1.0' xml:lang='en' xmlns='jabber:client' "
    "xmlns:stream='http://etherx.jabber.org/streams'>";
const std::string starttls = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";

}  // namespace

TEST_CASE("xmpp probe: STARTTLS, then TLS on the same connection with SNI = the domain, and the chain is captured") {
    for (const bool one_byte_at_a_time : {false, true}) {
        CAPTURE(one_byte_at_a_time);
        TestXmppServer server({.one_byte_at_a_time = one_byte_at_a_time});
        const auto endpoint = probe(server);
        INFO(endpoint.error);

        CHECK(endpoint.outcome == XmppOutcome::tls_established);
        CHECK(endpoint.error.empty());
        CHECK(endpoint.domain == domain);
        CHECK(endpoint.stream_from == "example.com");
        CHECK(endpoint.stream_version == "1.0");
        CHECK(endpoint.starttls_offered);
        CHECK(endpoint.starttls_required);
        CHECK(endpoint.features == std::vector<std::string>{"starttls"});
        CHECK(endpoint.features_after_tls == std::vector<std::string>{"mechanisms"});
        CHECK(endpoint.sasl_mechanisms == std::vector<std::string>{"SCRAM-SHA-1", "SCRAM-SHA-1-PLUS", "PLAIN"});
        CHECK(endpoint.stream_error.empty());
        CHECK(endpoint.negotiation_ms >= 0);

        const auto& tls = endpoint.tls;
        CHECK(tls.outcome == TransportOutcome::established);
        CHECK(tls.service == "xmpp");
        CHECK(tls.host == host);
        CHECK(tls.port == server.port());
        CHECK(tls.address == "127.0.0.1");
        CHECK(tls.protocol_version == "TLS v1.2");
        CHECK(server.sni() == domain);  // RFC 6120 §13.7.2.1: the domain, not the host
        REQUIRE(tls.chain.has_value());
        CHECK(tls.chain->presented.size() == 2);
        CHECK(tls.chain->presented[0].common_name == "expe.example.com");
        CHECK(tls.chain->trust.trusted);

        // What the client said, in order: its header, <starttls/>, then over TLS a new header (RFC 6120
        // §5.4.3.3) and, once the features had come, its goodbye.
        wait_until_finished(server);
        CHECK(server.plaintext() == client_header + starttls);
        CHECK(server.tls_data() == client_header + "</stream:stream>");
    }
}

TEST_CASE("xmpp probe: the features as other servers write them") {
    SUBCASE("double quotes, a prefixed starttls, optional, among other features") {
        const auto endpoint = probe_script(
            {.header = "<stream:stream xmlns=\"jabber:client\" xmlns:stream=\"http://etherx.jabber.org/streams\" "
                       "from=\"example.com\" version=\"1.0\">",
             .features = "<stream:features>\n  <mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\">"
                         "<mechanism>PLAIN</mechanism></mechanisms>\n  <tls:starttls "
                         "xmlns:tls=\"urn:ietf:params:xml:ns:xmpp-tls\"/>\n  <register "
                         "xmlns=\"http://jabber.org/features/iq-register\"/>\n</stream:features>"});
        CHECK(endpoint.outcome == XmppOutcome::tls_established);
        CHECK(endpoint.starttls_offered);
        CHECK_FALSE(endpoint.starttls_required);
        CHECK(endpoint.features == std::vector<std::string>{"mechanisms", "starttls", "register"});
    }
    SUBCASE("no answer to the restarted stream: established all the same, within a second more") {
        const auto start = Deadline::Clock::now();
        const auto endpoint = probe_script({.secured_features = ""});
        CHECK(elapsed_ms(start) < 2000);
        CHECK(endpoint.outcome == XmppOutcome::tls_established);
        CHECK(endpoint.features_after_tls.empty());
        CHECK(endpoint.sasl_mechanisms.empty());
    }
    SUBCASE("a certificate that does not deserve trust is captured all the same") {
        const auto endpoint = probe_script({.scenario = "self-signed"});
        CHECK(endpoint.outcome == XmppOutcome::tls_established);
        REQUIRE(endpoint.tls.chain.has_value());
        CHECK_FALSE(endpoint.tls.chain->trust.trusted);
    }
}

TEST_CASE("xmpp probe: no STARTTLS among the features") {
    SUBCASE("SASL only, in plaintext") {
        TestXmppServer server({.features = "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                                           "<mechanism>PLAIN</mechanism></mechanisms></stream:features>"});
        const auto endpoint = probe(server);
        CHECK(endpoint.outcome == XmppOutcome::no_starttls);
        CHECK(endpoint.error ==
              peer_of(server.port()) + ": the stream features offer no STARTTLS (offered: mechanisms)");
        CHECK_FALSE(endpoint.starttls_offered);
        CHECK(endpoint.features == std::vector<std::string>{"mechanisms"});
        CHECK(endpoint.tls.outcome == TransportOutcome::protocol_error);
        CHECK(endpoint.tls.error == endpoint.error);
        CHECK_FALSE(endpoint.tls.chain.has_value());
        // It closed its stream politely, without asking for TLS.
        wait_until_finished(server);
        CHECK(server.plaintext() == client_header + "</stream:stream>");
    }
    SUBCASE("no features at all") {
        const auto endpoint = probe_script({.features = "<stream:features/>"});
        CHECK(endpoint.outcome == XmppOutcome::no_starttls);
        CHECK(endpoint.error.ends_with("the stream features offer no STARTTLS (no features at all)"));
    }
    SUBCASE("a starttls element outside the TLS namespace does not count") {
        const auto endpoint = probe_script({.features = "<stream:features><starttls/></stream:features>"});
        CHECK(endpoint.outcome == XmppOutcome::no_starttls);
        CHECK(endpoint.features == std::vector<std::string>{"starttls"});
    }
    SUBCASE("a server older than XMPP 1.0: no version, no features") {
        const auto endpoint = probe_script(
            {.header = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
                       "from='example.com'>",
             .features = ""});
        CHECK(endpoint.outcome == XmppOutcome::no_starttls);
        CHECK(endpoint.error.find("RFC 6120 §4.7.5") != std::string::npos);
        CHECK(endpoint.stream_version.empty());
    }
}

TEST_CASE("xmpp probe: the server answers <starttls/> with <failure/>") {
    const auto endpoint =
        probe_script({.starttls_reply = "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>"});
    CHECK(endpoint.outcome == XmppOutcome::starttls_refused);
    CHECK(endpoint.error.ends_with(": the server answered <starttls/> with <failure/> (RFC 6120 §5.4.2.2)"));
    CHECK(endpoint.starttls_offered);
    CHECK(endpoint.tls.outcome == TransportOutcome::protocol_error);
}

TEST_CASE("xmpp probe: a stream error is reported with its condition and text") {
    SUBCASE("host-unknown instead of features") {
        TestXmppServer server(
            {.features = "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                         "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams' xml:lang='en'>This server does not "
                         "serve example.com</text></stream:error></stream:stream>"});
        const auto endpoint = probe(server);
        CHECK(endpoint.outcome == XmppOutcome::stream_error);
        CHECK(endpoint.stream_error == "host-unknown");
        CHECK(endpoint.stream_error_text == "This server does not serve example.com");
        CHECK(endpoint.error ==
              peer_of(server.port()) + ": stream error <host-unknown/>: This server does not serve example.com");
        CHECK(endpoint.stream_from == "example.com");
        CHECK_FALSE(endpoint.starttls_offered);
    }
    SUBCASE("in answer to <starttls/>, with a prefixed error and no text") {
        const auto endpoint = probe_script({.starttls_reply = "<stream:error><policy-violation "
                                                              "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                                                              "</stream:error>"});
        CHECK(endpoint.outcome == XmppOutcome::stream_error);
        CHECK(endpoint.stream_error == "policy-violation");
        CHECK(endpoint.error.ends_with(": stream error <policy-violation/>"));
    }
}

TEST_CASE("xmpp probe: a server that accepts and says nothing times out within the deadline") {
    mra::test::LoopbackServer server(mra::test::silent());
    const auto start = Deadline::Clock::now();
    const auto endpoint =
        xmpp::probe_xmpp(target_at(server.port()), mra::test::fixture_root_store(), at, Deadline(400ms));
    CHECK(elapsed_ms(start) < 400 + 500);
    CHECK(endpoint.outcome == XmppOutcome::transport_error);
    CHECK(endpoint.tls.outcome == TransportOutcome::timeout);
    CHECK(endpoint.error.starts_with(peer_of(server.port()) + ": no answer to our stream header within "));
    CHECK(endpoint.error.ends_with(" ms"));
    CHECK(endpoint.tls.address == "127.0.0.1");
}

TEST_CASE("xmpp probe: a step that runs out of time says how far the server got") {
    using namespace mra::test::faults;
    struct Case {
        std::string what;
        Play play;
        std::string said;  // the error, but the milliseconds
    };
    const std::string features_start = "<stream:features>";
    const std::string proceed_start = "<proceed xmlns=";
    const std::vector<Case> cases{
        {"40 bytes of the header, then a stall",
         {.source = reply(mra::test::prosody_header), .delivery = Delivery::stall, .after = 40},
         "only 40 bytes of the server's stream header arrived"},
        {"the header, then silence",
         {.source = reply(mra::test::prosody_header)},
         "no <stream:features> after the server's stream header"},
        {"the header and the start of the features",
         {.source = reply(mra::test::prosody_header + features_start)},
         "only " + std::to_string(features_start.size()) + " bytes of <stream:features> arrived"},
        {"no answer to <starttls/>",
         {.source = reply(mra::test::prosody_header + mra::test::required_starttls)},
         "no answer to <starttls/>"},
        {"the start of <proceed/> (sent early)",
         {.source = reply(mra::test::prosody_header + mra::test::required_starttls + proceed_start)},
         "only " + std::to_string(proceed_start.size()) + " bytes of <proceed/> arrived"},
    };
    for (const auto& one_case : cases) {
        const auto& [what_text, play_of_server, said] = one_case;
        const std::string& what = what_text;  // a variable: clang 14 captures no structured binding
        CAPTURE(what);
        const mra::test::LoopbackServer server(play(play_of_server));
        const auto start = Deadline::Clock::now();
        const auto endpoint =
            xmpp::probe_xmpp(target_at(server.port()), mra::test::fixture_root_store(), at, Deadline(300ms));
        CHECK(elapsed_ms(start) < 300 + 500);
        CHECK(endpoint.outcome == XmppOutcome::transport_error);
        CHECK(endpoint.tls.outcome == TransportOutcome::timeout);
        CHECK(endpoint.error.starts_with(peer_of(server.port()) + ": " + said + " within "));
        CHECK(endpoint.error.ends_with(" ms"));
    }
}

TEST_CASE("xmpp probe: a server that closes early") {
    SUBCASE("after its header") {
        TestXmppServer server({.features = "", .starttls_reply = ""});
        const auto endpoint = probe(server);
        CHECK(endpoint.outcome == XmppOutcome::transport_error);
        CHECK(endpoint.tls.outcome == TransportOutcome::reset);
        CHECK(endpoint.error ==
              peer_of(server.port()) + ": the server closed the connection while we waited for <stream:features>");
    }
    SUBCASE("by closing its stream instead of answering <starttls/>") {
        const auto endpoint = probe_script({.starttls_reply = "</stream:stream>"});
        CHECK(endpoint.outcome == XmppOutcome::transport_error);
        CHECK(endpoint.error.ends_with(": the server closed its stream while we waited for <proceed/>"));
    }
    SUBCASE("with a reset as soon as our header arrives") {
        mra::test::LoopbackServer server(mra::test::reset_after_first_read());
        const auto endpoint =
            xmpp::probe_xmpp(target_at(server.port()), mra::test::fixture_root_store(), at, Deadline(5s));
        CHECK(endpoint.outcome == XmppOutcome::transport_error);
        CHECK(endpoint.tls.outcome == TransportOutcome::reset);
    }
}

TEST_CASE("xmpp probe: garbage is bounded and named") {
    SUBCASE("a megabyte inside the features: the 64 KiB bound") {
        TestXmppServer server({.features = "<stream:features>" + std::string(1024 * 1024, 'A')});
        const auto start = Deadline::Clock::now();
        const auto endpoint = probe(server);
        CHECK(elapsed_ms(start) < 3000);
        CHECK(endpoint.outcome == XmppOutcome::too_large);
        CHECK(endpoint.error == peer_of(server.port()) + ": more than 65536 bytes before <proceed/>");
        CHECK(endpoint.tls.outcome == TransportOutcome::protocol_error);
    }
    SUBCASE("a megabyte of random bytes instead of a stream") {
        std::mt19937 random(5222);
        std::string garbage(1024 * 1024, '\0');
        for (auto& c : garbage) c = static_cast<char>(random() & 0xff);
        garbage[0] = '\x17';  // not '<' nor whitespace, whatever the seed gives
        TestXmppServer server({.header = garbage, .features = ""});
        const auto endpoint = probe(server);
        CHECK(endpoint.outcome == XmppOutcome::malformed);
        CHECK(endpoint.error.starts_with(peer_of(server.port()) + ": not an XML stream: the server sent bytes 17 "));
        CHECK(endpoint.error.ends_with(" while we waited for the server's stream header"));
    }
    SUBCASE("an HTTP server") {
        mra::test::LoopbackServer server(
            mra::test::reply_after_first_read("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));
        const auto endpoint =
            xmpp::probe_xmpp(target_at(server.port()), mra::test::fixture_root_store(), at, Deadline(5s));
        CHECK(endpoint.outcome == XmppOutcome::malformed);
        CHECK(endpoint.error == peer_of(server.port()) +
                                    ": not an XML stream: the server sent \"HTTP/1.1 400 Bad Request\" while we "
                                    "waited for the server's stream header");
    }
    SUBCASE("features nested deeper than 16") {
        std::string deep = "<stream:features>";
        for (int i = 0; i < 20; ++i) deep += "<x>";
        const auto endpoint = probe_script({.features = deep});
        CHECK(endpoint.outcome == XmppOutcome::too_large);
        CHECK(endpoint.error.ends_with(": elements nested deeper than 16 (at <x>) before <proceed/>"));
    }
    SUBCASE("another element where the features should be") {
        const auto endpoint = probe_script({.features = "<message><body>hi</body></message>"});
        CHECK(endpoint.outcome == XmppOutcome::malformed);
        CHECK(endpoint.error.ends_with(": <message> while we waited for <stream:features>"));
    }
}

TEST_CASE("xmpp probe: after <proceed/>") {
    SUBCASE("no answer to the ClientHello: the TLS handshake says so") {
        const mra::test::LoopbackServer server(mra::test::faults::play(
            {.source = mra::test::faults::reply(mra::test::prosody_header + mra::test::required_starttls +
                                                mra::test::proceed)}));
        const auto endpoint =
            xmpp::probe_xmpp(target_at(server.port()), mra::test::fixture_root_store(), at, Deadline(300ms));
        CHECK(endpoint.outcome == XmppOutcome::tls_failed);
        CHECK(endpoint.tls.outcome == TransportOutcome::timeout);
        CHECK(endpoint.error.starts_with("TLS handshake with " + peer_of(server.port()) +
                                         ": no answer to the ClientHello within "));
    }

    SUBCASE("the server sends more XML instead of waiting for the ClientHello") {
        const auto endpoint = probe_script({.starttls_reply = mra::test::proceed + "<junk/>", .tls = false});
        CHECK(endpoint.outcome == XmppOutcome::malformed);
        CHECK(endpoint.error.ends_with(
            ": the server sent \"<junk/>\" after <proceed/> instead of waiting for the TLS handshake (RFC 6120 "
            "§5.4.3.3)"));
    }
    SUBCASE("the server answers the ClientHello with something that is not TLS") {
        const auto endpoint = probe_script({.tls = false, .after_reply = "<stream:error/>"});
        CHECK(endpoint.outcome == XmppOutcome::tls_failed);
        CHECK(endpoint.tls.outcome == TransportOutcome::protocol_error);
        CHECK(endpoint.error.find("the server does not speak TLS") != std::string::npos);
        CHECK(endpoint.error == endpoint.tls.error);
        CHECK(endpoint.starttls_offered);
    }
}

TEST_CASE("xmpp probe: no address, a refused one, and the domain defaulting to the host") {
    SUBCASE("no address") {
        const auto endpoint = xmpp::probe_xmpp(target_at(5222, {}), mra::test::fixture_root_store(), at, Deadline(1s));
        CHECK(endpoint.outcome == XmppOutcome::transport_error);
        CHECK(endpoint.tls.outcome == TransportOutcome::not_resolved);
        CHECK(endpoint.error == "no address to connect to for expe1.example.com");
        CHECK(endpoint.tls.port == 5222);
    }
    SUBCASE("refused") {
        const auto port = mra::test::closed_port();
        const auto endpoint = xmpp::probe_xmpp(target_at(port), mra::test::fixture_root_store(), at, Deadline(2s));
        CHECK(endpoint.outcome == XmppOutcome::transport_error);
        CHECK(endpoint.tls.outcome == TransportOutcome::refused);
        CHECK(endpoint.error == peer_of(port) + ": connect: Connection refused");
    }
    SUBCASE("no domain: the host is the domain") {
        TestXmppServer server;
        auto target = target_at(server.port());
        target.domain.clear();
        const auto endpoint = xmpp::probe_xmpp(target, mra::test::fixture_root_store(), at, Deadline(5s));
        CHECK(endpoint.outcome == XmppOutcome::tls_established);
        CHECK(endpoint.domain == host);
        CHECK(server.sni() == host);
        CHECK(server.plaintext().find("to='expe1.example.com'") != std::string::npos);
    }
}
