#include <map>

#include "checks/dns/lookup.hpp"
#include "facts/dns_names.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

// One finding per configured resolver. A resolver that gave no usable reply to any query is an
// `error` (could not be evaluated): nothing in its view could be judged, every other dns.* finding
// for that view is an error too, and this one says why. When it is the only resolver, the run's
// required checks cannot run and the verdict is unknown (exit 3).
void judge_view(const facts::DnsFacts& dns, Results& results, facts::DnsView view) {
    const std::string subject = dns::resolver_label(dns, view);
    std::size_t asked = 0, usable = 0, truncated = 0;
    std::int64_t slowest_ms = 0;
    std::map<std::string, std::size_t> failures;  // outcome → count, for the message
    std::string first_error;
    for (const auto& query : dns.queries) {
        if (query.view != view) continue;
        ++asked;
        truncated += query.truncated_over_udp;
        slowest_ms = std::max(slowest_ms, query.duration_ms);
        if (dns::is_clean(query.outcome)) {
            ++usable;
            continue;
        }
        ++failures[std::string(facts::dns::to_string(query.outcome))];
        if (first_error.empty()) first_error = query.name + " " + query.type + ": " + dns::describe(query);
    }
    if (asked == 0) {
        results.add(subject, Status::error, "no query was made through this resolver");
        return;
    }
    std::vector<std::string> counts;
    for (const auto& [outcome, count] : failures) counts.push_back(std::to_string(count) + " " + outcome);
    Evidence evidence = {{"queries", asked}, {"usable", usable}, {"slowest_ms", slowest_ms}};
    if (truncated) evidence["truncated_over_udp"] = truncated;
    if (!failures.empty()) {
        evidence["failures"] = failures;
        evidence["first_failure"] = first_error;
    }
    const std::string of = " of " + std::to_string(asked) + " queries";
    if (usable == 0)
        results.add(subject, Status::error, "no usable answer to any" + of + " (" + join(counts) + ")", evidence);
    else if (usable < asked)
        results.add(subject, Status::warn, "answered " + std::to_string(usable) + of + "; " + join(counts), evidence);
    else
        results.add(subject, Status::pass, "answered all" + of, evidence);
}

void run(const CheckContext& context, Results& results) {
    const facts::DnsFacts* dns = dns::dns_facts(context);
    if (!dns) return;
    judge_view(*dns, results, facts::DnsView::external);
    if (!dns->internal_resolver.empty()) judge_view(*dns, results, facts::DnsView::internal);
}

}  // namespace

extern const Check dns_resolver{
    .info =
        {
            .id = "dns.resolver",
            .summary = "Every configured DNS resolver answers the discovery queries.",
            .citation = "Cisco MRA Deployment Guide X15.0, MRA Requirements (DNS); RFC 1035 §4.2",
            .severity = Severity::critical,
            .remediation = "Check the address and port given with --resolver / --internal-resolver, that UDP and "
                           "TCP port 53 reach the resolver through every firewall, and that it offers recursion to "
                           "this host (REFUSED means it does not). Until it answers, no DNS record can be judged.",
        },
    .run = run,
};

const Registration registration{dns_resolver, 1000};

}  // namespace mra::checks
