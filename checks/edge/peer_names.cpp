#include <set>

#include "checks/edge/sign_in.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

// The Expressway-E names one getEdgeConfigResponse gives the client for HTTP, SIP and XMPP.
std::set<std::string> advertised_names(const facts::EdgeConfig& config) {
    std::set<std::string> names;
    for (const auto* servers : {&config.http_edge_servers, &config.sip_edge_servers, &config.xmpp_edge_servers})
        for (const auto& server : *servers)
            if (!server.address.empty()) names.insert(server.address);
    return names;
}

std::vector<std::string> missing_from(const std::set<std::string>& names, const std::set<std::string>& other) {
    std::vector<std::string> missing;
    for (const auto& name : names)
        if (!other.contains(name)) missing.push_back(name);
    return missing;
}

void run(const CheckContext& context, Results& results) {
    std::set<std::string> targets;
    for (const auto& edge : context.facts().edges) targets.insert(edge.host);
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto advertised = advertised_names(*session.config);
        const auto only_advertised = missing_from(advertised, targets);
        const auto only_published = missing_from(targets, advertised);
        const Evidence evidence = {{"get_edge_config", advertised},
                                   {"collab_edge_targets", targets},
                                   {"only_in_get_edge_config", only_advertised},
                                   {"only_in_srv", only_published}};
        if (advertised.empty()) {
            results.add(subject, Status::not_run, "get_edge_config names no Expressway-E (see edge.sip-servers)",
                        evidence);
            return;
        }
        if (only_advertised.empty() && only_published.empty()) {
            results.add(subject, Status::pass,
                        "get_edge_config and the _collab-edge SRV targets name the same Expressway-Es: " +
                            join(std::vector<std::string>(advertised.begin(), advertised.end())),
                        evidence);
            return;
        }
        std::vector<std::string> differences;
        if (!only_advertised.empty())
            differences.push_back("get_edge_config names " + join(only_advertised) + ", which no SRV target is");
        if (!only_published.empty())
            differences.push_back("the SRV targets include " + join(only_published) +
                                  ", which get_edge_config does not name");
        bool case_only = only_advertised.size() == only_published.size();
        for (const auto& name : only_advertised) {
            bool matched = false;
            for (const auto& other : only_published) matched = matched || equal_ignoring_case(name, other);
            case_only = case_only && matched;
        }
        results.add(subject, Status::warn,
                    join(differences, "; ") +
                        (case_only ? " (the names differ in case only)"
                                   : ": Jabber reaches each Expressway-E by the name get_edge_config gives, and its "
                                     "certificate must carry that name"),
                    evidence);
    });
}

}  // namespace

extern const Check edge_peer_names{
    .info =
        {
            .id = "edge.peer-names",
            .summary = "The Expressway-E names in get_edge_config (httpEdgeServer, sipEdgeServer, xmppEdgeServer) "
                       "are the _collab-edge SRV targets (a name in one and not the other, or a different case or "
                       "domain, warns).",
            .citation = "Cisco Expressway MRA Deployment Guide, DNS records (_collab-edge) and Expressway-E system "
                        "host name and domain; Cisco Jabber Planning Guide, certificate validation",
            .severity = Severity::minor,
            .remediation = "Make the Expressway-E system host name and domain (System > DNS) the names the "
                           "_collab-edge SRV records point at, on every peer of the cluster.",
        },
    .run = run,
};

const Registration registration{edge_peer_names, 3040};

}  // namespace mra::checks
