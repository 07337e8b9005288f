#include "checks/cert/problems.hpp"
#include "checks/cert/rules.hpp"
#include "checks/cert/subjects.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    for_each_chain(context, results, "chain", [&](const JudgedChain& subject, const facts::Chain& chain) {
        Problems problems;
        Evidence keys = Evidence::object();
        for (std::size_t position = 0; position < chain.path.size(); ++position) {
            const facts::Certificate& cert = chain.presented[chain.path[position]];
            keys[path_part(position)] = std::to_string(cert.key_bits) + "-bit " + cert.key_algorithm +
                                        (cert.key_curve.empty() ? "" : " " + cert.key_curve);
            const KeyVerdict verdict = key_verdict(cert.key_algorithm, cert.key_bits, position == 0);
            if (verdict.problem.empty()) continue;
            problems.add(verdict.fail ? Status::fail : Status::warn, path_part(position) + ": " + verdict.problem);
        }
        if (problems.empty())
            results.add(subject_of(subject, "chain"), Status::pass,
                        "every key is within 2048–4096-bit RSA or P-256 and stronger EC", {{"keys", keys}});
        else
            results.add(subject_of(subject, "chain"), problems.status(), problems.headline(),
                        {{"problems", problems.all()}, {"keys", keys}});
    });
}

}  // namespace

extern const Check cert_key_strength{
    .info =
        {
            .id = "cert.key-strength",
            .summary = "Keys are RSA of 2048 to 4096 bits or EC of P-256 or stronger.",
            .citation = "Expressway Certificate Guide X14.3, Troubleshooting (8192-bit keys); Jabber 12.6 Planning "
                        "Guide, Security and Certificates",
            .severity = Severity::major,
            .remediation = "Generate a new RSA 2048- or 4096-bit key (Cisco recommends 4096) and have the "
                           "certificate reissued.",
        },
    .run = run,
};

const Registration registration{cert_key_strength, 2070};

}  // namespace mra::checks
