#include <algorithm>

#include "checks/cert/problems.hpp"
#include "checks/cert/rules.hpp"
#include "checks/cert/subjects.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

// MD2, MD4 and MD5: Expressway rejects them (CSCuq95204) and SIP SERVICE answers 437. SHA-1: the
// Webex App on Unified CM does not accept it; a legacy profile may lower it to warn (option sha1).
void run(const CheckContext& context, Results& results) {
    const std::string sha1_status = context.option("sha1");
    if (sha1_status != "fail" && sha1_status != "warn") throw std::invalid_argument("option sha1 must be fail or warn");
    for_each_chain(context, results, "chain", [&](const JudgedChain& subject, const facts::Chain& chain) {
        Problems problems;
        Evidence algorithms = Evidence::object();
        std::vector<std::string> hashes;  // the hashes found, for the passing message
        for (std::size_t position = 0; position < chain.path.size(); ++position) {
            const facts::Certificate& cert = chain.presented[chain.path[position]];
            algorithms[path_part(position)] = cert.signature_algorithm;
            if (cert.self_signed && position > 0) continue;  // a root's own signature is not relied upon
            // The position names the certificate (the report's chains give its subject), so that one
            // certificate presented on several endpoints is one problem said once.
            const std::string where = path_part(position) + " is signed with ";
            if (!cert.signature_hash.empty() &&
                std::find(hashes.begin(), hashes.end(), cert.signature_hash) == hashes.end())
                hashes.push_back(cert.signature_hash);
            if (is_broken_hash(cert.signature_hash))
                problems.add(Status::fail, where + cert.signature_hash + " (" + cert.signature_algorithm + ")");
            else if (cert.signature_hash == "SHA-1")
                problems.add(sha1_status == "fail" ? Status::fail : Status::warn, where + "SHA-1");
            else if (cert.signature_hash.empty())
                problems.add(Status::warn, where + "an unrecognised algorithm " + cert.signature_algorithm);
        }
        // The leaf is always judged (position 0), so a chain without problems names its hashes.
        if (problems.empty())
            results.add(subject_of(subject, "chain"), Status::pass,
                        "every certificate below the root is signed with " + join(hashes),
                        {{"algorithms", algorithms}});
        else
            results.add(subject_of(subject, "chain"), problems.status(), problems.headline(),
                        {{"problems", problems.all()}, {"algorithms", algorithms}});
    });
}

}  // namespace

extern const Check cert_signature_hash{
    .info = {.id = "cert.signature-hash",
             .summary = "No certificate of the chain below the root is signed with MD2, MD4, MD5 or SHA-1.",
             .citation = "Cisco tech note 118672 (MRA registration fails with MD5-hashed certificates, CSCuq95204); "
                         "Calling in Webex App (Unified CM) certificate requirements",
             .severity = Severity::critical,
             .remediation = "Reissue the certificate (and any intermediate) with a SHA-256 or stronger signature.",
             .options = {{"sha1", "fail", "status for a SHA-1 signature: fail, or warn for legacy clients"}}},
    .run = run,
};

const Registration registration{cert_signature_hash, 2060};

}  // namespace mra::checks
