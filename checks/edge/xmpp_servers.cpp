#include "checks/edge/advertised.hpp"
#include "checks/edge/sign_in.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto listed = advertised::names(session.config->xmpp_edge_servers);
        const auto& im_and_presence = session.uds.record.im_and_presence;
        if (listed.empty() && im_and_presence == true)
            results.add(subject, Status::fail,
                        "get_edge_config lists no xmppEdgeServer, but the user record enables the user for IM and "
                        "Presence: Jabber has no IM and presence over MRA");
        else if (listed.empty() && im_and_presence == false)
            results.add(subject, Status::info,
                        "get_edge_config lists no xmppEdgeServer; the user record does not enable the user for IM "
                        "and Presence, so Jabber needs none");
        else if (listed.empty())
            results.add(subject, Status::warn,
                        "get_edge_config lists no xmppEdgeServer: no IM and presence (the user record did not say "
                        "whether the user is enabled for it)");
        else
            results.add(subject, Status::pass, "xmppEdgeServer " + join(listed), {{"servers", listed}});
    });
}

}  // namespace

extern const Check edge_xmpp_servers{
    .info =
        {
            .id = "edge.xmpp-servers",
            .summary =
                "The edge configuration lists XMPP edge servers (IM and presence over MRA); major when the "
                "user record enables the user for IM and Presence (fail), info when it does not, warn when the record "
                "does not say.",
            .citation = "MRA Deployment Guide X15.0, Unified Communications configuration (IM and Presence); Cisco "
                        "UDS Developer Guide, user resource (homeCluster enableImAndPresence)",
            .severity = Severity::major,
            .remediation = "Discover the IM and Presence servers on Expressway-C (Configuration > Unified "
                           "Communications > IM and Presence Service nodes) and enable XMPP federation ports.",
        },
    .run = run,
};

const Registration registration{edge_xmpp_servers, 3060};

}  // namespace mra::checks
