#include "core/chain_summaries.hpp"

#include "facts/judged_chains.hpp"
#include "util/time.hpp"

namespace mra {
namespace {

CertificateSummary summarise(const facts::Certificate& certificate, std::int64_t evaluated_at) {
    CertificateSummary summary{.subject = certificate.subject,
                               .issuer = certificate.issuer,
                               .sha256 = certificate.sha256,
                               .not_before = certificate.not_before,
                               .not_after = certificate.not_after,
                               .days_left = days_between(evaluated_at, certificate.not_after),
                               .days_until_valid = days_between(evaluated_at, certificate.not_before),
                               .is_ca = certificate.is_ca};
    const auto& san = certificate.san;
    summary.names.insert(summary.names.end(), san.dns.begin(), san.dns.end());
    summary.names.insert(summary.names.end(), san.ip.begin(), san.ip.end());
    for (const auto& other : san.other_names) summary.names.push_back(other.value);
    if (summary.names.empty() && !certificate.common_name.empty()) summary.names.push_back(certificate.common_name);
    return summary;
}

}  // namespace

std::vector<ChainSummary> summarise_chains(const facts::Facts& facts) {
    std::vector<ChainSummary> summaries;
    for (const auto& judged : facts::judged_chains(facts)) {
        ChainSummary summary{.label = judged.label, .unavailable_reason = judged.unavailable_reason};
        if (const facts::Chain* chain = judged.chain) {
            for (const std::size_t index : chain->path)
                summary.path.push_back(summarise(chain->presented[index], facts.evaluated_at));
            summary.trusted = chain->trust.trusted;
            summary.trust_result = chain->trust.result;
            summary.anchor = chain->trust.anchor;
        }
        summaries.push_back(std::move(summary));
    }
    return summaries;
}

}  // namespace mra
