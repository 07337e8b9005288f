#include <cmath>
#include <optional>

#include "checks/cert/subjects.hpp"
#include "util/time.hpp"

namespace mra::checks {
namespace {

constexpr std::int64_t day = 86400;
constexpr std::int64_t apple_maximum_days = 825;   // Apple HT210176: every TLS server certificate
constexpr std::int64_t public_maximum_days = 398;  // Apple HT211025: publicly trusted; Cisco's advice for iOS

// CA/Browser Forum ballot SC-081: the longest validity a publicly trusted TLS certificate issued on
// or after each date may have.
struct Limit {
    std::int64_t from;  // Unix seconds, 00:00 UTC
    std::int64_t days;
};
constexpr Limit sc081_limits[] = {
    {1868227200, 47},   // 2029-03-15
    {1805068800, 100},  // 2027-03-15
    {1773532800, 200},  // 2026-03-15
};

std::optional<std::int64_t> sc081_limit(std::int64_t issued) {
    for (const auto& limit : sc081_limits)
        if (issued >= limit.from) return limit.days;
    return std::nullopt;
}

// Publicly trusted: the chain validated against the system trust store (the run had no
// --ca-bundle). A private CA added to the system store by an administrator counts too: a
// heuristic, and the finding it drives is only info.
bool publicly_trusted(const facts::Chain& chain) {
    return chain.trust.trusted && chain.trust.store == "system";
}

double renewals_a_year(std::int64_t days) {
    return std::round(3650.0 / static_cast<double>(days)) / 10.0;
}

void run(const CheckContext& context, Results& results) {
    for_each_chain(context, results, "leaf", [&](const JudgedChain& subject, const facts::Chain& chain) {
        const facts::Certificate& leaf = leaf_of(chain);
        const std::int64_t seconds = leaf.not_after - leaf.not_before;
        const std::int64_t days = seconds / day;
        const bool is_public = publicly_trusted(chain);
        Evidence evidence = {{"not_before", rfc3339(leaf.not_before)},
                             {"not_after", rfc3339(leaf.not_after)},
                             {"days", days},
                             {"publicly_trusted", is_public}};
        if (days > 0) evidence["renewals_a_year"] = renewals_a_year(days);
        const std::string valid_for = "valid for " + std::to_string(days) + " days";
        const Subject part = subject_of(subject, "leaf");
        const auto limit = is_public ? sc081_limit(leaf.not_before) : std::nullopt;
        if (limit) evidence["sc081_maximum_days"] = *limit;
        if (seconds > apple_maximum_days * day)
            results.add(part, Status::fail,
                        valid_for + ", more than 825: Apple devices refuse any TLS server certificate valid longer",
                        evidence);
        else if (seconds > public_maximum_days * day)
            results.add(part, Status::warn,
                        valid_for +
                            ", more than 398: iOS refuses it from a publicly trusted CA, and Cisco advises 398 at most "
                            "for Webex and Jabber on iOS",
                        evidence);
        else if (limit && seconds > *limit * day)
            results.add(part, Status::info,
                        valid_for + ", more than the " + std::to_string(*limit) + " a public CA issues since " +
                            date_only(leaf.not_before) + " (CA/Browser Forum SC-081): expect " +
                            std::to_string(static_cast<int>(std::ceil(365.0 / static_cast<double>(*limit)))) +
                            " renewals a year from now on",
                        evidence);
        else
            results.add(part, Status::pass, valid_for, evidence);
    });
}

}  // namespace

extern const Check cert_validity_period{
    .info =
        {
            .id = "cert.validity-period",
            .summary = "The server certificate is valid for at most 398 days (825 at the very most).",
            .citation = "Apple HT210176 (825 days) and HT211025 (398 days); CA/Browser Forum ballot SC-081; Cisco "
                        "Webex App, Calling in Webex App (Unified CM): iOS private-CA requirements",
            .severity = Severity::minor,
            .remediation = "Request the certificate with a lifetime of 398 days or less (825 is Apple's hard limit "
                           "even for a private CA). Public CAs issue ever shorter certificates (200 days from "
                           "2026-03-15, 100 from 2027-03-15, 47 from 2029-03-15): plan the renewals, or automate them.",
        },
    .run = run,
};

const Registration registration{cert_validity_period, 2050};

}  // namespace mra::checks
