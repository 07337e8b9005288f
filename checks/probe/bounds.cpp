// Lists a peer controls that were longer than mra-preflight keeps (facts/bounds.hpp): what was
// cut, where, and that the rest of it was neither judged nor probed.

#include <map>
#include <string>
#include <vector>

#include "core/check.hpp"
#include "facts/dns_names.hpp"
#include "facts/judged_chains.hpp"

namespace mra::checks {
namespace {

std::string describe(const facts::Cut& cut) {
    const std::size_t kept = facts::max_listed;
    return cut.list + ": " + std::to_string(cut.total) + ", more than the " + std::to_string(kept) +
           " mra-preflight keeps; only the first " + std::to_string(kept) + " were used (" +
           std::to_string(cut.total - kept) + " left out)";
}

void run(const CheckContext& context, Results& results) {
    const auto& facts = context.facts();
    bool examined = false;
    std::map<std::string, std::vector<facts::Cut>> cuts;  // subject → its cuts
    auto note = [&](const std::string& subject, const std::vector<facts::Cut>& found) {
        examined = true;
        for (const auto& cut : found) cuts[subject].push_back(cut);
    };

    if (facts.dns)
        for (const auto& query : facts.dns->queries)
            note(std::string(facts::dns::to_string(query.view)) + " " + query.name + " " + query.type, query.cuts);
    for (const auto& judged : facts::judged_chains(facts))
        if (judged.chain) note(judged.label.empty() ? facts.target : judged.label, judged.chain->cuts);
    if (facts.sign_in) {
        note(facts.target, facts.sign_in->cuts);
        for (const auto& session : facts.sign_in->sessions) {
            const std::string edge = session.host + ":" + std::to_string(session.port);
            if (session.config) note(edge + " get_edge_config", session.config->cuts);
            note(edge + " UDS", session.uds.cuts);
        }
    }

    if (!examined) return;  // nothing a peer sent: not applicable
    if (cuts.empty()) {
        results.add(facts.target, Status::pass,
                    "no DNS answer, certificate chain or server list held more than " +
                        std::to_string(facts::max_listed) + " entries: all were judged");
        return;
    }
    for (const auto& [subject, found] : cuts) {
        std::string message;
        Evidence evidence = Evidence::array();
        for (const auto& cut : found) {
            message += (message.empty() ? "" : "; ") + describe(cut);
            evidence.push_back({{"list", cut.list}, {"total", cut.total}, {"kept", facts::max_listed}});
        }
        results.add(subject, Status::warn, message, {{"cuts", evidence}});
    }
}

}  // namespace

extern const Check probe_bounds{
    .info =
        {
            .id = "probe.bounds",
            .summary = "Every DNS answer, certificate chain and server list the peers sent fits within what "
                       "mra-preflight keeps (32 entries), so everything in them was judged.",
            .citation = "Cisco Expressway Cluster Creation and Maintenance Deployment Guide (a cluster has at most "
                        "6 peers); RFC 2782 (SRV); RFC 8446 §4.4.2 (certificate_list)",
            .severity = Severity::minor,
            .remediation = "No real deployment needs this many: look for generated or duplicated records in the zone, "
                           "servers repeated in the Expressway-C's configuration, or a chain padded with unrelated "
                           "certificates, and remove them. Until then, what lies beyond the first 32 is unjudged.",
        },
    .run = run,
};

const Registration registration{probe_bounds, 9000};

}  // namespace mra::checks
