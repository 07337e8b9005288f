#include "checks/edge/sign_in.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto& uds = session.uds;
        if (uds.servers.answered() && uds.server_names.empty()) {
            results.add(subject, Status::fail, "cucm-uds/servers lists no server", sign_in::evidence_of(uds.servers));
            return;
        }
        sign_in::judge_exchange(results, subject, uds.servers, "cluster servers " + join(uds.server_names));
    });
}

}  // namespace

extern const Check uds_servers{
    .info =
        {
            .id = "uds.servers",
            .summary = "The tunnelled UDS servers resource lists the cluster's servers.",
            .citation = "Cisco UDS Developer Guide, servers resource",
            .severity = Severity::major,
            .remediation = "Check the CUCM cluster's server list (System > Server) and that UDS runs on each node.",
        },
    .run = run,
};

const Registration registration{uds_servers, 4020};

}  // namespace mra::checks
