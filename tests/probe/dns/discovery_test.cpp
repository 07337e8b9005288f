// Discovery over both views against real servers on loopback (test_dns_server.hpp).

#include "probe/dns/discovery.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <tuple>

#include "facts/dns_names.hpp"
#include "probe/dns/test_dns_server.hpp"

namespace {

using namespace std::chrono_literals;
using mra::Deadline;
using mra::facts::DnsOutcome;
using mra::facts::DnsView;
using mra::probe::dns::discover;
using mra::test::TestDnsServer;

const std::vector<std::string> external_zone{
    "_collab-edge._tls.example.com. SRV 10 10 8443 expe2.example.com.",
    "_collab-edge._tls.example.com. SRV 10 10 8443 expe1.example.com.",
    "_sips._tcp.example.com. SRV 10 10 5061 expe1.example.com.",
    "_xmpp-server._tcp.example.com. SRV 0 0 0 .",
    "expe1.example.com. A 192.0.2.11",
    "expe1.example.com. AAAA 2001:db8::11",
    "expe2.example.com. CNAME expe1.example.com.",
};
const std::vector<std::string> internal_zone{
    "_cisco-uds._tcp.example.com. SRV 10 10 8443 cucm1.example.com.",
    "cucm1.example.com. A 10.0.0.21",
};

std::vector<std::string> names_of(const mra::facts::DnsFacts& facts, DnsView view) {
    std::vector<std::string> names;
    for (const auto& query : facts.queries)
        if (query.view == view) names.push_back(query.name + " " + query.type);
    return names;
}

}  // namespace

TEST_CASE("dns discover: every service in both views, then every target, in a stable order") {
    TestDnsServer external(mra::test::dns_zone(external_zone));
    TestDnsServer internal(mra::test::dns_zone(internal_zone));
    const auto facts = discover("Example.COM.", external.resolver(), internal.resolver(), Deadline(5s));

    CHECK(facts.external_resolver == external.text());
    CHECK(facts.internal_resolver == internal.text());
    CHECK(names_of(facts, DnsView::external) == std::vector<std::string>{
                                                    "_cisco-uds._tcp.example.com SRV",
                                                    "_collab-edge._tls.example.com SRV",
                                                    "_cuplogin._tcp.example.com SRV",
                                                    "_sip._tcp.example.com SRV",
                                                    "_sips._tcp.example.com SRV",
                                                    "_xmpp-client._tcp.example.com SRV",
                                                    "_xmpp-server._tcp.example.com SRV",
                                                    "expe1.example.com A",  // "." of _xmpp-server is not asked
                                                    "expe1.example.com AAAA",
                                                    "expe2.example.com A",
                                                    "expe2.example.com AAAA",
                                                });
    CHECK(names_of(facts, DnsView::internal) == std::vector<std::string>{
                                                    "_cisco-uds._tcp.example.com SRV",
                                                    "_collab-edge._tls.example.com SRV",
                                                    "_cuplogin._tcp.example.com SRV",
                                                    "_sip._tcp.example.com SRV",
                                                    "_sips._tcp.example.com SRV",
                                                    "_xmpp-client._tcp.example.com SRV",
                                                    "_xmpp-server._tcp.example.com SRV",
                                                    "cucm1.example.com A",
                                                    "cucm1.example.com AAAA",
                                                });
    CHECK(std::is_sorted(facts.queries.begin(), facts.queries.end(), [](const auto& a, const auto& b) {
        return std::tie(a.view, a.name, a.type) < std::tie(b.view, b.name, b.type);
    }));
    // Each query was asked of its own view's resolver.
    for (const auto& query : facts.queries)
        CHECK(query.resolver == (query.view == DnsView::external ? external.text() : internal.text()));

    const auto* edge = facts.find(DnsView::external, "_collab-edge._tls.example.com", "SRV");
    REQUIRE(edge);
    CHECK(edge->outcome == DnsOutcome::answer);
    CHECK(edge->srv.size() == 2);
    CHECK(facts.find(DnsView::external, "_cisco-uds._tcp.example.com", "SRV")->outcome == DnsOutcome::nxdomain);
    CHECK(facts.find(DnsView::internal, "_cisco-uds._tcp.example.com", "SRV")->outcome == DnsOutcome::answer);
    const auto* alias = facts.find(DnsView::external, "expe2.example.com", "A");
    REQUIRE(alias);
    CHECK(alias->cnames == std::vector<std::string>{"expe2.example.com -> expe1.example.com"});
    CHECK(alias->addresses == std::vector<std::string>{"192.0.2.11"});
    CHECK(facts.find(DnsView::internal, "cucm1.example.com", "AAAA")->outcome == DnsOutcome::nodata);
}

TEST_CASE("dns discover: without an internal resolver there is only the external view") {
    TestDnsServer external(mra::test::dns_zone(external_zone));
    const auto facts = discover("example.com", external.resolver(), std::nullopt, Deadline(5s));
    CHECK(facts.internal_resolver.empty());
    CHECK(names_of(facts, DnsView::internal).empty());
    CHECK(names_of(facts, DnsView::external).size() == 11);
    CHECK(external.udp_requests() == 11);
}

TEST_CASE("dns discover: queries run side by side, so slow answers cost two round trips, not eleven") {
    const auto delay = 300ms;
    TestDnsServer external(mra::test::dns_zone(external_zone, delay));
    TestDnsServer internal(mra::test::dns_zone(internal_zone, delay));
    const auto start = std::chrono::steady_clock::now();
    const auto facts = discover("example.com", external.resolver(), internal.resolver(), Deadline(5s));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    for (const auto& query : facts.queries) {
        CAPTURE(query.name);
        CHECK(query.duration_ms >= 290);
        CHECK(query.outcome != DnsOutcome::timeout);
    }
    CHECK(facts.queries.size() == 20);
    CHECK(elapsed >= 2 * delay);         // SRV first, then the targets they name
    CHECK(elapsed < 2 * delay + 700ms);  // one after another would take 20 × 300 ms
}

TEST_CASE("dns discover: a silent resolver ends every query at the deadline") {
    TestDnsServer silent([](const mra::test::DnsRequest&) { return mra::test::dns_silence(); });
    const auto start = std::chrono::steady_clock::now();
    const auto facts = discover("example.com", silent.resolver(), std::nullopt, Deadline(1s));
    CHECK(std::chrono::steady_clock::now() - start < 1500ms);
    CHECK(facts.queries.size() == 7);  // no SRV answered, so no target to resolve
    for (const auto& query : facts.queries) CHECK(query.outcome == DnsOutcome::timeout);
}
