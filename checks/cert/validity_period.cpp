#include "checks/cert/subjects.hpp"
#include "util/time.hpp"

namespace mra::checks {
namespace {

constexpr std::int64_t maximum_days = 398;

void run(const CheckContext& context, Results& results) {
    for_each_chain(context, results, "leaf", [&](const JudgedChain& subject, const facts::Chain& chain) {
        const facts::Certificate& leaf = leaf_of(chain);
        const std::int64_t seconds = leaf.not_after - leaf.not_before;
        const std::int64_t days = seconds / 86400;
        const Evidence evidence = {
            {"not_before", rfc3339(leaf.not_before)}, {"not_after", rfc3339(leaf.not_after)}, {"days", days}};
        if (seconds > maximum_days * 86400)
            results.add(subject_name(subject, "leaf"), Status::fail,
                        "valid for " + std::to_string(days) + " days, more than " + std::to_string(maximum_days),
                        evidence);
        else
            results.add(subject_name(subject, "leaf"), Status::pass, "valid for " + std::to_string(days) + " days",
                        evidence);
    });
}

}  // namespace

extern const Check cert_validity_period{
    .info =
        {
            .id = "cert.validity-period",
            .summary = "The server certificate is valid for at most 398 days.",
            .citation = "Cisco Webex App, Calling in Webex App (Unified CM): iOS private-CA requirements; Apple "
                        "HT211025",
            .severity = Severity::minor,
            .remediation = "Request the certificate with a lifetime of 398 days or less; iOS clients reject longer "
                           "server certificates from a private CA.",
        },
    .run = run,
};

}  // namespace mra::checks
