#include "checks/edge/advertised.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    const auto& endpoints = context.facts().turn;
    if (advertised::report_unprobed(context, results, !endpoints.empty(), "turnEdgeServer",
                                    "the Expressway-E TURN "
                                    "settings"))
        return;
    // What the edges advertised, as sent: no published response shows <turnEdgeServer>'s children.
    std::vector<std::string> advertised_as;
    if (const auto& sign_in = context.facts().sign_in)
        for (const auto& session : sign_in->sessions)
            if (session.config && advertised_as.empty()) advertised_as = session.config->turn_raw;
    for (const auto& endpoint : endpoints) {
        const std::string subject = endpoint.host + ":" + std::to_string(endpoint.port) + "/udp";
        const Evidence evidence = {{"turn_edge_server", advertised_as}, {"address", endpoint.address},
                                   {"attempts", endpoint.attempts},     {"rtt_ms", endpoint.rtt_ms},
                                   {"software", endpoint.software},     {"mapped_address", endpoint.mapped_address}};
        switch (endpoint.outcome) {
            case facts::TurnOutcome::answered:
                results.add(
                    subject, Status::pass,
                    "answered in " + std::to_string(endpoint.rtt_ms) + " ms; sees us as " + endpoint.mapped_address,
                    evidence);
                break;
            case facts::TurnOutcome::error_response:
                results.add(subject, Status::pass,
                            "reachable: answered with STUN error " + std::to_string(endpoint.error_code) + " " +
                                endpoint.error_reason,
                            evidence);
                break;
            case facts::TurnOutcome::not_resolved:
                results.add(subject, Status::fail, endpoint.host + " does not resolve in public DNS", evidence);
                break;
            case facts::TurnOutcome::not_public:
                results.add(subject, Status::not_run, endpoint.error + " (see dns.public-address)", evidence);
                break;
            case facts::TurnOutcome::no_response:
                results.add(subject, Status::fail,
                            "no STUN answer after " + std::to_string(endpoint.attempts) +
                                " attempts: UDP to it is blocked, or TURN is off on the Expressway-E",
                            evidence);
                break;
            case facts::TurnOutcome::malformed:
            case facts::TurnOutcome::network_error:
                results.add(subject, Status::fail, endpoint.error, evidence);
                break;
        }
    }
}

}  // namespace

extern const Check turn_binding{
    .info =
        {
            .id = "turn.binding",
            .summary = "Every advertised TURN server (any <address> and *Port element under turnEdgeServer) answers a "
                       "STUN binding request over UDP (reachability only).",
            .citation = "RFC 5389 §7 (Binding); Cisco Expressway IP Port Usage Guide X15.0 (TURN UDP 3478)",
            .severity = Severity::minor,
            .remediation = "Enable the TURN server on the Expressway-E (Configuration > Traversal > TURN) and open "
                           "UDP 3478 (and the relay range) from the internet.",
        },
    .run = run,
};

const Registration registration{turn_binding, 8000};

}  // namespace mra::checks
