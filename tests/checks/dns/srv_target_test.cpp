#include <doctest/doctest.h>

#include "checks/dns/dns_facts.hpp"

namespace mra::checks {
extern const Check dns_srv_target;
}

using namespace mra::test::dns;
using mra::Status;
using mra::checks::dns_srv_target;
using mra::facts::dns::collab_edge;

namespace {

// External view only: _collab-edge with one record per target, no other SRV records, and the targets'
// A/AAAA lookups as given.
mra::facts::Facts with_targets(std::vector<std::string> targets, std::vector<DnsQuery> lookups) {
    auto facts = healthy(false);
    std::erase_if(facts.dns->queries, [](const DnsQuery& q) { return q.type != "SRV"; });
    for (auto& query : facts.dns->queries) fail_query(query, DnsOutcome::nxdomain);
    std::vector<mra::facts::SrvRecord> records;
    for (const auto& target : targets) records.push_back({10, 10, 8443, target});
    find_srv(facts, DnsView::external, collab_edge) = srv(DnsView::external, collab_edge, records);
    for (auto& lookup : lookups) facts.dns->queries.push_back(std::move(lookup));
    return facts;
}

}  // namespace

TEST_CASE("dns.srv-target: metadata, and nothing without discovery") {
    check_metadata(dns_srv_target, "dns.srv-target", mra::Severity::critical);
    records_nothing_without_discovery(dns_srv_target);
}

TEST_CASE("dns.srv-target: one pass per target of every SRV record set, in both views") {
    const auto results = run_check(dns_srv_target, healthy());
    REQUIRE(results.size() == 4);
    CHECK(results[0].subject.name() == "expe1.example.com");
    CHECK(results[0].status == Status::pass);
    CHECK(results[0].message == "resolves to 192.0.2.11, 2001:db8::11");
    CHECK(results[0].evidence["addresses"].size() == 2);
    CHECK(results[0].evidence["target_of"] ==
          std::vector<std::string>{"_collab-edge._tls.example.com", "_sips._tcp.example.com"});
    CHECK(results[1].subject.name() == "expe2.example.com");
    CHECK(results[1].status == Status::pass);  // A only is enough
    CHECK(results[1].message == "resolves to 192.0.2.12");
    CHECK(results[2].subject.name() == "cucm1.example.com (internal view)");
    CHECK(results[2].status == Status::pass);
    CHECK(results[2].evidence["A"]["resolver"] == internal_resolver);
    CHECK(results[3].subject.name() == "imp1.example.com (internal view)");
    CHECK(results[3].status == Status::pass);
}

TEST_CASE(
    "dns.srv-target: fails for a single label, an underscore, no address, or '.' for _collab-edge; a CNAME warns") {
    const auto e = DnsView::external;
    auto alias_a = address(e, "edge.example.com", "A", {"192.0.2.11"});
    alias_a.cnames = {"edge.example.com -> expe1.example.com"};
    auto alias_aaaa = address(e, "edge.example.com", "AAAA", {});
    alias_aaaa.cnames = alias_a.cnames;
    const auto facts = with_targets(
        {"expe1", "exp_e1.example.com", "edge.example.com", "gone.example.com", "."},
        {address(e, "expe1", "A", {"192.0.2.11"}), address(e, "expe1", "AAAA", {}),
         address(e, "exp_e1.example.com", "A", {"192.0.2.11"}), address(e, "exp_e1.example.com", "AAAA", {}), alias_a,
         alias_aaaa, make_query(e, "gone.example.com", "A", DnsOutcome::nxdomain),
         make_query(e, "gone.example.com", "AAAA", DnsOutcome::nxdomain)});
    const auto results = run_check(dns_srv_target, facts);
    REQUIRE(results.size() == 5);
    std::map<std::string, std::string> failed;
    for (const auto& result : results) {
        CAPTURE(result.subject.name());
        CHECK(result.status == (result.subject.name() == "edge.example.com" ? Status::warn : Status::fail));
        CHECK(!result.at_most);  // _collab-edge: the MRA path, the check's own severity
        failed[result.subject.name()] = result.message;
    }
    CHECK(failed["expe1"] == "is not a fully qualified domain name");
    CHECK(failed["exp_e1.example.com"] == "contains '_', which host names must not");
    CHECK(failed["edge.example.com"] ==
          "is an alias (edge.example.com -> expe1.example.com), not the name of an address record (RFC 2782 forbids "
          "it); clients follow it to 192.0.2.11, and the certificate there must name edge.example.com");
    CHECK(failed["gone.example.com"] == "has no A or AAAA record (A: NXDOMAIN, AAAA: NXDOMAIN)");
    CHECK(failed["."] == "_collab-edge's target \".\" declares MRA unavailable (RFC 2782)");
}

TEST_CASE("dns.srv-target: '.' elsewhere only says a service is not offered") {
    auto facts = healthy(false);
    find_srv(facts, DnsView::external, mra::facts::dns::xmpp_server) =
        srv(DnsView::external, mra::facts::dns::xmpp_server, {{0, 0, 0, "."}});
    for (const auto& result : run_check(dns_srv_target, facts)) {
        CAPTURE(result.subject.name());
        CHECK(result.status == Status::pass);
    }
}

