#include <doctest/doctest.h>

#include "checks/dns/dns_facts.hpp"

namespace mra::checks {
extern const Check dns_collab_edge;
}

using namespace mra::test::dns;
using mra::Status;
using mra::checks::dns_collab_edge;
using mra::facts::dns::collab_edge;

TEST_CASE("dns.collab-edge: metadata, and nothing without discovery") {
    check_metadata(dns_collab_edge, "dns.collab-edge", mra::Severity::critical);
    records_nothing_without_discovery(dns_collab_edge);
}

TEST_CASE("dns.collab-edge: passes when published externally") {
    const auto result = only_result(dns_collab_edge, healthy());
    CHECK(result.subject.name() == "_collab-edge._tls.example.com");
    CHECK(result.status == Status::pass);
    CHECK(result.message ==
          "published in the external view: 10 10 8443 expe1.example.com, 10 10 8443 expe2.example.com");
    CHECK(result.evidence["records"].size() == 2);
    CHECK(result.evidence["resolver"] == external_resolver);
}

TEST_CASE("dns.collab-edge: fails on NXDOMAIN, NODATA, or only a '.' target") {
    auto facts = healthy();
    auto& query = find_srv(facts, DnsView::external, collab_edge);
    fail_query(query, DnsOutcome::nxdomain);
    auto result = only_result(dns_collab_edge, facts);
    CHECK(result.status == Status::fail);
    CHECK(result.message.starts_with("no SRV record in the external view (NXDOMAIN); "));

    fail_query(query, DnsOutcome::nodata);
    result = only_result(dns_collab_edge, facts);
    CHECK(result.status == Status::fail);
    CHECK(result.message.starts_with("no SRV record in the external view (NOERROR without SRV records (NODATA))"));

    query = srv(DnsView::external, collab_edge, {{0, 0, 0, "."}});
    result = only_result(dns_collab_edge, facts);
    CHECK(result.status == Status::fail);
    CHECK(result.message.find("only a \".\" target") != std::string::npos);
}

TEST_CASE("dns.collab-edge: an error naming the resolver when the lookup did not end cleanly") {
    auto facts = healthy();
    for (const auto outcome : {DnsOutcome::timeout, DnsOutcome::servfail, DnsOutcome::refused,
                               DnsOutcome::network_error, DnsOutcome::malformed, DnsOutcome::other_rcode}) {
        CAPTURE(mra::facts::dns::to_string(outcome));
        fail_query(find_srv(facts, DnsView::external, collab_edge), outcome);
        const auto result = only_result(dns_collab_edge, facts);
        CHECK(result.status == Status::error);
        CHECK(result.subject.name() == "_collab-edge._tls.example.com");
        CHECK(result.message.starts_with(
            "could not look up _collab-edge._tls.example.com SRV through the external 192.0.2.53:53: "));
    }
    const auto timeout = only_result(dns_collab_edge, [&] {
        auto f = healthy();
        fail_query(find_srv(f, DnsView::external, collab_edge), DnsOutcome::timeout);
        return f;
    }());
    CHECK(timeout.message.ends_with("no answer from 192.0.2.53:53 over UDP in 3 tries within 5000 ms"));
}

TEST_CASE("dns.collab-edge: an error when the lookup is missing from the facts") {
    auto facts = healthy();
    std::erase_if(facts.dns->queries,
                  [](const auto& q) { return q.type == "SRV" && q.name.starts_with("_collab-edge"); });
    const auto results = run_check(dns_collab_edge, facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == Status::error);
    CHECK(results[0].message ==
          "no lookup of _collab-edge._tls.example.com SRV was made in the external 192.0.2.53:53");
}

TEST_CASE("dns.collab-edge: the run's domain is matched however it was typed") {
    auto facts = healthy();
    facts.target = "Example.COM.";
    CHECK(only_result(dns_collab_edge, facts).status == Status::pass);
}
