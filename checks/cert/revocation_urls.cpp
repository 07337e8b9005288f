#include "checks/cert/subjects.hpp"

namespace mra::checks {
namespace {

bool is_http(const std::string& url) {
    return url.starts_with("http://") || url.starts_with("https://");
}

void run(const CheckContext& context, Results& results) {
    const bool require_http = context.option("require_http") == "true";
    for_each_chain(context, results, "leaf", [&](const JudgedChain& subject, const facts::Chain& chain) {
        const facts::Certificate& leaf = leaf_of(chain);
        const bool http_crl = std::any_of(leaf.crl_urls.begin(), leaf.crl_urls.end(), is_http);
        const bool http_ocsp = std::any_of(leaf.ocsp_urls.begin(), leaf.ocsp_urls.end(), is_http);
        const Evidence evidence = {{"crl", leaf.crl_urls}, {"ocsp", leaf.ocsp_urls}};
        const std::string part = subject_name(subject, "leaf");
        if (!leaf.crl_urls.empty() && !http_crl)
            results.add(part, Status::fail,
                        "CRL distribution points are only " + leaf.crl_urls.front().substr(0, 7) +
                            "… URLs, which iOS clients cannot fetch",
                        evidence);
        else if (!http_crl && !http_ocsp)
            results.add(part, require_http ? Status::fail : Status::info, "no HTTP CRL distribution point or OCSP URL",
                        evidence);
        else
            results.add(part, Status::pass, "revocation information is reachable over HTTP", evidence);
    });
}

}  // namespace

extern const Check cert_revocation_urls{
    .info = {.id = "cert.revocation-urls",
             .summary = "Revocation information is published over HTTP, not only as ldap: CRL distribution points.",
             .citation = "Jabber 12.6 Planning Guide, Security and Certificates (HTTP CDP and OCSP); Calling in Webex "
                         "App (Unified CM) iOS requirements",
             .severity = Severity::minor,
             .remediation = "Have the CA publish an HTTP CRL distribution point (and an HTTP OCSP responder in the "
                            "AIA); Jabber cannot connect when it cannot check revocation.",
             .options = {{"require_http", "false", "fail (not info) when there is no HTTP CDP or OCSP URL at all"}}},
    .run = run,
};

}  // namespace mra::checks
