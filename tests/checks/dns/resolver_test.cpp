#include <doctest/doctest.h>

#include <algorithm>

#include "checks/dns/dns_facts.hpp"

namespace mra::checks {
extern const Check dns_resolver;
}

using namespace mra::test::dns;
using mra::Status;
using mra::checks::dns_resolver;

TEST_CASE("dns.resolver: metadata, and nothing without discovery") {
    check_metadata(dns_resolver, "dns.resolver", mra::Severity::critical);
    records_nothing_without_discovery(dns_resolver);
}

TEST_CASE("dns.resolver: one pass per configured resolver when every query got a usable answer") {
    const auto results = run_check(dns_resolver, healthy());
    REQUIRE(results.size() == 2);
    CHECK(results[0].subject.name() == "external 192.0.2.53:53");
    CHECK(results[0].status == Status::pass);
    CHECK(results[0].message == "answered all of 11 queries");
    CHECK(results[1].subject.name() == "internal 10.0.0.53:53");
    CHECK(results[1].status == Status::pass);

    const auto external_only = run_check(dns_resolver, healthy(false));
    REQUIRE(external_only.size() == 1);
    CHECK(external_only[0].subject.name() == "external 192.0.2.53:53");
}

TEST_CASE("dns.resolver: an error for a resolver that answers nothing usable") {
    auto facts = healthy();
    facts.dns->queries.erase(
        std::remove_if(facts.dns->queries.begin(), facts.dns->queries.end(),
                       [](const auto& q) { return q.view == DnsView::internal && q.type != "SRV"; }),
        facts.dns->queries.end());
    for (auto& query : facts.dns->queries)
        if (query.view == DnsView::internal)
            fail_query(query, query.name.starts_with("_sip") ? DnsOutcome::refused : DnsOutcome::timeout);
    const auto results = run_check(dns_resolver, facts);
    REQUIRE(results.size() == 2);
    CHECK(results[0].status == Status::pass);
    CHECK(results[1].subject.name() == "internal 10.0.0.53:53");
    CHECK(results[1].status == Status::error);
    CHECK(results[1].message == "no usable answer to any of 7 queries (2 refused, 5 timeout)");
    CHECK(results[1].evidence["usable"] == 0);
    CHECK(results[1].evidence["failures"]["timeout"] == 5);
}

TEST_CASE("dns.resolver: warns when only some queries got a usable answer") {
    auto facts = healthy(false);
    fail_query(find_srv(facts, DnsView::external, mra::facts::dns::xmpp_client), DnsOutcome::servfail);
    const auto result = only_result(dns_resolver, facts);
    CHECK(result.status == Status::warn);
    CHECK(result.message == "answered 10 of 11 queries; 1 servfail");
    CHECK(result.evidence["first_failure"] == "_xmpp-client._tcp.example.com SRV: answered SERVFAIL");
}
