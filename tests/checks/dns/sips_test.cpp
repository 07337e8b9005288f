#include <doctest/doctest.h>

#include "checks/dns/dns_facts.hpp"

namespace mra::checks {
extern const Check dns_sips;
}

using namespace mra::test::dns;
using mra::Status;
using mra::checks::dns_sips;
using mra::facts::dns::sips;

TEST_CASE("dns.sips: metadata, and nothing without discovery") {
    check_metadata(dns_sips, "dns.sips", mra::Severity::info);
    records_nothing_without_discovery(dns_sips);
}

TEST_CASE("dns.sips: pass when published, info when absent, error when the lookup failed") {
    auto facts = healthy();
    auto result = only_result(dns_sips, facts);
    CHECK(result.subject.name() == "_sips._tcp.example.com");
    CHECK(result.status == Status::pass);
    CHECK(result.message == "published in the external view: 10 10 5061 expe1.example.com");

    auto& query = find_srv(facts, DnsView::external, sips);
    fail_query(query, DnsOutcome::nxdomain);
    result = only_result(dns_sips, facts);
    CHECK(result.status == Status::info);
    CHECK(result.message.starts_with("no SRV record in the external view (NXDOMAIN); only business-to-business"));

    fail_query(query, DnsOutcome::timeout);
    CHECK(only_result(dns_sips, facts).status == Status::error);
}
