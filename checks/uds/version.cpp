#include "checks/edge/sign_in.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto& uds = session.uds;
        std::string passed = "CUCM " + (uds.version_number.empty() ? "(version not given)" : uds.version_number) +
                             " on " + uds.version.tunnel + " (a " + uds.discovery_source + " server)";
        if (!uds.schema_version.empty() && uds.schema_version != uds.version_number)
            passed += ", UDS schema " + uds.schema_version;
        sign_in::judge_exchange(results, subject, uds.version, passed);
    });
}

}  // namespace

extern const Check uds_version{
    .info =
        {
            .id = "uds.version",
            .summary = "The tunnelled UDS version resource (cucm-uds/version) of a _cisco-uds server from "
                       "get_edge_config (of userUdsServer when there is none) answers; <version> is the CUCM "
                       "version, the version attribute the UDS schema's.",
            .citation = "Cisco UDS Developer Guide, version resource; Cisco Collaboration SRND, MRA sign-in sequence",
            .severity = Severity::major,
            .remediation = "Check that the Cisco User Data Services run on the CUCM node, that Expressway-C reaches "
                           "it on 8443 and that the node is on Expressway-C's HTTP allow list.",
        },
    .run = run,
};

const Registration registration{uds_version, 4000};

}  // namespace mra::checks
