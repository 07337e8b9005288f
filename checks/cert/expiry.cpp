#include <algorithm>

#include "checks/cert/subjects.hpp"
#include "util/time.hpp"

namespace mra::checks {
namespace {

// The warning window: the profile's days, or the last third of the certificate's own lifetime when
// that is shorter — a 47-day certificate (CA/Browser Forum SC-081) is renewed every month or so and
// warns only in its last 15 days, not for most of its life.
std::int64_t warning_window(const facts::Certificate& cert, long warn_days) {
    return std::min<std::int64_t>(warn_days * 86400, (cert.not_after - cert.not_before) / 3);
}

void run(const CheckContext& context, Results& results) {
    const long warn_days = context.option_number("warn_days");
    const std::int64_t now = context.now();
    for_each_chain(context, results, "leaf", [&](const JudgedChain& subject, const facts::Chain& chain) {
        for (std::size_t position = 0; position < chain.path.size(); ++position) {
            const facts::Certificate& cert = chain.presented[chain.path[position]];
            const std::int64_t days_left = days_between(now, cert.not_after);
            const std::int64_t window = warning_window(cert, warn_days);
            const Evidence evidence = {{"certificate", cert.subject},
                                       {"not_before", rfc3339(cert.not_before)},
                                       {"not_after", rfc3339(cert.not_after)},
                                       {"days_left", days_left},
                                       {"warning_window_days", window / 86400}};
            const Subject part = subject_of(subject, path_part(position));
            if (now < cert.not_before)
                results.add(part, Status::fail, "not valid before " + rfc3339(cert.not_before), evidence);
            else if (now > cert.not_after)
                results.add(part, Status::fail, "expired on " + rfc3339(cert.not_after), evidence);
            else if (cert.not_after - now < window)
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
             .citation = "RFC 5280 §4.1.2.5; CA/Browser Forum ballot SC-081 (certificates of 200, 100 and 47 days)",
             .severity = Severity::critical,
             .remediation = "Renew the certificate (and any expiring CA certificate) and install it on every "
                            "cluster peer before it expires; restart as the Expressway asks.",
             .options = {{"warn_days", "30",
                          "warn when a certificate expires within this many days, or within the last third of its "
                          "lifetime when that is shorter"}}},
    .run = run,
};

const Registration registration{cert_expiry, 2040};

}  // namespace mra::checks
