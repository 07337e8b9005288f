#include "probe/deployment.hpp"

#include <algorithm>
#include <future>
#include <mutex>

#include "facts/dns_names.hpp"
#include "probe/dns/discovery.hpp"
#include "probe/tls/tls_probe.hpp"
#include "probe/turn/turn_probe.hpp"
#include "probe/xmpp/xmpp_probe.hpp"
#include "util/address.hpp"
#include "util/text.hpp"
#include "util/url_host.hpp"
#include "x509/load.hpp"

namespace mra::probe {
namespace {

using AddressJudge = std::function<AddressScope(std::string_view)>;

// The addresses the external view gives for `host` (A, then AAAA), as a client would try them,
// parted into those a client on the internet could reach and those it could not, which are never
// connected to (RFC 1918, RFC 6598, RFC 3927, RFC 4193, RFC 4291 §2.5.6: see dns.public-address).
// A literal address is its own: the user or the edge configuration named it, not the external view.
struct Addresses {
    std::vector<std::string> reachable;
    std::vector<std::string> withheld;  // "10.0.0.5 (private (RFC 1918))"
};

Addresses addresses_of(const facts::DnsFacts& dns, const std::string& host, const AddressJudge& judge) {
    if (is_address_literal(host)) return {{host}, {}};
    Addresses addresses;
    for (const char* type : {"A", "AAAA"})
        if (const auto* query = dns.find(facts::DnsView::external, host, type);
            query && query->outcome == facts::DnsOutcome::answer)
            for (const auto& address : query->addresses) {
                const AddressScope scope = judge(address);
                if (unreachable_from_internet(scope))
                    addresses.withheld.push_back(address + " (" + std::string(to_string(scope)) + ")");
                else
                    addresses.reachable.push_back(address);
            }
    return addresses;
}

// Why nothing went to `host` when every address it has is withheld; empty when something may go.
std::string withheld_reason(const std::string& host, const Addresses& addresses) {
    if (!addresses.reachable.empty() || addresses.withheld.empty()) return {};
    return "not connected: the external view gives " + host + " only addresses the internet cannot reach (" +
           join(addresses.withheld) + ")";
}

facts::TlsEndpoint not_connected(std::string service, const std::string& host, std::uint16_t port, std::string reason) {
    facts::TlsEndpoint endpoint;
    endpoint.service = std::move(service);
    endpoint.host = host;
    endpoint.port = port;
    endpoint.outcome = facts::TransportOutcome::not_public;
    endpoint.error = std::move(reason);
    return endpoint;
}

// Every distinct _collab-edge target in RFC 2782 order: the Expressway-E peers a client may reach.
std::vector<std::pair<tls::TlsTarget, std::string>> edge_targets(const facts::DnsFacts& dns,
                                                                 const std::string& srv_name,
                                                                 const AddressJudge& judge) {
    std::vector<std::pair<tls::TlsTarget, std::string>> targets;  // the target, and why it is withheld
    const auto* query = dns.find(facts::DnsView::external, srv_name, "SRV");
    if (!query || query->outcome != facts::DnsOutcome::answer) return targets;
    for (const auto& record : query->srv) {
        if (record.target == "." || record.target.empty()) continue;
        const bool seen = std::any_of(targets.begin(), targets.end(), [&](const auto& target) {
            return target.first.host == record.target && target.first.port == record.port;
        });
        if (seen) continue;
        const Addresses addresses = addresses_of(dns, record.target, judge);
        targets.push_back({{"collab-edge", record.target, record.port, addresses.reachable},
                           withheld_reason(record.target, addresses)});
    }
    return targets;
}

// The distinct servers of one kind that the edge configurations advertise (every peer's).
std::vector<facts::EdgeServer> advertised(const facts::SignIn& sign_in,
                                          std::vector<facts::EdgeServer> facts::EdgeConfig::*servers) {
    std::vector<facts::EdgeServer> found;
    for (const auto& session : sign_in.sessions) {
        if (!session.config) continue;
        for (const auto& server : (*session.config).*servers) {
            if (server.address.empty()) continue;
            const bool seen = std::any_of(found.begin(), found.end(), [&](const facts::EdgeServer& other) {
                return equal_ignoring_case(other.address, server.address) && other.port == server.port;
            });
            if (!seen) found.push_back(server);
        }
    }
    return found;
}

// Where a client goes after signing in: SIP, XMPP and TURN servers.
struct NextHops {
    std::vector<facts::EdgeServer> sip, xmpp, turn;
};

// As the edge configurations say, every peer's together, at most facts::max_listed of each kind (a
// cut is recorded in the sign-in); without a test user (no configuration to read), the
// Expressway-Es themselves on SIP's and XMPP's standard ports, and no TURN: its ports are
// deployment-specific.
NextHops next_hops(facts::Facts& facts) {
    NextHops hops;
    if (facts.sign_in) {
        auto& sign_in = *facts.sign_in;
        hops.sip = advertised(sign_in, &facts::EdgeConfig::sip_edge_servers);
        hops.xmpp = advertised(sign_in, &facts::EdgeConfig::xmpp_edge_servers);
        hops.turn = advertised(sign_in, &facts::EdgeConfig::turn_edge_servers);
        facts::keep_first(hops.sip, "<sipEdgeServer> servers of all the edge configurations", sign_in.cuts);
        facts::keep_first(hops.xmpp, "<xmppEdgeServer> servers of all the edge configurations", sign_in.cuts);
        facts::keep_first(hops.turn, "<turnEdgeServer> servers of all the edge configurations", sign_in.cuts);
        return hops;
    }
    for (const auto& edge : facts.edges)
        if (edge.outcome != facts::TransportOutcome::not_resolved) {
            hops.sip.push_back({edge.host, 5061});
            hops.xmpp.push_back({edge.host, 5222});
        }
    return hops;
}

// The names of the next hops: they must resolve in the public view.
std::vector<std::string> host_names(const NextHops& hops) {
    std::vector<std::string> hosts;
    for (const auto* servers : {&hops.sip, &hops.xmpp, &hops.turn})
        for (const auto& server : *servers)
            if (!server.address.empty() && !is_address_literal(server.address)) hosts.push_back(server.address);
    return hosts;
}

// The hosts of the HTTP CRL and OCSP URLs in the Expressway-E leaves: an outside client must resolve
// them to check revocation (cert.revocation-urls). Looked up, never connected to.
std::vector<std::string> revocation_hosts(const facts::Facts& facts) {
    std::vector<std::string> hosts;
    for (const auto& edge : facts.edges) {
        if (!edge.chain || edge.chain->path.empty()) continue;
        const facts::Certificate& leaf = edge.chain->presented[edge.chain->path.front()];
        for (const auto* urls : {&leaf.crl_urls, &leaf.ocsp_urls})
            for (const auto& url : *urls)
                if (auto host = http_url_host(url);
                    host && !is_address_literal(*host) && std::find(hosts.begin(), hosts.end(), *host) == hosts.end())
                    hosts.push_back(*host);
    }
    return hosts;
}

template <typename Result, typename Probe>
std::vector<Result> probe_all(const std::vector<facts::EdgeServer>& servers, Probe probe) {
    std::vector<std::future<Result>> pending;
    for (const auto& server : servers) pending.push_back(std::async(std::launch::async, probe, server));
    std::vector<Result> results;
    for (auto& future : pending) results.push_back(future.get());
    return results;
}

// The sign-in walk whose answers describe `host`: its own when it was walked with a configuration,
// else the first walk that got one.
const facts::EdgeSession* session_for(const facts::SignIn& sign_in, const std::string& host) {
    const facts::EdgeSession* found = nullptr;
    for (const auto& session : sign_in.sessions)
        if (session.config && (!found || equal_ignoring_case(session.host, host))) found = &session;
    return found;
}

// The test registration through `host` as Jabber would make it (Cisco Jabber MRA call flow,
// device registration): the user's softphone from UDS (or --device), the Unified CM host (the home
// cluster's first UDS server, else the _cisco-uds server) and the sipRequest routes.
sip::RegistrationRequest registration_for(const facts::Facts& facts, const std::string& host,
                                          const DeploymentRequest& request, std::mutex& one_at_a_time) {
    sip::RegistrationRequest registration{.password = &request.sign_in.credentials->password,
                                          .device = request.device,
                                          .insecure = request.sign_in.trust->insecure,
                                          .pins = request.sign_in.trust->pins,
                                          .one_at_a_time = &one_at_a_time};
    if (request.no_register) registration.skip = "--no-register: the registration was skipped";
    const auto* session = facts.sign_in ? session_for(*facts.sign_in, host) : nullptr;
    if (session) {
        registration.routes = session->config->sip_routes;
        if (const auto* softphone = facts::softphone_of(session->uds); softphone && registration.device.empty())
            registration.device = softphone->name;
        if (!session->uds.server_names.empty()) registration.registrar = session->uds.server_names.front();
        for (const auto& service : session->config->services)
            if (registration.registrar.empty() && service.name == "_cisco-uds" && !service.servers.empty())
                registration.registrar = service.servers.front().target;
    }
    if (registration.registrar.empty()) registration.registrar = request.domain;
    if (registration.device.empty() && registration.skip.empty())
        registration.skip =
            "the test user has no softphone (Jabber for desktop, iPhone, Android or tablet) in UDS; give --device";
    return registration;
}

std::vector<facts::SipEndpoint> probe_sip_hops(const facts::Facts& facts, const std::vector<facts::EdgeServer>& servers,
                                               const DeploymentRequest& request) {
    const std::string user = facts.sign_in ? facts.sign_in->user : "";
    std::mutex one_at_a_time;
    return probe_all<facts::SipEndpoint>(servers, [&](const facts::EdgeServer& server) {
        const std::string host = lower_case(server.address);
        const Addresses addresses = addresses_of(*facts.dns, host, request.judge_address);
        if (auto reason = withheld_reason(host, addresses); !reason.empty())
            return facts::SipEndpoint{.tls = not_connected("sip", host, server.port, std::move(reason))};
        sip::SipProbeOptions options;
        if (request.sign_in.credentials) options.registration = registration_for(facts, host, request, one_at_a_time);
        return sip::probe_sip({host, server.port, addresses.reachable, request.domain, user}, *request.trust,
                              request.at, options, request.deadline);
    });
}

// SIP, XMPP and TURN, every next hop at once.
void probe_next_hops(facts::Facts& facts, const NextHops& hops, const DeploymentRequest& request) {
    const auto& dns = *facts.dns;
    auto sip = std::async(std::launch::async, [&] { return probe_sip_hops(facts, hops.sip, request); });
    auto xmpp = std::async(std::launch::async, [&] {
        return probe_all<facts::XmppEndpoint>(hops.xmpp, [&](const facts::EdgeServer& server) {
            const std::string host = lower_case(server.address);
            const Addresses addresses = addresses_of(dns, host, request.judge_address);
            if (auto reason = withheld_reason(host, addresses); !reason.empty())
                return facts::XmppEndpoint{
                    .tls = not_connected("xmpp", host, server.port, reason), .domain = request.domain, .error = reason};
            const xmpp::XmppTarget target{request.domain, host, server.port, addresses.reachable};
            return xmpp::probe_xmpp(target, *request.trust, request.at, request.deadline);
        });
    });
    facts.turn = probe_all<facts::TurnEndpoint>(hops.turn, [&](const facts::EdgeServer& server) {
        const Addresses addresses = addresses_of(dns, lower_case(server.address), request.judge_address);
        const turn::TurnTarget target{server.address, server.port ? server.port : std::uint16_t{3478},
                                      addresses.reachable.empty() ? "" : addresses.reachable.front()};
        if (auto reason = withheld_reason(lower_case(server.address), addresses); !reason.empty())
            return facts::TurnEndpoint{.host = target.host,
                                       .port = target.port,
                                       .outcome = facts::TurnOutcome::not_public,
                                       .error = std::move(reason)};
        return turn::probe_turn(target, request.deadline);
    });
    facts.xmpp = xmpp.get();
    facts.sip = sip.get();
}

// A step that waits for every peer before the next begins may use this share of what is left of the
// run, so that one peer stalling it (a silent port, a dripping answer) cannot starve the later
// steps of every other peer. The last step, whose probes run side by side to the end, gets the
// rest. Healthy steps take milliseconds to seconds and leave their share unused.
Deadline step_deadline(const Deadline& run, int share_of_rest) {
    return run.within(run.remaining() / share_of_rest);
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
    facts.dns = dns::discover(request.domain, request.external, request.internal, step_deadline(request.deadline, 3));

    // TLS to every Expressway-E at once: they are independent, and the run's deadline bounds each.
    const std::string srv_name = facts::dns::service_name(facts::dns::collab_edge, request.domain);
    const auto targets = edge_targets(*facts.dns, srv_name, request.judge_address);
    const Deadline handshakes = step_deadline(request.deadline, 3);
    std::vector<std::future<facts::TlsEndpoint>> pending;
    for (const auto& [target, withheld] : targets) {
        if (!withheld.empty()) {  // judged before any connection: nothing goes there
            progress("not connecting to " + target.host + ":" + std::to_string(target.port) +
                     ": no address the internet can reach");
            std::promise<facts::TlsEndpoint> known;
            known.set_value(not_connected(target.service, target.host, target.port, withheld));
            pending.push_back(known.get_future());
            continue;
        }
        progress("connecting to " + target.host + ":" + std::to_string(target.port));
        // A copy by name: clang does not capture structured bindings.
        pending.push_back(std::async(std::launch::async, [&request, &handshakes, endpoint = target] {
            return tls::probe_tls(endpoint, *request.trust, request.at, handshakes);
        }));
    }
    for (auto& future : pending) facts.edges.push_back(future.get());

    if (request.sign_in.credentials) {
        facts.sign_in = facts::SignIn{.user = request.sign_in.credentials->user,
                                      .trust = request.sign_in.trust->insecure        ? "insecure"
                                               : !request.sign_in.trust->pins.empty() ? "pin"
                                                                                      : "ca-bundle"};
        const Deadline sign_in = step_deadline(request.deadline, 2);
        std::vector<std::future<facts::EdgeSession>> walks;
        for (const auto& edge : facts.edges) {
            if (edge.outcome != facts::TransportOutcome::established) continue;
            progress("signing in as " + facts.sign_in->user + " through " + edge.host + ":" +
                     std::to_string(edge.port));
            walks.push_back(std::async(std::launch::async, [&request, &sign_in, edge] {
                return http::walk_edge(edge, request.domain, request.sign_in, sign_in);
            }));
        }
        for (auto& walk : walks) facts.sign_in->sessions.push_back(walk.get());
    }
    const NextHops hops = next_hops(facts);
    auto hosts = facts.sign_in ? host_names(hops) : std::vector<std::string>{};
    for (const auto& host : revocation_hosts(facts)) hosts.push_back(host);
    dns::resolve_hosts(*facts.dns, request.external, hosts, step_deadline(request.deadline, 3));
    progress("opening the SIP, XMPP and TURN legs");
    probe_next_hops(facts, hops, request);
    return facts;
}

}  // namespace mra::probe
