#include <doctest/doctest.h>

#include "checks/dns/dns_facts.hpp"

namespace mra::checks {
extern const Check dns_srv_target;
}

using namespace mra::test::dns;
using mra::Status;
using mra::checks::dns_srv_target;
using mra::probe::dns::collab_edge;

namespace {

// _collab-edge with one record per target, and their A/AAAA lookups as given.
mra::facts::Facts with_targets(std::vector<std::string> targets, std::vector<DnsQuery> lookups) {
    auto facts = healthy();
    std::erase_if(facts.dns->queries, [](const DnsQuery& q) { return q.view == DnsView::external && q.type != "SRV"; });
    std::vector<mra::facts::SrvRecord> records;
    for (const auto& target : targets) records.push_back({10, 10, 8443, target});
    find_srv(facts, DnsView::external, collab_edge).srv = records;
    for (auto& lookup : lookups) facts.dns->queries.push_back(std::move(lookup));
    return facts;
}

}  // namespace

TEST_CASE("dns.srv-target: metadata, and nothing without discovery") {
    check_metadata(dns_srv_target, "dns.srv-target", mra::Severity::critical);
    records_nothing_without_discovery(dns_srv_target);
}

TEST_CASE("dns.srv-target: one pass per target, with its addresses") {
    const auto results = run_check(dns_srv_target, healthy());
    REQUIRE(results.size() == 2);
    CHECK(results[0].subject == "expe1.example.com");
    CHECK(results[0].status == Status::pass);
    CHECK(results[0].message == "resolves to 192.0.2.11, 2001:db8::11");
    CHECK(results[0].evidence["addresses"].size() == 2);
    CHECK(results[1].subject == "expe2.example.com");
    CHECK(results[1].status == Status::pass);  // A only is enough
    CHECK(results[1].message == "resolves to 192.0.2.12");
}

TEST_CASE("dns.srv-target: fails for '.', a single label, an underscore, a CNAME, or no address") {
    const auto e = DnsView::external;
    auto alias_a = address(e, "edge.example.com", "A", {"192.0.2.11"});
    alias_a.cnames = {"edge.example.com -> expe1.example.com"};
    auto alias_aaaa = address(e, "edge.example.com", "AAAA", {});
    alias_aaaa.cnames = alias_a.cnames;
    auto missing_a = make_query(e, "gone.example.com", "A", DnsOutcome::nxdomain);
    auto missing_aaaa = make_query(e, "gone.example.com", "AAAA", DnsOutcome::nxdomain);
    const auto facts = with_targets({"expe1", "exp_e1.example.com", "edge.example.com", "gone.example.com", "."},
                                    {address(e, "expe1", "A", {"192.0.2.11"}), address(e, "expe1", "AAAA", {}),
                                     address(e, "exp_e1.example.com", "A", {"192.0.2.11"}),
                                     address(e, "exp_e1.example.com", "AAAA", {}), alias_a, alias_aaaa, missing_a,
                                     missing_aaaa});
    const auto results = run_check(dns_srv_target, facts);
    REQUIRE(results.size() == 5);
    for (const auto& result : results) {
        CAPTURE(result.subject);
        CHECK(result.status == Status::fail);
    }
    CHECK(results[0].subject == "expe1");
    CHECK(results[0].message == "is not a fully qualified domain name");
    CHECK(results[1].message == "contains '_', which Expressway-E host names must not");
    CHECK(results[2].message ==
          "is an alias (edge.example.com -> expe1.example.com), not the name of an address record");
    CHECK(results[3].message == "has no A or AAAA record (A: NXDOMAIN, AAAA: NXDOMAIN)");
    CHECK(results[4].subject == ".");
    CHECK(results[4].message == "the target \".\" declares the service unavailable (RFC 2782)");
}

TEST_CASE("dns.srv-target: several problems of one target are reported together, once per target") {
    const auto e = DnsView::external;
    const auto facts = with_targets({"exp_e1", "exp_e1"}, {make_query(e, "exp_e1", "A", DnsOutcome::nxdomain),
                                                           make_query(e, "exp_e1", "AAAA", DnsOutcome::nxdomain)});
    const auto result = only_result(dns_srv_target, facts);
    CHECK(result.status == Status::fail);
    CHECK(result.message ==
          "is not a fully qualified domain name; contains '_', which Expressway-E host names must not; has no A or "
          "AAAA record (A: NXDOMAIN, AAAA: NXDOMAIN)");
}

TEST_CASE("dns.srv-target: error when the address lookups did not end cleanly") {
    const auto e = DnsView::external;
    auto facts = with_targets({"expe1.example.com"}, {make_query(e, "expe1.example.com", "A", DnsOutcome::timeout),
                                                      make_query(e, "expe1.example.com", "AAAA", DnsOutcome::nodata)});
    auto result = only_result(dns_srv_target, facts);
    CHECK(result.status == Status::error);
    CHECK(result.message.starts_with("could not look up expe1.example.com A through the external 192.0.2.53:53: no "
                                     "answer from"));

    // One family answered: enough to pass.
    facts = with_targets({"expe1.example.com"}, {address(e, "expe1.example.com", "A", {"192.0.2.11"}),
                                                 make_query(e, "expe1.example.com", "AAAA", DnsOutcome::servfail)});
    CHECK(only_result(dns_srv_target, facts).status == Status::pass);

    // The lookups were never made.
    facts = with_targets({"expe1.example.com"}, {});
    result = only_result(dns_srv_target, facts);
    CHECK(result.status == Status::error);
    CHECK(result.message == "no A/AAAA lookup of the target was made in the external 192.0.2.53:53");
}

TEST_CASE("dns.srv-target: not applicable without records; error when _collab-edge itself failed") {
    auto facts = healthy();
    auto& query = find_srv(facts, DnsView::external, collab_edge);
    fail_query(query, DnsOutcome::nxdomain);
    auto result = only_result(dns_srv_target, facts);
    CHECK(result.status == Status::not_applicable);
    CHECK(result.subject == "_collab-edge._tls.example.com");
    fail_query(query, DnsOutcome::malformed);
    result = only_result(dns_srv_target, facts);
    CHECK(result.status == Status::error);
    CHECK(result.subject == "_collab-edge._tls.example.com");
}
