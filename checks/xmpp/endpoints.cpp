#include "checks/xmpp/endpoints.hpp"

#include "checks/edge/advertised.hpp"

namespace mra::checks::xmpp {

void for_each_endpoint(const CheckContext& context, Results& results, const Judge& judge) {
    const auto& endpoints = context.facts().xmpp;
    if (advertised::report_unprobed(context, results, !endpoints.empty(), "xmppEdgeServer", "edge.xmpp-servers"))
        return;
    for (const auto& endpoint : endpoints) judge(endpoint, endpoint.tls.host + ":" + std::to_string(endpoint.tls.port));
}

}  // namespace mra::checks::xmpp
