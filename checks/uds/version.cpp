#include "checks/edge/sign_in.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto& uds = session.uds;
        sign_in::judge_exchange(results, subject, uds.version,
                                "UDS " + uds.version_number + " on " + uds.version.tunnel);
    });
}

}  // namespace

extern const Check uds_version{
    .info =
        {
            .id = "uds.version",
            .summary = "The tunnelled UDS version resource (cucm-uds/version) answers.",
            .citation = "Cisco UDS Developer Guide, version resource; Cisco Collaboration SRND, MRA sign-in sequence",
            .severity = Severity::major,
            .remediation = "Check that the Cisco User Data Services run on the CUCM node, that Expressway-C reaches "
                           "it on 8443 and that the node is on Expressway-C's HTTP allow list.",
        },
    .run = run,
};

}  // namespace mra::checks
