#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

namespace {

using mra::facts::XmppOutcome;

// The signed-in run, whose XMPP stream to expe1's xmppEdgeServer (TCP 5222) ended as given; the
// healthy one offers STARTTLS as required and completes TLS 1.2.
mra::facts::Facts stream(XmppOutcome outcome) {
    auto facts = sign_in::healthy();
    mra::facts::XmppEndpoint endpoint;
    endpoint.tls.service = "xmpp";
    endpoint.tls.host = "expe1.example.com";
    endpoint.tls.port = 5222;
    endpoint.tls.address = "192.0.2.1";
    endpoint.domain = "example.com";
    endpoint.outcome = outcome;
    endpoint.stream_from = "example.com";
    endpoint.stream_version = "1.0";
    endpoint.starttls_offered = true;
    endpoint.starttls_required = true;
    endpoint.features = {"starttls"};
    endpoint.negotiation_ms = 4;
    if (outcome == XmppOutcome::tls_established) {
        endpoint.tls.outcome = mra::facts::TransportOutcome::established;
        endpoint.tls.protocol_version = "TLS v1.2";
        endpoint.tls.cipher_suite = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
        endpoint.features_after_tls = {"mechanisms"};
        endpoint.sasl_mechanisms = {"PLAIN"};
    } else {
        endpoint.tls.outcome = mra::facts::TransportOutcome::protocol_error;
    }
    facts.xmpp = {endpoint};
    return facts;
}

mra::facts::XmppEndpoint& endpoint_of(mra::facts::Facts& facts) {
    return facts.xmpp.front();
}

}  // namespace

TEST_CASE("xmpp.starttls: STARTTLS then a completed handshake passes, naming the version and cipher") {
    auto facts = stream(XmppOutcome::tls_established);
    const auto results = mra::test::run_check("xmpp.starttls", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].subject.name() == "expe1.example.com:5222");
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[0].message == "STARTTLS required, then TLS v1.2 with TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    CHECK(results[0].evidence["starttls_required"] == true);

    endpoint_of(facts).starttls_required = false;
    CHECK(mra::test::run_check("xmpp.starttls", facts)[0].message.starts_with("STARTTLS offered, then TLS v1.2"));
}

TEST_CASE("xmpp.starttls: a stream without STARTTLS, a refusal or a stream error fails, naming it") {
    auto facts = stream(XmppOutcome::no_starttls);
    endpoint_of(facts).starttls_offered = false;
    endpoint_of(facts).starttls_required = false;
    endpoint_of(facts).features = {"mechanisms", "register"};
    const auto plain = mra::test::run_check("xmpp.starttls", facts);
    REQUIRE(plain.size() == 1);
    CHECK(plain[0].status == mra::Status::fail);
    CHECK(plain[0].message == "the stream features do not offer STARTTLS (offered: mechanisms, register)");

    const auto refused = mra::test::run_check("xmpp.starttls", stream(XmppOutcome::starttls_refused));
    CHECK(refused[0].status == mra::Status::fail);
    CHECK(refused[0].message == "the server answered <starttls/> with <failure/>");

    facts = stream(XmppOutcome::stream_error);
    endpoint_of(facts).stream_error = "host-unknown";
    endpoint_of(facts).stream_error_text = "no such domain";
    const auto unknown = mra::test::run_check("xmpp.starttls", facts);
    CHECK(unknown[0].status == mra::Status::fail);
    CHECK(unknown[0].message ==
          "stream error <host-unknown>: the server does not serve the XMPP domain example.com (no such domain)");

    facts = stream(XmppOutcome::tls_failed);
    endpoint_of(facts).tls.outcome = mra::facts::TransportOutcome::tls_failure;
    endpoint_of(facts).tls.error = "received alert handshake_failure";
    const auto handshake = mra::test::run_check("xmpp.starttls", facts);
    CHECK(handshake[0].status == mra::Status::fail);
    CHECK(handshake[0].message ==
          "STARTTLS was accepted, then the TLS handshake failed: received alert handshake_failure");
}

TEST_CASE("xmpp.starttls: not run when nothing could be connected to or nothing was advertised") {
    auto facts = stream(XmppOutcome::transport_error);
    endpoint_of(facts).tls.outcome = mra::facts::TransportOutcome::not_resolved;
    const auto unresolved = mra::test::run_check("xmpp.starttls", facts);
    REQUIRE(unresolved.size() == 1);
    CHECK(unresolved[0].status == mra::Status::not_run);
    CHECK(unresolved[0].message == "no address of expe1.example.com to connect to (see edge.xmpp-servers)");

    // Connection refused is a failure, not a reason not to run.
    endpoint_of(facts).tls.outcome = mra::facts::TransportOutcome::refused;
    endpoint_of(facts).error = "connect to 192.0.2.1:5222: Connection refused";
    const auto refused = mra::test::run_check("xmpp.starttls", facts);
    CHECK(refused[0].status == mra::Status::fail);
    CHECK(refused[0].message == "connect to 192.0.2.1:5222: Connection refused");

    // Signed in, but get_edge_config advertises no XMPP server: nothing was probed.
    facts = sign_in::healthy();
    sign_in::walked(facts).config->xmpp_edge_servers.clear();
    const auto unadvertised = mra::test::run_check("xmpp.starttls", facts);
    REQUIRE(unadvertised.size() == 1);
    CHECK(unadvertised[0].subject.name() == sign_in::edge_subject);
    CHECK(unadvertised[0].status == mra::Status::not_run);
    CHECK(unadvertised[0].message == "get_edge_config lists no xmppEdgeServer (see edge.xmpp-servers)");

    CHECK(mra::test::run_check("xmpp.starttls", mra::facts::Facts{}).empty());
}
