#include <doctest/doctest.h>

#include "checks/dns/dns_facts.hpp"

namespace mra::checks {
extern const Check dns_collab_edge_port;
}

using namespace mra::test::dns;
using mra::Status;
using mra::checks::dns_collab_edge_port;
using mra::facts::dns::collab_edge;

TEST_CASE("dns.collab-edge-port: metadata, and nothing without discovery") {
    check_metadata(dns_collab_edge_port, "dns.collab-edge-port", mra::Severity::major);
    records_nothing_without_discovery(dns_collab_edge_port);
}

TEST_CASE("dns.collab-edge-port: passes when every record names 8443") {
    const auto result = only_result(dns_collab_edge_port, healthy());
    CHECK(result.subject.name() == "_collab-edge._tls.example.com");
    CHECK(result.status == Status::pass);
}

TEST_CASE("dns.collab-edge-port: fails with the wrong port of each wrong record") {
    auto facts = healthy();
    find_srv(facts, DnsView::external, collab_edge).srv = {
        {10, 10, 8443, "expe1.example.com"}, {10, 10, 443, "expe2.example.com"}, {20, 0, 5061, "expe3.example.com"}};
    const auto result = only_result(dns_collab_edge_port, facts);
    CHECK(result.status == Status::fail);
    CHECK(result.message == "not port 8443: expe2.example.com on port 443, expe3.example.com on port 5061");
}

TEST_CASE("dns.collab-edge-port: not run without records, error without a clean lookup") {
    auto facts = healthy();
    auto& query = find_srv(facts, DnsView::external, collab_edge);
    fail_query(query, DnsOutcome::nxdomain);
    const auto not_run = only_result(dns_collab_edge_port, facts);
    CHECK(not_run.status == Status::not_run);
    CHECK(not_run.message == "no _collab-edge record whose port could be checked (see dns.collab-edge)");
    query = srv(DnsView::external, collab_edge, {{0, 0, 0, "."}});  // port 0 of "." is not a wrong port
    CHECK(only_result(dns_collab_edge_port, facts).status == Status::not_run);
    fail_query(query, DnsOutcome::servfail);
    const auto error = only_result(dns_collab_edge_port, facts);
    CHECK(error.status == Status::error);
    CHECK(error.message.ends_with("through the external 192.0.2.53:53: answered SERVFAIL"));
}
