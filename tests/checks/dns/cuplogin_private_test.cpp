#include <doctest/doctest.h>

#include "checks/dns/dns_facts.hpp"

namespace mra::checks {
extern const Check dns_cuplogin_private;
}

using namespace mra::test::dns;
using mra::Status;
using mra::checks::dns_cuplogin_private;
using mra::facts::dns::cuplogin;

TEST_CASE("dns.cuplogin-private: metadata, and nothing without discovery") {
    check_metadata(dns_cuplogin_private, "dns.cuplogin-private", mra::Severity::critical);
    records_nothing_without_discovery(dns_cuplogin_private);
}

TEST_CASE("dns.cuplogin-private: passes when absent outside, fails when the external view answers") {
    auto facts = healthy();
    auto result = only_result(dns_cuplogin_private, facts);
    CHECK(result.subject.name() == "_cuplogin._tcp.example.com");
    CHECK(result.status == Status::pass);

    find_srv(facts, DnsView::external, cuplogin) =
        srv(DnsView::external, cuplogin, {{10, 10, 8443, "imp1.example.com"}});
    result = only_result(dns_cuplogin_private, facts);
    CHECK(result.status == Status::fail);
    CHECK(result.message.starts_with("resolves in the external view to 10 10 8443 imp1.example.com"));
    // Why it is critical, and the one exception.
    CHECK(result.message.find("takes the first of _cisco-uds, _cuplogin and _collab-edge") != std::string::npos);
    CHECK(result.message.find("ServiceDiscoveryExcludedServices") != std::string::npos);
}

TEST_CASE("dns.cuplogin-private: error on a timeout") {
    auto facts = healthy();
    fail_query(find_srv(facts, DnsView::external, cuplogin), DnsOutcome::timeout);
    CHECK(only_result(dns_cuplogin_private, facts).status == Status::error);
}
