#include "checks/edge/sign_in.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

bool has_address(const std::vector<facts::EdgeServer>& servers) {
    for (const auto& server : servers)
        if (!server.address.empty()) return true;
    return false;
}

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const facts::EdgeService* uds = nullptr;
        std::vector<std::string> errors;
        Evidence services = Evidence::array();
        for (const auto& service : session.config->services) {
            services.push_back({{"name", service.name}, {"error", service.error}, {"servers", service.servers.size()}});
            if (service.name == "_cisco-uds")
                uds = &service;
            else if (!service.error.empty() || service.servers.empty())
                errors.push_back(service.name + ": " + (service.error.empty() ? "no server" : service.error));
        }
        const bool user_uds = has_address(session.config->user_uds_servers);
        const Evidence evidence = {{"services", services}, {"user_uds_server", user_uds}};
        const std::string others =
            errors.empty() ? "" : "; " + join(errors, "; ") + " (harmless: Jabber over MRA needs neither)";
        if (!uds || uds->servers.empty()) {
            const std::string missing =
                "_cisco-uds has no server" + (uds && !uds->error.empty() ? " (" + uds->error + ")" : "") +
                ": Expressway-C found no _cisco-uds._tcp." + context.facts().target + " SRV record in its DNS";
            if (user_uds)
                results.add(subject, Status::info,
                            missing +
                                ", but userUdsServer names the user's UDS server, which Jabber uses instead "
                                "(Expressway-C needs no _cisco-uds from X12.5)" +
                                others,
                            evidence);
            else
                results.add(subject, Status::fail, missing + ", and userUdsServer has no address either" + others,
                            evidence);
        } else if (!errors.empty()) {
            results.add(subject, Status::info, "_cisco-uds has its server" + others, evidence);
        } else {
            results.add(subject, Status::pass, "every service has a server, _cisco-uds: " + uds->servers.front().target,
                        evidence);
        }
    });
}

}  // namespace

extern const Check edge_services{
    .info =
        {
            .id = "edge.services",
            .summary = "The edge configuration leads to a UDS server: the _cisco-uds service has a server or "
                       "userUdsServer has an address (a _cisco-uds NameError alone is info, as are _cuplogin and "
                       "_cisco-phone-tftp errors).",
            .citation =
                "Cisco Jabber Planning Guide, Service discovery (_cisco-uds); Cisco Expressway MRA "
                "Deployment Guide X12.5, change history (Expressway-C no longer requires _cisco-uds); Cisco TAC "
                "document 211304 (a getEdgeConfigResponse with NameError services)",
            .severity = Severity::critical,
            .remediation = "Publish _cisco-uds._tcp.<domain> SRV records pointing at the CUCM nodes in the DNS that "
                           "Expressway-C uses, then refresh the CUCM servers on Expressway-C.",
        },
    .run = run,
};

const Registration registration{edge_services, 3020};

}  // namespace mra::checks
