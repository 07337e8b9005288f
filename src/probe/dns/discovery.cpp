#include "probe/dns/discovery.hpp"

#include <algorithm>
#include <future>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "facts/dns_names.hpp"

namespace mra::probe::dns {
namespace {

// Blocking ldns queries, one thread each. `async | deferred` lets libstdc++ run a query in the
// calling thread when no thread can be started, instead of throwing.
std::future<facts::DnsQuery> start_query(const ResolverAddress& resolver, facts::DnsView view, std::string name,
                                         std::string type, Deadline deadline) {
    return std::async(std::launch::async | std::launch::deferred,
                      [=] { return query(resolver, view, name, type, deadline); });
}

void collect(std::vector<std::future<facts::DnsQuery>>& started, std::vector<facts::DnsQuery>& into) {
    for (auto& future : started) into.push_back(future.get());
    started.clear();
}

std::vector<facts::DnsQuery> discover_view(const std::string& domain, const ResolverAddress& resolver,
                                           facts::DnsView view, Deadline deadline) {
    std::vector<facts::DnsQuery> queries;
    std::vector<std::future<facts::DnsQuery>> started;
    for (const std::string_view service : facts::dns::discovered_services)
        started.push_back(start_query(resolver, view, facts::dns::service_name(service, domain), "SRV", deadline));
    collect(started, queries);

    std::set<std::string> targets;  // "." says the service is not offered (RFC 2782): nothing to resolve
    for (const auto& srv : queries)
        for (const auto& record : srv.srv)
            if (record.target != ".") targets.insert(record.target);
    for (const auto& target : targets)
        for (const char* type : {"A", "AAAA"}) started.push_back(start_query(resolver, view, target, type, deadline));
    collect(started, queries);
    return queries;
}

// Sorted by view, name and type, so that reports and captures are stable.
void sort_queries(std::vector<facts::DnsQuery>& queries) {
    std::sort(queries.begin(), queries.end(), [](const facts::DnsQuery& a, const facts::DnsQuery& b) {
        return std::tie(a.view, a.name, a.type) < std::tie(b.view, b.name, b.type);
    });
}

}  // namespace

facts::DnsFacts discover(std::string_view domain, const ResolverAddress& external,
                         const std::optional<ResolverAddress>& internal, Deadline deadline) {
    const std::string zone = facts::dns::canonical_name(domain);
    facts::DnsFacts facts;
    facts.external_resolver = external.text();
    facts.internal_resolver = internal ? internal->text() : "";

    auto start_view = [&](const ResolverAddress& resolver, facts::DnsView view) {
        return std::async(std::launch::async | std::launch::deferred,
                          [=] { return discover_view(zone, resolver, view, deadline); });
    };
    std::vector<std::future<std::vector<facts::DnsQuery>>> views;
    views.push_back(start_view(external, facts::DnsView::external));
    if (internal) views.push_back(start_view(*internal, facts::DnsView::internal));
    for (auto& view : views) {
        auto queries = view.get();
        facts.queries.insert(facts.queries.end(), std::make_move_iterator(queries.begin()),
                             std::make_move_iterator(queries.end()));
    }
    sort_queries(facts.queries);
    return facts;
}

void resolve_hosts(facts::DnsFacts& facts, const ResolverAddress& external, const std::vector<std::string>& hosts,
                   Deadline deadline) {
    std::set<std::string> asked;
    std::vector<std::future<facts::DnsQuery>> started;
    for (const auto& host : hosts) {
        const std::string name = facts::dns::canonical_name(host);
        if (name.empty() || !asked.insert(name).second) continue;
        for (const char* type : {"A", "AAAA"})
            if (!facts.find(facts::DnsView::external, name, type))
                started.push_back(start_query(external, facts::DnsView::external, name, type, deadline));
    }
    collect(started, facts.queries);
    sort_queries(facts.queries);
}

}  // namespace mra::probe::dns
