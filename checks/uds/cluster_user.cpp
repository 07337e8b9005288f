#include "checks/edge/sign_in.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    const std::string user = context.facts().sign_in ? context.facts().sign_in->user : "";
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto& uds = session.uds;
        auto evidence = sign_in::evidence_of(uds.cluster_user);
        if (uds.cluster_user.outcome == facts::HttpOutcome::not_sent) {
            results.add(subject, Status::not_run, uds.cluster_user.error, evidence);
        } else if (!uds.cluster_user.answered()) {
            results.add(subject, Status::fail, sign_in::explain(uds.cluster_user), evidence);
        } else if (uds.user_found != true) {
            results.add(subject, Status::fail,
                        uds.cluster_user.tunnel + " (a " + uds.discovery_source + " server) does not find " + user +
                            " (clusterUser found=false): the user is in none of the clusters it knows; with "
                            "several clusters, ILS between them is missing or incomplete",
                        evidence);
        } else if (uds.home_cluster.empty()) {
            results.add(subject, Status::fail, "UDS finds " + user + " but names no home cluster", evidence);
        } else {
            evidence["home_cluster"] = uds.home_cluster;
            results.add(subject, Status::pass,
                        user + " has home cluster " + uds.home_cluster + " (asked of " + uds.cluster_user.tunnel +
                            ", a " + uds.discovery_source + " server)",
                        evidence);
        }
    });
}

}  // namespace

extern const Check uds_cluster_user{
    .info =
        {
            .id = "uds.cluster-user",
            .summary = "UDS clusterUser, asked of a _cisco-uds server as Jabber asks it, reports the test user "
                       "found, with a home cluster.",
            .citation = "Cisco UDS Developer Guide, clusterUser resource; Cisco Collaboration SRND, MRA sign-in "
                        "sequence (home cluster discovery)",
            .severity = Severity::critical,
            .remediation = "Check the user exists in CUCM with \"Home Cluster\" set, and with several clusters that "
                           "ILS is configured between them.",
        },
    .run = run,
};

const Registration registration{uds_cluster_user, 4010};

}  // namespace mra::checks
