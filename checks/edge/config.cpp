#include "checks/edge/sign_in.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_session(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto& exchange = session.edge_config;
        auto evidence = sign_in::evidence_of(exchange);
        if (exchange.outcome == facts::HttpOutcome::untrusted) {
            results.add(subject, Status::not_run,
                        "credentials withheld: the certificate did not verify (" + exchange.error +
                            "); to sign in anyway, pin its key with --pin-sha256 or waive the check with --insecure",
                        evidence);
        } else if (session.config) {
            const auto& config = *session.config;
            evidence["version"] = config.version;
            results.add(subject, Status::pass,
                        "getEdgeConfigResponse " + config.version + " for " + context.facts().sign_in->user + " with " +
                            std::to_string(config.services.size()) + " services",
                        evidence);
        } else {
            results.add(subject, Status::fail, sign_in::explain(exchange), evidence);
        }
    });
}

}  // namespace

extern const Check edge_config{
    .info =
        {
            .id = "edge.config",
            .summary = "get_edge_config with the test user's credentials answers 200 with a getEdgeConfigResponse.",
            .citation = "Cisco Collaboration SRND, Mobile and Remote Access (get_edge_config); MRA Deployment "
                        "Guide X15.0, MRA access control and authorization rate control",
            .severity = Severity::critical,
            .remediation =
                "401: check the user's password, that the CUCM Expressway-C asks knows the user (ILS between "
                "clusters) and the user ID's case. 403: Expressway clocks (NTP). 429: authorization rate control. "
                "502: the SSH tunnels between Expressway-C and -E (TCP 2222) and Expressway-C's TLS to CUCM. "
                "503: take the Expressway out of maintenance mode.",
        },
    .run = run,
};

}  // namespace mra::checks
