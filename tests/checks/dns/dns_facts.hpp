#pragma once
// Hand-built discovery facts for the dns.* check tests: a healthy split-horizon deployment of
// example.com that each test breaks in one place, and a way to run one check over facts.

#include <doctest/doctest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/check.hpp"
#include "facts/dns_names.hpp"

namespace mra::test::dns {

using facts::DnsOutcome;
using facts::DnsQuery;
using facts::DnsView;

inline const std::string external_resolver = "192.0.2.53:53";
inline const std::string internal_resolver = "10.0.0.53:53";

inline DnsQuery make_query(DnsView view, std::string name, std::string type, DnsOutcome outcome) {
    DnsQuery query;
    query.view = view;
    query.resolver = view == DnsView::external ? external_resolver : internal_resolver;
    query.name = std::move(name);
    query.type = std::move(type);
    query.outcome = outcome;
    query.rcode = outcome == DnsOutcome::nxdomain                                  ? "NXDOMAIN"
                  : outcome == DnsOutcome::answer || outcome == DnsOutcome::nodata ? "NOERROR"
                  : outcome == DnsOutcome::servfail                                ? "SERVFAIL"
                  : outcome == DnsOutcome::refused                                 ? "REFUSED"
                                                                                   : "";
    if (outcome == DnsOutcome::timeout)
        query.error = "no answer from " + query.resolver + " over UDP in 3 tries within 5000 ms";
    query.duration_ms = 3;
    return query;
}

inline DnsQuery srv(DnsView view, std::string_view service, std::vector<facts::SrvRecord> records) {
    DnsQuery query = make_query(view, mra::facts::dns::service_name(service, "example.com"), "SRV",
                                records.empty() ? DnsOutcome::nxdomain : DnsOutcome::answer);
    query.srv = std::move(records);
    return query;
}

inline DnsQuery address(DnsView view, std::string name, std::string type, std::vector<std::string> addresses) {
    DnsQuery query =
        make_query(view, std::move(name), std::move(type), addresses.empty() ? DnsOutcome::nodata : DnsOutcome::answer);
    query.addresses = std::move(addresses);
    return query;
}

// example.com done right: two Expressway-E peers published outside, Unified CM inside.
inline facts::Facts healthy(bool with_internal = true) {
    using namespace facts::dns;
    facts::Facts facts;
    facts.target = "example.com";
    facts::DnsFacts dns;
    dns.external_resolver = external_resolver;
    const auto e = DnsView::external;
    dns.queries = {
        srv(e, collab_edge, {{10, 10, 8443, "expe1.example.com"}, {10, 10, 8443, "expe2.example.com"}}),
        srv(e, cisco_uds, {}),
        srv(e, cuplogin, {}),
        srv(e, sips, {{10, 10, 5061, "expe1.example.com"}}),
        srv(e, sip_tcp, {}),
        srv(e, xmpp_server, {}),
        srv(e, xmpp_client, {}),
        address(e, "expe1.example.com", "A", {"192.0.2.11"}),
        address(e, "expe1.example.com", "AAAA", {"2001:db8::11"}),
        address(e, "expe2.example.com", "A", {"192.0.2.12"}),
        address(e, "expe2.example.com", "AAAA", {}),
    };
    if (with_internal) {
        const auto i = DnsView::internal;
        dns.internal_resolver = internal_resolver;
        for (auto query : std::vector<DnsQuery>{
                 srv(i, collab_edge, {}),
                 srv(i, cisco_uds, {{10, 10, 8443, "cucm1.example.com"}}),
                 srv(i, cuplogin, {{10, 10, 8443, "imp1.example.com"}}),
                 srv(i, sips, {}),
                 srv(i, sip_tcp, {}),
                 srv(i, xmpp_server, {}),
                 srv(i, xmpp_client, {}),
                 address(i, "cucm1.example.com", "A", {"10.0.0.21"}),
                 address(i, "cucm1.example.com", "AAAA", {}),
                 address(i, "imp1.example.com", "A", {"10.0.0.22"}),
                 address(i, "imp1.example.com", "AAAA", {}),
             })
            dns.queries.push_back(std::move(query));
    }
    facts.dns = std::move(dns);
    return facts;
}

// The query to break; it must exist.
inline DnsQuery& find(facts::Facts& facts, DnsView view, std::string_view name, std::string_view type) {
    for (auto& query : facts.dns->queries)
        if (query.view == view && query.name == name && query.type == type) return query;
    throw std::logic_error("no such query in the test facts: " + std::string(name) + " " + std::string(type));
}

inline DnsQuery& find_srv(facts::Facts& facts, DnsView view, std::string_view service) {
    return find(facts, view, mra::facts::dns::service_name(service, "example.com"), "SRV");
}

// Turns a query into a failure of the given kind (no records left).
inline void fail_query(DnsQuery& query, DnsOutcome outcome) {
    query = make_query(query.view, query.name, query.type, outcome);
}

// Runs `check` over `facts` as the engine would, without the engine's not_applicable filler.
inline std::vector<Result> run_check(const Check& check, const facts::Facts& facts) {
    static const std::map<std::string, std::string> no_overrides;
    const CheckContext context(facts, check.info, no_overrides);
    Results results;
    check.run(context, results);
    return results.all();
}

// The single result of a check that judges one subject.
inline Result only_result(const Check& check, const facts::Facts& facts) {
    const auto results = run_check(check, facts);
    REQUIRE(results.size() == 1);
    return results.front();
}

// Metadata every dns check must carry: its id, default severity, summary, citation, remediation.
inline void check_metadata(const Check& check, std::string_view id, Severity severity) {
    CHECK(check.info.id == id);
    CHECK(check.info.severity == severity);
    CHECK(!check.info.summary.empty());
    CHECK(check.info.summary.back() == '.');
    CHECK(!check.info.citation.empty());
    CHECK(!check.info.remediation.empty());
}

// The offline `cert` command has no discovery: a dns check records nothing there.
inline void records_nothing_without_discovery(const Check& check) {
    facts::Facts facts;
    facts.target = "leaf.pem";
    CHECK(run_check(check, facts).empty());
}

}  // namespace mra::test::dns
