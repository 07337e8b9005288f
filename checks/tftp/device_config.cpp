#include "checks/edge/sign_in.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto& file = session.tftp.device_config;
        sign_in::judge_exchange(results, subject, file, file.resource + " from " + file.tunnel);
    });
}

}  // namespace

extern const Check tftp_device_config{
    .info =
        {
            .id = "tftp.device-config",
            .summary = "The softphone's configuration file (<device>.cnf.xml, from its provision URI) can be "
                       "fetched through the edge.",
            .citation = "Cisco Collaboration SRND, MRA sign-in sequence (TFTP over HTTP); Cisco UDS Developer Guide, "
                        "device provision URI",
            .severity = Severity::major,
            .remediation = "Check the TFTP service on the CUCM node of the provision URI, that the device's "
                           "configuration was saved and applied, and that the node is on Expressway-C's HTTP allow "
                           "list (port 6970).",
        },
    .run = run,
};

const Registration registration{tftp_device_config, 5000};

}  // namespace mra::checks
