#include "checks/edge/sign_in.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto& servers = session.config->user_uds_servers;
        for (const auto& server : servers)
            if (!server.address.empty()) {
                results.add(subject, Status::pass,
                            "userUdsServer " + server.address + ":" + std::to_string(server.port),
                            {{"address", server.address}, {"port", server.port}});
                return;
            }
        results.add(subject, Status::fail,
                    servers.empty() ? "get_edge_config has no userUdsServer"
                                    : "userUdsServer has an empty address: the user has no home cluster or no service "
                                      "profile with a UDS (CTI) service");
    });
}

}  // namespace

extern const Check edge_user_uds{
    .info =
        {
            .id = "edge.user-uds",
            .summary = "The edge configuration names the user's UDS server (userUdsServer has an address).",
            .citation = "Cisco TAC, Expressway MRA login failures (\"XML didn't contain UDS server address\")",
            .severity = Severity::critical,
            .remediation = "On CUCM, check \"Home Cluster\" on the end user and give the user a service profile "
                           "with the UDS / CTI services.",
        },
    .run = run,
};

const Registration registration{edge_user_uds, 3030};

}  // namespace mra::checks
