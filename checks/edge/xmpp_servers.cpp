#include "checks/edge/advertised.hpp"
#include "checks/edge/sign_in.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto listed = advertised::names(session.config->xmpp_edge_servers);
        if (listed.empty())
            results.add(subject, Status::fail, "get_edge_config lists no xmppEdgeServer: no IM and presence");
        else
            results.add(subject, Status::pass, "xmppEdgeServer " + join(listed), {{"servers", listed}});
    });
}

}  // namespace

extern const Check edge_xmpp_servers{
    .info =
        {
            .id = "edge.xmpp-servers",
            .summary = "The edge configuration lists XMPP edge servers (IM and presence over MRA).",
            .citation = "MRA Deployment Guide X15.0, Unified Communications configuration (IM and Presence)",
            .severity = Severity::minor,
            .remediation = "Discover the IM and Presence servers on Expressway-C (Configuration > Unified "
                           "Communications > IM and Presence Service nodes) and enable XMPP federation ports.",
        },
    .run = run,
};

}  // namespace mra::checks
