#include "checks/cert/subjects.hpp"
#include "util/time.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    const long warn_days = context.option_number("warn_days");
    const std::int64_t now = context.now();
    for_each_chain(context, results, "leaf", [&](const JudgedChain& subject, const facts::Chain& chain) {
        for (std::size_t position = 0; position < chain.path.size(); ++position) {
            const facts::Certificate& cert = chain.presented[chain.path[position]];
            const std::int64_t days_left = days_between(now, cert.not_after);
            const Evidence evidence = {{"certificate", cert.subject},
                                       {"not_before", rfc3339(cert.not_before)},
                                       {"not_after", rfc3339(cert.not_after)},
                                       {"days_left", days_left}};
            const std::string part = subject_name(subject, path_part(position));
            if (now < cert.not_before)
                results.add(part, Status::fail, "not valid before " + rfc3339(cert.not_before), evidence);
            else if (now > cert.not_after)
                results.add(part, Status::fail, "expired on " + rfc3339(cert.not_after), evidence);
            else if (cert.not_after - now < warn_days * 86400)
                results.add(part, Status::warn,
                            "expires on " + rfc3339(cert.not_after) + ", in " + std::to_string(days_left) + " days",
                            evidence);
            else
                results.add(part, Status::pass,
                            "valid until " + date_only(cert.not_after) + " (" + std::to_string(days_left) + " days)",
                            evidence);
        }
    });
}

}  // namespace

extern const Check cert_expiry{
    .info = {.id = "cert.expiry",
             .summary = "Every certificate of the chain is within its validity period and not about to expire.",
             .citation = "RFC 5280 §4.1.2.5",
             .severity = Severity::critical,
             .remediation = "Renew the certificate (and any expiring CA certificate) and install it on every "
                            "cluster peer before it expires; restart as the Expressway asks.",
             .options = {{"warn_days", "30", "warn when a certificate expires within this many days"}}},
    .run = run,
};

}  // namespace mra::checks
