#include "checks/dns/lookup.hpp"

#include "facts/dns_names.hpp"
#include "util/text.hpp"

namespace mra::checks::dns {

using facts::DnsOutcome;
using mra::facts::dns::to_string;

const facts::DnsFacts* dns_facts(const CheckContext& context) {
    const auto& dns = context.facts().dns;
    return dns ? &*dns : nullptr;
}

std::string record_name(const CheckContext& context, std::string_view service) {
    return facts::dns::service_name(service, context.facts().target);
}

std::string resolver_label(const facts::DnsFacts& dns, facts::DnsView view) {
    return std::string(to_string(view)) + " " +
           (view == facts::DnsView::external ? dns.external_resolver : dns.internal_resolver);
}

bool is_clean(DnsOutcome outcome) {
    return outcome == DnsOutcome::answer || outcome == DnsOutcome::nxdomain || outcome == DnsOutcome::nodata;
}

std::vector<facts::SrvRecord> offered(const facts::DnsQuery& srv) {
    std::vector<facts::SrvRecord> records;
    for (const auto& record : srv.srv)
        if (record.target != ".") records.push_back(record);
    return records;
}

std::string describe(const facts::DnsQuery& query) {
    switch (query.outcome) {
        case DnsOutcome::answer: {
            const std::size_t count = query.type == "SRV" ? query.srv.size() : query.addresses.size();
            return std::to_string(count) + " " + query.type + " record" + (count == 1 ? "" : "s");
        }
        case DnsOutcome::nodata:
            return "NOERROR without " + query.type + " records (NODATA)";
        case DnsOutcome::nxdomain:
            return "NXDOMAIN";
        case DnsOutcome::servfail:
        case DnsOutcome::refused:
        case DnsOutcome::other_rcode:
            return "answered " + query.rcode;
        case DnsOutcome::timeout:
        case DnsOutcome::network_error:
        case DnsOutcome::malformed:
            return query.error.empty() ? std::string(to_string(query.outcome)) : query.error;
    }
    return std::string(to_string(query.outcome));
}

Evidence evidence_of(const facts::DnsQuery& query) {
    Evidence evidence = {{"query", query.name + " " + query.type},
                         {"view", to_string(query.view)},
                         {"resolver", query.resolver},
                         {"outcome", to_string(query.outcome)}};
    if (!query.rcode.empty()) evidence["rcode"] = query.rcode;
    if (!query.srv.empty()) {
        std::vector<std::string> records;
        for (const auto& record : query.srv) records.push_back(to_string(record));
        evidence["records"] = records;
    }
    if (!query.addresses.empty()) evidence["addresses"] = query.addresses;
    if (!query.cnames.empty()) evidence["cnames"] = query.cnames;
    if (!query.error.empty()) evidence["error"] = query.error;
    if (query.truncated_over_udp) evidence["truncated_over_udp"] = true;
    evidence["duration_ms"] = query.duration_ms;
    return evidence;
}

const facts::DnsQuery* clean_query(const facts::DnsFacts& dns, Results& results, facts::DnsView view,
                                   const std::string& name, std::string_view type, const std::string& subject) {
    const std::string lookup = name + " " + std::string(type);
    const facts::DnsQuery* query = dns.find(view, name, type);
    if (!query) {
        results.add(subject, Status::error, "no lookup of " + lookup + " was made in the " + resolver_label(dns, view));
        return nullptr;
    }
    if (is_clean(query->outcome)) return query;
    results.add(subject, Status::error,
                "could not look up " + lookup + " through the " + resolver_label(dns, view) + ": " + describe(*query),
                evidence_of(*query));
    return nullptr;
}

bool internal_view_given(const facts::DnsFacts& dns, Results& results, const std::string& subject) {
    if (!dns.internal_resolver.empty()) return true;
    results.add(subject, Status::not_applicable, "no internal view: --internal-resolver was not given");
    return false;
}

void judge_presence(const CheckContext& context, Results& results, facts::DnsView view, std::string_view service,
                    Wanted wanted, Status when_unmet, std::string_view consequence) {
    const facts::DnsFacts* dns = dns_facts(context);
    if (!dns) return;
    const std::string name = record_name(context, service);
    if (view == facts::DnsView::internal && !internal_view_given(*dns, results, name)) return;
    const facts::DnsQuery* query = clean_query(*dns, results, view, name, "SRV", name);
    if (!query) return;

    const auto records = offered(*query);
    const std::string where = "the " + std::string(to_string(view)) + " view";
    std::string seen;  // what the view says, in words
    if (!records.empty()) {
        std::vector<std::string> texts;
        for (const auto& record : records) texts.push_back(to_string(record));
        seen = join(texts);
    } else if (!query->srv.empty()) {
        seen = "only a \".\" target, which declares the service unavailable (RFC 2782)";
    } else {
        seen = describe(*query);
    }
    const bool present = !records.empty();
    const Evidence evidence = evidence_of(*query);
    if (present && wanted == Wanted::present)
        results.add(name, Status::pass, "published in " + where + ": " + seen, evidence);
    else if (!present && wanted == Wanted::absent)
        results.add(name, Status::pass, "not published in " + where + " (" + seen + ")", evidence);
    else if (present)
        results.add(name, Status::fail, "resolves in " + where + " to " + seen + "; " + std::string(consequence),
                    evidence);
    else
        results.add(name, when_unmet, "no SRV record in " + where + " (" + seen + "); " + std::string(consequence),
                    evidence);
}

}  // namespace mra::checks::dns
