#include <doctest/doctest.h>

#include "checks/dns/dns_facts.hpp"

namespace mra::checks {
extern const Check dns_cisco_uds_private;
}

using namespace mra::test::dns;
using mra::Status;
using mra::checks::dns_cisco_uds_private;
using mra::facts::dns::cisco_uds;

TEST_CASE("dns.cisco-uds-private: metadata, and nothing without discovery") {
    check_metadata(dns_cisco_uds_private, "dns.cisco-uds-private", mra::Severity::critical);
    records_nothing_without_discovery(dns_cisco_uds_private);
}

TEST_CASE("dns.cisco-uds-private: passes on NXDOMAIN and NODATA outside") {
    auto facts = healthy();
    auto result = only_result(dns_cisco_uds_private, facts);
    CHECK(result.subject.name() == "_cisco-uds._tcp.example.com");
    CHECK(result.status == Status::pass);
    CHECK(result.message == "not published in the external view (NXDOMAIN)");
    fail_query(find_srv(facts, DnsView::external, cisco_uds), DnsOutcome::nodata);
    CHECK(only_result(dns_cisco_uds_private, facts).status == Status::pass);
}

TEST_CASE("dns.cisco-uds-private: fails when the external view answers") {
    auto facts = healthy();
    find_srv(facts, DnsView::external, cisco_uds) =
        srv(DnsView::external, cisco_uds, {{10, 10, 8443, "cucm1.example.com"}});
    const auto result = only_result(dns_cisco_uds_private, facts);
    CHECK(result.status == Status::fail);
    CHECK(result.message.starts_with("resolves in the external view to 10 10 8443 cucm1.example.com; Jabber"));
}

TEST_CASE("dns.cisco-uds-private: error when the external view could not say") {
    auto facts = healthy();
    fail_query(find_srv(facts, DnsView::external, cisco_uds), DnsOutcome::refused);
    const auto result = only_result(dns_cisco_uds_private, facts);
    CHECK(result.status == Status::error);
    CHECK(result.message.ends_with("through the external 192.0.2.53:53: answered REFUSED"));
}
