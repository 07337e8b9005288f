// The run's probing half never connects to an address the external view gives that the internet
// cannot reach (dns.public-address): judged before any connection is tried.

#include "probe/deployment.hpp"

#include <doctest/doctest.h>

#include <atomic>

#include "probe/dns/test_dns_server.hpp"
#include "probe/net/loopback_server.hpp"
#include "tests/fixture_trust.hpp"

using namespace std::chrono_literals;

namespace {

// Counts the connections it accepts, then resets each: any arrival is seen.
struct CountingServer {
    std::atomic<int> connections{0};
    mra::test::LoopbackServer server;
    explicit CountingServer(const std::string& address)
        : server(
              [this](mra::probe::net::Connection& connection, const std::atomic<bool>&) {
                  ++connections;
                  mra::test::reset(connection);
              },
              address) {}
};

}  // namespace

TEST_CASE("deployment: an Expressway-E address judged private is never connected to, the others are") {
    // Two loopback aliases stand in: the judgement is injected to call the first one private.
    CountingServer hidden("127.0.77.1");
    CountingServer open("127.0.77.2");
    mra::test::TestDnsServer dns(mra::test::dns_zone({
        "_collab-edge._tls.example.com. 300 IN SRV 10 10 " + std::to_string(hidden.server.port()) +
            " expe1.example.com.",
        "_collab-edge._tls.example.com. 300 IN SRV 10 10 " + std::to_string(open.server.port()) + " expe2.example.com.",
        "expe1.example.com. 300 IN A 127.0.77.1",
        "expe2.example.com. 300 IN A 127.0.77.2",
    }));

    mra::probe::DeploymentRequest request{
        .domain = "example.com",
        .external = dns.resolver(),
        .trust = &mra::test::fixture_root_store(),
        .at = mra::test::fixture_time,
        .deadline = mra::Deadline(4s),
    };
    request.judge_address = [](std::string_view address) {
        return address == "127.0.77.1" ? mra::AddressScope::private_use : mra::address_scope(address);
    };
    const mra::facts::Facts facts = mra::probe::probe_deployment(request);

    CHECK(hidden.connections == 0);
    CHECK(open.connections >= 1);  // the test can see a connection: the control peer got one
    REQUIRE(facts.edges.size() == 2);
    const auto& withheld = facts.edges[0];
    CHECK(withheld.host == "expe1.example.com");
    CHECK(withheld.outcome == mra::facts::TransportOutcome::not_public);
    CHECK(withheld.address.empty());
    CHECK(withheld.error ==
          "not connected: the external view gives expe1.example.com only addresses the internet cannot reach "
          "(127.0.77.1 (private (RFC 1918)))");
    CHECK(facts.edges[1].outcome != mra::facts::TransportOutcome::not_public);

    // Without a test user, SIP and XMPP go to the Expressway-Es' standard ports: never to expe1's.
    for (const auto& sip : facts.sip)
        if (sip.tls.host == "expe1.example.com") CHECK(sip.tls.outcome == mra::facts::TransportOutcome::not_public);
    for (const auto& xmpp : facts.xmpp)
        if (xmpp.tls.host == "expe1.example.com") CHECK(xmpp.tls.outcome == mra::facts::TransportOutcome::not_public);
}
