#include "checks/edge/sign_in.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto& file = session.tftp.service_profile;
        sign_in::judge_exchange(results, subject, file, file.resource + " from " + file.tunnel);
    });
}

}  // namespace

extern const Check tftp_service_profile{
    .info =
        {
            .id = "tftp.service-profile",
            .summary = "The service profile file SPDefault.cnf.xml can be fetched through the edge.",
            .citation = "Cisco Collaboration SRND, MRA sign-in sequence (TFTP over HTTP, SPDefault.cnf.xml)",
            .severity = Severity::major,
            .remediation = "Check that a default service profile exists in CUCM (User Management > User Settings > "
                           "Service Profile), the TFTP service runs, and the TFTP node is on Expressway-C's HTTP "
                           "allow list.",
        },
    .run = run,
};

}  // namespace mra::checks
