#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

namespace {

using mra::facts::TurnOutcome;

// The signed-in run, whose STUN Binding to expe1's turnEdgeServer (UDP 3478) ended as given.
mra::facts::Facts binding(TurnOutcome outcome) {
    auto facts = sign_in::healthy();
    mra::facts::TurnEndpoint endpoint;
    endpoint.host = "expe1.example.com";
    endpoint.port = 3478;
    endpoint.address = "192.0.2.1";
    endpoint.outcome = outcome;
    endpoint.attempts = 1;
    if (outcome == TurnOutcome::answered) {
        endpoint.mapped_address = "198.51.100.7:54321";
        endpoint.software = "Coturn-4.6.1 'Gorst'";
        endpoint.rtt_ms = 12;
    } else if (outcome == TurnOutcome::error_response) {
        endpoint.error_code = 400;
        endpoint.error_reason = "Bad Request";
    } else if (outcome == TurnOutcome::no_response) {
        endpoint.attempts = 7;
    } else if (outcome == TurnOutcome::network_error) {
        endpoint.error = "ICMP port unreachable from 192.0.2.1:3478";
    } else if (outcome == TurnOutcome::not_public) {
        endpoint.address.clear();
        endpoint.error = "not sent: the external view gives expe1.example.com only 10.0.0.5 (private (RFC 1918))";
    }
    facts.turn = {endpoint};
    return facts;
}

const std::string subject = "expe1.example.com:3478/udp";

}  // namespace

TEST_CASE("turn.binding: a Binding answer passes, saying where the server saw us") {
    const auto results = mra::test::run_check("turn.binding", binding(TurnOutcome::answered));
    REQUIRE(results.size() == 1);
    CHECK(results[0].subject.name() == subject);
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[0].message == "answered in 12 ms; sees us as 198.51.100.7:54321");
    CHECK(results[0].evidence["turn_edge_server"] ==
          std::vector<std::string>{"address=expe1.example.com", "udpPort=3478", "tcpPort=3478"});
    CHECK(results[0].evidence["software"] == "Coturn-4.6.1 'Gorst'");

    // A STUN error response still proves the server is there and speaks STUN.
    const auto error = mra::test::run_check("turn.binding", binding(TurnOutcome::error_response));
    CHECK(error[0].status == mra::Status::pass);
    CHECK(error[0].message == "reachable: answered with STUN error 400 Bad Request");
}

TEST_CASE("turn.binding: no answer, an ICMP refusal or a name that does not resolve fails, saying so") {
    const auto silent = mra::test::run_check("turn.binding", binding(TurnOutcome::no_response));
    REQUIRE(silent.size() == 1);
    CHECK(silent[0].status == mra::Status::fail);
    CHECK(silent[0].message ==
          "no STUN answer after 7 attempts: UDP to it is blocked, or TURN is off on the Expressway-E");

    const auto refused = mra::test::run_check("turn.binding", binding(TurnOutcome::network_error));
    CHECK(refused[0].status == mra::Status::fail);
    CHECK(refused[0].message == "ICMP port unreachable from 192.0.2.1:3478");

    const auto unresolved = mra::test::run_check("turn.binding", binding(TurnOutcome::not_resolved));
    CHECK(unresolved[0].status == mra::Status::fail);
    CHECK(unresolved[0].message == "expe1.example.com does not resolve in public DNS");
}

TEST_CASE("turn.binding: not run when nothing was sent, saying why") {
    const auto private_only = mra::test::run_check("turn.binding", binding(TurnOutcome::not_public));
    REQUIRE(private_only.size() == 1);
    CHECK(private_only[0].status == mra::Status::not_run);
    CHECK(private_only[0].message ==
          "not sent: the external view gives expe1.example.com only 10.0.0.5 (private (RFC 1918)) (see "
          "dns.public-address)");

    // Signed in, but get_edge_config advertises no TURN server: nothing was probed.
    auto facts = sign_in::healthy();
    sign_in::walked(facts).config->turn_edge_servers.clear();
    const auto unadvertised = mra::test::run_check("turn.binding", facts);
    REQUIRE(unadvertised.size() == 1);
    CHECK(unadvertised[0].subject.name() == sign_in::edge_subject);
    CHECK(unadvertised[0].status == mra::Status::not_run);
    CHECK(unadvertised[0].message.starts_with("get_edge_config lists no turnEdgeServer (see "));

    // No test user (the TURN servers tried are then the Expressway-Es themselves) and no address for
    // the one Expressway-E: nothing was tried.
    auto no_user = sign_in::without_user();
    no_user.edges.front().outcome = mra::facts::TransportOutcome::not_resolved;
    no_user.edges.front().address.clear();
    const auto unprobed = mra::test::run_check("turn.binding", no_user);
    REQUIRE(unprobed.size() == 1);
    CHECK(unprobed[0].subject.name() == "_collab-edge._tls.example.com");
    CHECK(unprobed[0].status == mra::Status::not_run);
    CHECK(unprobed[0].message == "no Expressway-E has an address to connect to (see dns.srv-target)");

    CHECK(mra::test::run_check("turn.binding", mra::facts::Facts{}).empty());
}
