#include <doctest/doctest.h>

#include "checks/dns/dns_facts.hpp"

namespace mra::checks {
extern const Check dns_cisco_uds_internal;
}

using namespace mra::test::dns;
using mra::Status;
using mra::checks::dns_cisco_uds_internal;
using mra::facts::dns::cisco_uds;

TEST_CASE("dns.cisco-uds-internal: metadata, and nothing without discovery") {
    check_metadata(dns_cisco_uds_internal, "dns.cisco-uds-internal", mra::Severity::minor);
    records_nothing_without_discovery(dns_cisco_uds_internal);
}

TEST_CASE("dns.cisco-uds-internal: passes when published inside") {
    const auto result = only_result(dns_cisco_uds_internal, healthy());
    CHECK(result.subject.name() == "_cisco-uds._tcp.example.com");
    CHECK(result.status == Status::pass);
    CHECK(result.message == "published in the internal view: 10 10 8443 cucm1.example.com");
    CHECK(result.evidence["resolver"] == internal_resolver);
}

TEST_CASE("dns.cisco-uds-internal: fails when absent inside") {
    auto facts = healthy();
    fail_query(find_srv(facts, DnsView::internal, cisco_uds), DnsOutcome::nxdomain);
    const auto result = only_result(dns_cisco_uds_internal, facts);
    CHECK(result.status == Status::fail);
    CHECK(result.message.starts_with("no SRV record in the internal view (NXDOMAIN)"));
}

TEST_CASE("dns.cisco-uds-internal: not applicable without an internal resolver, and error when it cannot say") {
    const auto na = only_result(dns_cisco_uds_internal, healthy(false));
    CHECK(na.status == Status::not_applicable);
    CHECK(na.subject.name() == "_cisco-uds._tcp.example.com");
    CHECK(na.message == "no internal view: --internal-resolver was not given");

    auto facts = healthy();
    fail_query(find_srv(facts, DnsView::internal, cisco_uds), DnsOutcome::network_error);
    const auto error = only_result(dns_cisco_uds_internal, facts);
    CHECK(error.status == Status::error);
    CHECK(error.message.find("through the internal 10.0.0.53:53") != std::string::npos);
}
