#include "checks/edge/sign_in.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto& file = session.tftp.service_profile;
        const std::string uri = session.uds.record.service_profile_uri;
        sign_in::judge_exchange(
            results, subject, file,
            file.resource + " from " + file.tunnel +
                (uri.empty() ? " (the user record names none: the default profile)" : " (named by the user record)"));
    });
}

}  // namespace

extern const Check tftp_service_profile{
    .info =
        {
            .id = "tftp.service-profile",
            .summary = "The service profile the user record names (<serviceProfile> uri, child or attribute) can be "
                       "fetched through the edge; SPDefault.cnf.xml only when the record names none.",
            .citation = "Cisco UDS Developer Guide, user resource (serviceProfile); Cisco Collaboration SRND, MRA "
                        "sign-in sequence (TFTP over HTTP)",
            .severity = Severity::major,
            .remediation = "Check the user's service profile in CUCM (User Management > User Settings > Service "
                           "Profile; the default one when none is assigned), that the TFTP service runs, and that the "
                           "TFTP node is on Expressway-C's HTTP allow list (6970, or 6972 for HTTPS).",
        },
    .run = run,
};

const Registration registration{tftp_service_profile, 5010};

}  // namespace mra::checks
