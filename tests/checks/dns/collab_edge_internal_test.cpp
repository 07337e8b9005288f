#include <doctest/doctest.h>

#include "checks/dns/dns_facts.hpp"

namespace mra::checks {
extern const Check dns_collab_edge_internal;
}

using namespace mra::test::dns;
using mra::Status;
using mra::checks::dns_collab_edge_internal;
using mra::facts::dns::collab_edge;

TEST_CASE("dns.collab-edge-internal: metadata, and nothing without discovery") {
    check_metadata(dns_collab_edge_internal, "dns.collab-edge-internal", mra::Severity::minor);
    records_nothing_without_discovery(dns_collab_edge_internal);
}

TEST_CASE("dns.collab-edge-internal: passes when absent inside, fails when the internal view answers") {
    auto facts = healthy();
    auto result = only_result(dns_collab_edge_internal, facts);
    CHECK(result.subject == "_collab-edge._tls.example.com");
    CHECK(result.status == Status::pass);
    CHECK(result.message == "not published in the internal view (NXDOMAIN)");

    find_srv(facts, DnsView::internal, collab_edge) =
        srv(DnsView::internal, collab_edge, {{10, 10, 8443, "expe1.example.com"}});
    result = only_result(dns_collab_edge_internal, facts);
    CHECK(result.status == Status::fail);
    CHECK(result.message.starts_with("resolves in the internal view to 10 10 8443 expe1.example.com; "));
}

TEST_CASE("dns.collab-edge-internal: not applicable without an internal resolver, and error on SERVFAIL") {
    CHECK(only_result(dns_collab_edge_internal, healthy(false)).status == Status::not_applicable);
    auto facts = healthy();
    fail_query(find_srv(facts, DnsView::internal, collab_edge), DnsOutcome::servfail);
    CHECK(only_result(dns_collab_edge_internal, facts).status == Status::error);
}
