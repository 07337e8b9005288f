#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "checks/dns/lookup.hpp"
#include "facts/dns_names.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

using facts::DnsView;

// "expe1.example.com" in the external view, "cucm.example.com (internal view)" in the internal one: a
// name may be a target in both views, with different answers.
std::string view_subject(DnsView view, const std::string& name) {
    return view == DnsView::external ? name : name + " (internal view)";
}

// What is wrong with a target's name itself, before any lookup.
std::vector<std::string> name_problems(const std::string& target) {
    std::vector<std::string> problems;
    // Jabber needs the FQDN to use the Expressway-E's cookie (Cisco Jabber DNS Configuration Guide).
    if (target.find('.') == std::string::npos) problems.push_back("is not a fully qualified domain name");
    // Not a host name (RFC 1123 §2.1), and an Expressway-E named so loses its SSH tunnels (MRA
    // Deployment Guide X12.5, Troubleshooting).
    if (target.find('_') != std::string::npos) problems.push_back("contains '_', which host names must not");
    return problems;
}

// The SRV sets a client follows to sign in: _collab-edge outside, _cisco-uds inside (Planning Guide
// for Cisco Jabber 14.1, Service discovery). A broken target there stops sign-in. The other sets
// (_sips, _sip, _xmpp-client, _xmpp-server, _cuplogin) serve business-to-business calls,
// federation, legacy Webex Messenger or IM and Presence: a stale record there must not fail a
// deployment, so their findings are judged as minor at most.
bool on_mra_path(const CheckContext& context, DnsView view, const std::vector<std::string>& referenced_by) {
    const std::string mra_name =
        dns::record_name(context, view == DnsView::external ? facts::dns::collab_edge : facts::dns::cisco_uds);
    return std::find(referenced_by.begin(), referenced_by.end(), mra_name) != referenced_by.end();
}

void judge_target(const CheckContext& context, const facts::DnsFacts& dns, Results& results, DnsView view,
                  const std::string& target, const std::vector<std::string>& referenced_by) {
    const std::string subject = view_subject(view, target);
    const std::optional<Severity> at_most =
        on_mra_path(context, view, referenced_by) ? std::nullopt : std::optional<Severity>(Severity::minor);
    std::vector<std::string> problems = name_problems(target);
    const facts::DnsQuery* a = dns.find(view, target, "A");
    const facts::DnsQuery* aaaa = dns.find(view, target, "AAAA");
    if (!a || !aaaa) {
        results.add(subject, Status::error,
                    "no A/AAAA lookup of the target was made in the " + dns::resolver_label(dns, view),
                    Evidence::object(), at_most);
        return;
    }
    Evidence evidence = {{"target_of", referenced_by}, {"A", dns::evidence_of(*a)}, {"AAAA", dns::evidence_of(*aaaa)}};
    if (at_most) evidence["judged_as"] = "minor: not on the MRA sign-in path (_collab-edge outside, _cisco-uds inside)";

    std::vector<std::string> addresses = a->addresses;
    addresses.insert(addresses.end(), aaaa->addresses.begin(), aaaa->addresses.end());
    const bool looked_up = dns::is_clean(a->outcome) && dns::is_clean(aaaa->outcome);
    if (addresses.empty() && looked_up)
        problems.push_back("has no A or AAAA record (A: " + dns::describe(*a) + ", AAAA: " + dns::describe(*aaaa) +
                           ")");

    // RFC 2782: the target "must be the name of one or more address records, and must not be an
    // alias". Jabber's resolver follows the CNAME all the same, so an alias that resolves only warns;
    // the certificate must still name the SRV target, not the alias's end.
    const auto& cnames = !a->cnames.empty() ? a->cnames : aaaa->cnames;
    const std::string alias =
        cnames.empty() ? "" : "is an alias (" + join(cnames) + "), not the name of an address record";

    if (!problems.empty()) {
        if (!alias.empty()) problems.push_back(alias);
        results.add(subject, Status::fail, join(problems, "; "), evidence, at_most);
    } else if (addresses.empty()) {  // neither an address nor a clean negative: cannot tell
        const facts::DnsQuery& failed = dns::is_clean(a->outcome) ? *aaaa : *a;
        results.add(subject, Status::error,
                    "could not look up " + failed.name + " " + failed.type + " through the " +
                        dns::resolver_label(dns, view) + ": " + dns::describe(failed),
                    evidence, at_most);
    } else if (!alias.empty()) {
        evidence["addresses"] = addresses;
        results.add(subject, Status::warn,
                    alias + " (RFC 2782 forbids it); clients follow it to " + join(addresses) +
                        ", and the certificate there must name " + target,
                    evidence, at_most);
    } else {
        evidence["addresses"] = addresses;
        results.add(subject, Status::pass, "resolves to " + join(addresses), evidence, at_most);
    }
}

// Every target of every SRV record set discovery found, in both views: RFC 2782's rules hold for all
// of them, and the internal ones (_cisco-uds, _cuplogin) are how Jabber finds Unified CM inside.
void judge_view(const CheckContext& context, const facts::DnsFacts& dns, Results& results, DnsView view) {
    const std::string collab_edge = dns::record_name(context, facts::dns::collab_edge);
    std::map<std::string, std::vector<std::string>> targets;  // target → the SRV names that point at it
    for (const auto& query : dns.queries) {
        if (query.view != view || query.type != "SRV") continue;
        if (!dns::is_clean(query.outcome)) {  // its targets are unknown
            dns::clean_query(dns, results, view, query.name, "SRV", view_subject(view, query.name));
            continue;
        }
        for (const auto& record : query.srv) {
            if (record.target != ".") {
                auto& names = targets[record.target];
                if (names.empty() || names.back() != query.name) names.push_back(query.name);
            } else if (view == DnsView::external && query.name == collab_edge) {
                // Elsewhere "." just says a service is not offered (RFC 2782); for MRA it disables MRA.
                results.add(view_subject(view, "."), Status::fail,
                            "_collab-edge's target \".\" declares MRA unavailable (RFC 2782)", dns::evidence_of(query));
            }
        }
    }
    for (const auto& [target, referenced_by] : targets)
        judge_target(context, dns, results, view, target, referenced_by);
}

void run(const CheckContext& context, Results& results) {
    const facts::DnsFacts* dns = dns::dns_facts(context);
    if (!dns) return;
    judge_view(context, *dns, results, DnsView::external);
    if (!dns->internal_resolver.empty()) judge_view(context, *dns, results, DnsView::internal);
}

}  // namespace

extern const Check dns_srv_target{
    .info =
        {
            .id = "dns.srv-target",
            .summary = "Every SRV target is a fully qualified host name, without '_', with its own A or AAAA record "
                       "(a CNAME warns), and _collab-edge's target is not '.'; only the _collab-edge and internal "
                       "_cisco-uds targets are critical, the other SRV sets minor.",
            .citation = "RFC 2782 (Target); Cisco Jabber DNS Configuration Guide, Service (SRV) Records; Planning "
                        "Guide for Cisco Jabber 14.1, Service discovery; Cisco MRA Deployment Guide X12.5, "
                        "Troubleshooting (underscores, public FQDN)",
            .severity = Severity::critical,
            .remediation = "Point each SRV record at the server's FQDN exactly as configured (for an Expressway-E, "
                           "System host name + Domain name), publish A/AAAA records for that name in the same view, "
                           "and never use an alias (CNAME) or a name with '_' as the target.",
        },
    .run = run,
};

const Registration registration{dns_srv_target, 1070};

}  // namespace mra::checks
