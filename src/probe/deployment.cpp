#include "probe/deployment.hpp"

#include <algorithm>
#include <future>

#include "facts/dns_names.hpp"
#include "probe/dns/discovery.hpp"
#include "probe/tls/tls_probe.hpp"
#include "util/address.hpp"

namespace mra::probe {
namespace {

// The addresses the external view gives for `host` (A, then AAAA), as a client would try them.
std::vector<std::string> addresses_of(const facts::DnsFacts& dns, const std::string& host) {
    std::vector<std::string> addresses;
    for (const char* type : {"A", "AAAA"})
        if (const auto* query = dns.find(facts::DnsView::external, host, type);
            query && query->outcome == facts::DnsOutcome::answer)
            addresses.insert(addresses.end(), query->addresses.begin(), query->addresses.end());
    return addresses;
}

// Every distinct _collab-edge target in RFC 2782 order: the Expressway-E peers a client may reach.
std::vector<tls::TlsTarget> edge_targets(const facts::DnsFacts& dns, const std::string& srv_name) {
    std::vector<tls::TlsTarget> targets;
    const auto* query = dns.find(facts::DnsView::external, srv_name, "SRV");
    if (!query || query->outcome != facts::DnsOutcome::answer) return targets;
    for (const auto& record : query->srv) {
        if (record.target == "." || record.target.empty()) continue;
        const bool seen = std::any_of(targets.begin(), targets.end(), [&](const tls::TlsTarget& target) {
            return target.host == record.target && target.port == record.port;
        });
        if (!seen) targets.push_back({"collab-edge", record.target, record.port, addresses_of(dns, record.target)});
    }
    return targets;
}

// Every host get_edge_config names for the client's next steps: they must resolve in the public view.
std::vector<std::string> advertised_hosts(const facts::SignIn& sign_in) {
    std::vector<std::string> hosts;
    for (const auto& session : sign_in.sessions) {
        if (!session.config) continue;
        for (const auto* servers : {&session.config->sip_edge_servers, &session.config->xmpp_edge_servers,
                                    &session.config->turn_edge_servers})
            for (const auto& server : *servers)
                if (!server.address.empty() && !is_address_literal(server.address)) hosts.push_back(server.address);
    }
    return hosts;
}

}  // namespace

facts::Facts probe_deployment(const DeploymentRequest& request) {
    auto progress = [&](const std::string& line) {
        if (request.progress) request.progress(line);
    };
    facts::Facts facts;
    facts.target = request.domain;
    facts.evaluated_at = request.at;

    progress("resolving the SRV records of " + request.domain + " through " + request.external.text() +
             (request.internal ? " and " + request.internal->text() : ""));
    facts.dns = dns::discover(request.domain, request.external, request.internal, request.deadline);

    // TLS to every Expressway-E at once: they are independent, and the run's deadline bounds each.
    const std::string srv_name = facts::dns::service_name(facts::dns::collab_edge, request.domain);
    const auto targets = edge_targets(*facts.dns, srv_name);
    std::vector<std::future<facts::TlsEndpoint>> pending;
    for (const auto& target : targets) {
        progress("connecting to " + target.host + ":" + std::to_string(target.port));
        pending.push_back(std::async(std::launch::async, [&request, target] {
            return tls::probe_tls(target, *request.trust, request.at, request.deadline);
        }));
    }
    for (auto& future : pending) facts.edges.push_back(future.get());

    if (request.sign_in.credentials) {
        facts.sign_in = facts::SignIn{.user = request.sign_in.credentials->user,
                                      .trust = request.sign_in.trust->insecure        ? "insecure"
                                               : !request.sign_in.trust->pins.empty() ? "pin"
                                                                                      : "ca-bundle"};
        std::vector<std::future<facts::EdgeSession>> walks;
        for (const auto& edge : facts.edges) {
            if (edge.outcome != facts::TransportOutcome::established) continue;
            progress("signing in as " + facts.sign_in->user + " through " + edge.host + ":" +
                     std::to_string(edge.port));
            walks.push_back(std::async(std::launch::async, [&request, edge] {
                return http::walk_edge(edge, request.domain, request.sign_in, request.deadline);
            }));
        }
        for (auto& walk : walks) facts.sign_in->sessions.push_back(walk.get());
        dns::resolve_hosts(*facts.dns, request.external, advertised_hosts(*facts.sign_in), request.deadline);
    }
    return facts;
}

}  // namespace mra::probe