TEST_CASE("dns.srv-target: several problems of one target are reported together, once per target") {
    const auto e = DnsView::external;
    const auto facts = with_targets({"exp_e1", "exp_e1"}, {make_query(e, "exp_e1", "A", DnsOutcome::nxdomain),
                                                           make_query(e, "exp_e1", "AAAA", DnsOutcome::nxdomain)});
    const auto result = only_result(dns_srv_target, facts);
    CHECK(result.status == Status::fail);
    CHECK(result.message ==
          "is not a fully qualified domain name; contains '_', which host names must not; has no A or AAAA record "
          "(A: NXDOMAIN, AAAA: NXDOMAIN)");
    CHECK(result.evidence["target_of"] == std::vector<std::string>{"_collab-edge._tls.example.com"});
}

TEST_CASE("dns.srv-target: error when the address lookups did not end cleanly") {
    const auto e = DnsView::external;
    auto facts = with_targets({"expe1.example.com"}, {make_query(e, "expe1.example.com", "A", DnsOutcome::timeout),
                                                      make_query(e, "expe1.example.com", "AAAA", DnsOutcome::nodata)});
    auto result = only_result(dns_srv_target, facts);
    CHECK(result.status == Status::error);
    CHECK(result.message.starts_with(
        "could not look up expe1.example.com A through the external 192.0.2.53:53: no answer from"));

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

TEST_CASE("dns.srv-target: an SRV lookup that failed is an error for that record, and none to judge records nothing") {
    auto facts = with_targets({}, {});
    CHECK(run_check(dns_srv_target, facts).empty());  // the engine reports not_applicable

    fail_query(find_srv(facts, DnsView::external, collab_edge), DnsOutcome::malformed);
    auto result = only_result(dns_srv_target, facts);
    CHECK(result.status == Status::error);
    CHECK(result.subject.name() == "_collab-edge._tls.example.com");

    facts = healthy();
    fail_query(find_srv(facts, DnsView::internal, mra::facts::dns::cuplogin), DnsOutcome::refused);
    const auto results = run_check(dns_srv_target, facts);
    REQUIRE(results.size() == 4);  // expe1, expe2, the failed _cuplogin lookup, cucm1 (imp1 is unknown now)
    CHECK(results[2].subject.name() == "_cuplogin._tcp.example.com (internal view)");
    CHECK(results[2].status == Status::error);
    CHECK(results[2].message.ends_with("through the internal 10.0.0.53:53: answered REFUSED"));
}

TEST_CASE("dns.srv-target: an alias that does not resolve fails, naming both problems") {
    const auto e = DnsView::external;
    auto alias_a = make_query(e, "edge.example.com", "A", DnsOutcome::nxdomain);
    alias_a.cnames = {"edge.example.com -> gone.example.com"};
    const auto facts =
        with_targets({"edge.example.com"}, {alias_a, make_query(e, "edge.example.com", "AAAA", DnsOutcome::nxdomain)});
    const auto result = only_result(dns_srv_target, facts);
    CHECK(result.status == Status::fail);
    CHECK(result.message.starts_with("has no A or AAAA record"));
    CHECK(result.message.ends_with(
        "is an alias (edge.example.com -> gone.example.com), not the name of an address record"));
}

TEST_CASE("dns.srv-target: only _collab-edge outside and _cisco-uds inside are judged at the check's severity") {
    auto facts = healthy();
    const auto e = DnsView::external;
    // A stale federation record and a Webex Messenger record pointing at names that are gone.
    find_srv(facts, e, mra::facts::dns::xmpp_server) =
        srv(e, mra::facts::dns::xmpp_server, {{10, 10, 5269, "old-fed.example.com"}});
    find_srv(facts, e, mra::facts::dns::xmpp_client) =
        srv(e, mra::facts::dns::xmpp_client, {{10, 10, 5222, "old-fed.example.com"}});
    facts.dns->queries.push_back(make_query(e, "old-fed.example.com", "A", DnsOutcome::nxdomain));
    facts.dns->queries.push_back(make_query(e, "old-fed.example.com", "AAAA", DnsOutcome::nxdomain));
    std::map<std::string, std::optional<mra::Severity>> at_most;
    for (const auto& result : run_check(dns_srv_target, facts)) at_most[result.subject.name()] = result.at_most;
    REQUIRE(at_most.count("old-fed.example.com"));
    CHECK(at_most["old-fed.example.com"] == mra::Severity::minor);
    CHECK(at_most["expe1.example.com"] == std::nullopt);  // _collab-edge and _sips: the MRA path wins
    CHECK(at_most["expe2.example.com"] == std::nullopt);
    CHECK(at_most["cucm1.example.com (internal view)"] == std::nullopt);         // _cisco-uds
    CHECK(at_most["imp1.example.com (internal view)"] == mra::Severity::minor);  // _cuplogin
    for (const auto& result : run_check(dns_srv_target, facts))
        if (result.subject.name() == "old-fed.example.com") {
            CHECK(result.status == Status::fail);
            CHECK(result.evidence.contains("judged_as"));
        }
}
