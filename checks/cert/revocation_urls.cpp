#include <algorithm>

#include "checks/cert/subjects.hpp"
#include "util/address.hpp"
#include "util/text.hpp"
#include "util/url_host.hpp"

namespace mra::checks {
namespace {

bool is_http(const std::string& url) {
    return http_url_host(url).has_value();
}

// The hosts of the leaf's HTTP revocation URLs that the external view says do not exist, as
// "pki.example.com (CRL)". Only a live run with discovery looks them up; a host whose lookups were
// not made, or did not end cleanly, is not judged.
std::vector<std::string> unresolved_hosts(const CheckContext& context, const facts::Certificate& leaf) {
    std::vector<std::string> unresolved;
    const auto& dns = context.facts().dns;
    if (!dns) return unresolved;
    auto judge = [&](const std::vector<std::string>& urls, const char* kind) {
        for (const auto& url : urls) {
            const auto host = http_url_host(url);
            if (!host || is_address_literal(*host)) continue;
            const auto* a = dns->find(facts::DnsView::external, *host, "A");
            const auto* aaaa = dns->find(facts::DnsView::external, *host, "AAAA");
            if (!a || !aaaa) continue;
            const auto clean = [](const facts::DnsQuery& query) {
                return query.outcome == facts::DnsOutcome::answer || query.outcome == facts::DnsOutcome::nxdomain ||
                       query.outcome == facts::DnsOutcome::nodata;
            };
            const std::string named = *host + " (" + kind + ")";
            if (clean(*a) && clean(*aaaa) && a->addresses.empty() && aaaa->addresses.empty() &&
                std::find(unresolved.begin(), unresolved.end(), named) == unresolved.end())
                unresolved.push_back(named);
        }
    };
    judge(leaf.crl_urls, "CRL");
    judge(leaf.ocsp_urls, "OCSP");
    return unresolved;
}

void run(const CheckContext& context, Results& results) {
    const bool require_http = context.option("require_http") == "true";
    for_each_chain(context, results, "leaf", [&](const JudgedChain& subject, const facts::Chain& chain) {
        const facts::Certificate& leaf = leaf_of(chain);
        const bool http_crl = std::any_of(leaf.crl_urls.begin(), leaf.crl_urls.end(), is_http);
        const bool http_ocsp = std::any_of(leaf.ocsp_urls.begin(), leaf.ocsp_urls.end(), is_http);
        Evidence evidence = {{"crl", leaf.crl_urls}, {"ocsp", leaf.ocsp_urls}};
        const Subject part = subject_of(subject, "leaf");
        const auto unresolved = unresolved_hosts(context, leaf);
        if (!unresolved.empty()) evidence["not_in_external_view"] = unresolved;
        if (!leaf.crl_urls.empty() && !http_crl)
            results.add(part, Status::fail,
                        "CRL distribution points are only " + leaf.crl_urls.front().substr(0, 7) +
                            "… URLs, which iOS clients cannot fetch",
                        evidence);
        else if (!http_crl && !http_ocsp)
            results.add(part, require_http ? Status::fail : Status::info, "no HTTP CRL distribution point or OCSP URL",
                        evidence);
        else if (!unresolved.empty())
            results.add(part, Status::warn,
                        "revocation information is published over HTTP, but " + join(unresolved) +
                            " does not resolve in the external view: a client outside cannot check revocation",
                        evidence);
        else
            results.add(part, Status::pass, "revocation information is reachable over HTTP", evidence);
    });
}

}  // namespace

extern const Check cert_revocation_urls{
    .info = {.id = "cert.revocation-urls",
             .summary = "Revocation information is published over HTTP, not only as ldap: CRL distribution points, "
                        "on hosts the external DNS view resolves.",
             .citation = "Jabber 12.6 Planning Guide, Security and Certificates (HTTP CDP and OCSP; Jabber cannot "
                         "connect when the revocation server is unreachable); Calling in Webex App (Unified CM) iOS "
                         "requirements",
             .severity = Severity::minor,
             .remediation = "Have the CA publish an HTTP CRL distribution point (and an HTTP OCSP responder in the "
                            "AIA) on a host that resolves in public DNS; Jabber cannot connect when it cannot check "
                            "revocation.",
             .options = {{"require_http", "false", "fail (not info) when there is no HTTP CDP or OCSP URL at all"}}},
    .run = run,
};

const Registration registration{cert_revocation_urls, 2160};

}  // namespace mra::checks
