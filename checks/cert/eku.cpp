#include "checks/cert/rules.hpp"
#include "checks/cert/subjects.hpp"

namespace mra::checks {
namespace {

const char* role_name(facts::Role role) {
    return role == facts::Role::expressway_c ? "expressway-c" : "expressway-e";
}

void run(const CheckContext& context, Results& results) {
    for_each_chain(context, results, "leaf", [&](const JudgedChain& subject, const facts::Chain& chain) {
        const facts::Certificate& leaf = leaf_of(chain);
        const KnownVersion known = expressway_version_for(context, subject.required.hosts);
        const EkuVerdict verdict = eku_verdict(leaf.extended_key_usage, subject.required.role, known);
        results.add(subject_of(subject, "leaf"), verdict.status, verdict.message,
                    {{"extended_key_usage", leaf.extended_key_usage},
                     {"role", role_name(subject.required.role)},
                     {"expressway_version", known.version ? known.version->text() : "unknown"},
                     {"version_source", known.source}});
    });
}

}  // namespace

extern const Check cert_eku{
    .info =
        {
            .id = "cert.eku",
            .summary = "The Expressway certificate carries the extended key usage its role and version need: "
                       "serverAuth, and clientAuth on an Expressway-C or an Expressway-E before X15.4.",
            .citation = "Cisco TAC 225482, Prepare Expressway for Client Auth EKU Sunset in Public CA Certificates; "
                        "Cisco Field Notice FN74362 (CSCwr73373); Cisco TAC 225693, Expressway X15.5 client EKU",
            .severity = Severity::critical,
            .remediation =
                "Before X15.4, request the Expressway-E certificate with extendedKeyUsage = serverAuth, clientAuth "
                "(from a CA that still issues clientAuth, or a private CA) or upgrade to X15.4 and upload a "
                "serverAuth-only certificate with xConfiguration XCP TLS Certificate CVS EnableServerEkuUpload: On. "
                "Expressway-C always needs clientAuth as the traversal client (from X15.5 it may be a separate client "
                "certificate from a private CA). Give --expressway-version so that the verdict is not a guess.",
            .options = {expressway_version_option},
        },
    .run = run,
};

const Registration registration{cert_eku, 2080};

}  // namespace mra::checks
