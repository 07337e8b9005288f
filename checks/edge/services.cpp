#include "checks/edge/sign_in.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const facts::EdgeService* uds = nullptr;
        std::vector<std::string> errors;
        Evidence evidence = Evidence::array();
        for (const auto& service : session.config->services) {
            evidence.push_back({{"name", service.name}, {"error", service.error}, {"servers", service.servers.size()}});
            if (service.name == "_cisco-uds")
                uds = &service;
            else if (!service.error.empty() || service.servers.empty())
                errors.push_back(service.name + ": " + (service.error.empty() ? "no server" : service.error));
        }
        const std::string domain = context.facts().target;
        if (!uds || uds->servers.empty()) {
            results.add(subject, Status::fail,
                        "_cisco-uds has no server" + (uds && !uds->error.empty() ? " (" + uds->error + ")" : "") +
                            ": Expressway-C found no _cisco-uds._tcp." + domain + " SRV record in the internal DNS",
                        {{"services", evidence}});
        } else if (!errors.empty()) {
            results.add(subject, Status::info,
                        "_cisco-uds has its server; " + join(errors, "; ") +
                            " (harmless: Jabber over MRA needs only _cisco-uds)",
                        {{"services", evidence}});
        } else {
            results.add(subject, Status::pass, "every service has a server, _cisco-uds: " + uds->servers.front().target,
                        {{"services", evidence}});
        }
    });
}

}  // namespace

extern const Check edge_services{
    .info =
        {
            .id = "edge.services",
            .summary = "The _cisco-uds service in the edge configuration has a server (a NameError there means "
                       "Expressway-C's internal SRV lookup found nothing).",
            .citation = "Cisco Jabber Planning Guide, Service discovery (_cisco-uds); MRA Deployment Guide X15.0, "
                        "DNS records",
            .severity = Severity::critical,
            .remediation = "Publish _cisco-uds._tcp.<domain> SRV records pointing at the CUCM nodes in the DNS that "
                           "Expressway-C uses, then refresh the CUCM servers on Expressway-C.",
        },
    .run = run,
};

}  // namespace mra::checks
