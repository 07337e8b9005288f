#include "checks/edge/advertised.hpp"
#include "checks/edge/sign_in.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto& servers = session.config->sip_edge_servers;
        const auto listed = advertised::names(servers);
        const Evidence evidence = {{"servers", listed}, {"routes", session.config->sip_routes}};
        const auto lookups = advertised::look_up(context.facts(), servers);
        if (listed.empty())
            results.add(subject, Status::fail, "get_edge_config lists no sipEdgeServer: no calls or registration",
                        evidence);
        else if (!lookups.unresolved.empty())
            results.add(subject, Status::fail,
                        "sipEdgeServer " + join(lookups.unresolved) + " does not resolve in public DNS", evidence);
        else if (!lookups.failed.empty())  // the resolver's fault, not the name's: dns.resolver says which
            results.add(subject, Status::error,
                        "could not tell whether sipEdgeServer " + join(lookups.failed) +
                            " resolves in public DNS (see dns.resolver)",
                        evidence);
        else
            results.add(subject, Status::pass, "sipEdgeServer " + join(listed), evidence);
    });
}

}  // namespace

extern const Check edge_sip_servers{
    .info =
        {
            .id = "edge.sip-servers",
            .summary = "The edge configuration lists SIP edge servers, and each resolves in public DNS.",
            .citation = "Cisco TAC, Jabber MRA: get_edge_config sipEdgeServer and sipRequest; MRA Deployment Guide "
                        "X15.0, DNS records",
            .severity = Severity::critical,
            .remediation = "Give every Expressway-E peer a public DNS name (System > DNS on Expressway-E) that "
                           "resolves, and check that SIP is enabled on the Unified Communications configuration.",
        },
    .run = run,
};

const Registration registration{edge_sip_servers, 3050};

}  // namespace mra::checks
