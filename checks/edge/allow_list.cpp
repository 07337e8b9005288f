#include <set>

#include "checks/edge/sign_in.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto& uds = session.uds;
        const auto& tftp = session.tftp;
        std::set<std::string> relayed, forbidden;
        for (const auto* exchange : {&uds.version, &uds.cluster_user, &uds.servers, &uds.user, &uds.devices,
                                     &tftp.device_config, &tftp.service_profile, &tftp.jabber_profile,
                                     &tftp.jabber_config, &tftp.app_dial_rules, &tftp.directory_dial_rules}) {
            if (exchange->outcome != facts::HttpOutcome::response) continue;
            (exchange->status == 403 ? forbidden : relayed).insert(exchange->tunnel);
        }
        // The other servers the profiles name: one request each; a 403 warns, naming the host.
        std::vector<std::string> named_forbidden;
        Evidence named = Evidence::array();
        for (const auto& server : tftp.named_servers) {
            named.push_back(
                {{"role", server.role},
                 {"named", server.named},
                 {"source", server.source},
                 {"status", server.probe.status},
                 {"outcome", server.probe.outcome == facts::HttpOutcome::response ? "response" : server.probe.error}});
            if (server.probe.outcome == facts::HttpOutcome::response && server.probe.status == 403)
                named_forbidden.push_back(server.probe.tunnel + " (" + server.role + ", named by " + server.source +
                                          ")");
        }
        const Evidence evidence = {{"forbidden", forbidden}, {"relayed", relayed}, {"named_servers", named}};
        const std::vector<std::string> forbidden_list(forbidden.begin(), forbidden.end());
        if (!forbidden.empty())
            results.add(subject, Status::fail,
                        "tunnelled requests to " + join(forbidden_list) +
                            " answer 403: Expressway-C's HTTP allow list does not let them through",
                        evidence);
        else if (!named_forbidden.empty())
            results.add(subject, Status::warn,
                        "requests to " + join(named_forbidden) +
                            " answer 403: Expressway-C's HTTP allow list does not let Jabber reach them",
                        evidence);
        else if (relayed.empty())
            results.add(subject, Status::not_run, "no tunnelled request got an answer to judge");
        else
            results.add(subject, Status::pass,
                        "tunnelled requests to " + join(std::vector<std::string>(relayed.begin(), relayed.end())) +
                            " were relayed",
                        evidence);
    });
}

}  // namespace

extern const Check edge_allow_list{
    .info =
        {
            .id = "edge.allow-list",
            .summary = "Requests tunnelled through the edge to CUCM (UDS, TFTP) are not refused with 403; a 403 from "
                       "another server the profiles name (voicemail, photo, update URL; one request each) warns.",
            .citation = "Cisco Expressway MRA Deployment Guide X15.0, HTTP allow list on Expressway-C; Cisco Jabber "
                        "Parameters Reference Guide (UpdateUrl, PhotoUriWithToken)",
            .severity = Severity::major,
            .remediation = "On Expressway-C, refresh the discovered CUCM and IM and Presence servers (the automatic "
                           "inbound rules) and add an inbound rule for any other server the clients need "
                           "(Configuration > Unified Communications > HTTP allow list).",
        },
    .run = run,
};

const Registration registration{edge_allow_list, 5500};

}  // namespace mra::checks
