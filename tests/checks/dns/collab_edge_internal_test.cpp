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

TEST_CASE("dns.collab-edge-internal: passes when absent inside, or when _cisco-uds or _cuplogin comes first") {
    auto facts = healthy();
    auto result = only_result(dns_collab_edge_internal, facts);
    CHECK(result.subject.name() == "_collab-edge._tls.example.com");
    CHECK(result.status == Status::pass);
    CHECK(result.message == "not published in the internal view (NXDOMAIN)");

    // Jabber takes _cisco-uds (then _cuplogin) before _collab-edge: an internal _collab-edge is harmless.
    find_srv(facts, DnsView::internal, collab_edge) =
        srv(DnsView::internal, collab_edge, {{10, 10, 8443, "expe1.example.com"}});
    result = only_result(dns_collab_edge_internal, facts);
    CHECK(result.status == Status::pass);
    CHECK(result.message.ends_with("_cisco-uds._tcp.example.com answers there too and Jabber takes it first"));

    find_srv(facts, DnsView::internal, mra::facts::dns::cisco_uds) =
        srv(DnsView::internal, mra::facts::dns::cisco_uds, {});
    result = only_result(dns_collab_edge_internal, facts);
    CHECK(result.status == Status::pass);
    CHECK(result.message.ends_with("_cuplogin._tcp.example.com answers there too and Jabber takes it first"));
}

TEST_CASE("dns.collab-edge-internal: warns when _collab-edge is the only record inside") {
    auto facts = healthy();
    find_srv(facts, DnsView::internal, collab_edge) =
        srv(DnsView::internal, collab_edge, {{10, 10, 8443, "expe1.example.com"}});
    find_srv(facts, DnsView::internal, mra::facts::dns::cisco_uds) =
        srv(DnsView::internal, mra::facts::dns::cisco_uds, {});
    find_srv(facts, DnsView::internal, mra::facts::dns::cuplogin) =
        srv(DnsView::internal, mra::facts::dns::cuplogin, {{0, 0, 0, "."}});  // "." is not a record Jabber uses
    const auto result = only_result(dns_collab_edge_internal, facts);
    CHECK(result.status == Status::warn);
    CHECK(result.message.starts_with("resolves in the internal view to 10 10 8443 expe1.example.com and neither"));
    CHECK(result.message.find("\"always MRA\" design") != std::string::npos);

    // A failed _cisco-uds lookup cannot be judged.
    fail_query(find_srv(facts, DnsView::internal, mra::facts::dns::cisco_uds), DnsOutcome::servfail);
    CHECK(only_result(dns_collab_edge_internal, facts).status == Status::error);
}

TEST_CASE("dns.collab-edge-internal: not applicable without an internal resolver, and error on SERVFAIL") {
    CHECK(only_result(dns_collab_edge_internal, healthy(false)).status == Status::not_applicable);
    auto facts = healthy();
    fail_query(find_srv(facts, DnsView::internal, collab_edge), DnsOutcome::servfail);
    CHECK(only_result(dns_collab_edge_internal, facts).status == Status::error);
}
