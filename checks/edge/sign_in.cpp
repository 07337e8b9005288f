#include "checks/edge/sign_in.hpp"

#include "facts/dns_names.hpp"
#include "util/text.hpp"

namespace mra::checks::sign_in {
namespace {

std::string endpoint(const std::string& host, std::uint16_t port) {
    return host + ":" + std::to_string(port);
}

std::string cause_of_status(const facts::HttpExchange& exchange) {
    switch (exchange.status) {
        case 401:
            return "401 Unauthorized" + (exchange.realm.empty() ? "" : " (realm " + exchange.realm + ")") +
                   (exchange.auth_schemes.empty() ? " without a challenge" : "") +
                   ": the user name or password is wrong, the user is not found by the CUCM that Expressway-C "
                   "asks (ILS between clusters), or the user ID's case differs from UDS";
        case 403:
            if (exchange.tunnel.empty())  // the HTTP allow list governs tunnelled requests only
                return "403 Forbidden: the domain is not enabled for MRA, the MRA access policy refuses the user, "
                       "or the Expressway clocks are out of sync (NTP)";
            return "403 Forbidden: Expressway-C's HTTP allow list lacks this server, or the Expressway clocks are "
                   "out of sync (NTP)";
        case 404:
            return "404 Not Found: not served here; check that Unified Communications (MRA) is enabled for the "
                   "domain on the Expressways and that the server is discovered on Expressway-C";
        case 429:
            return "429 Too Many Requests: authorization rate control on the Expressway (Maximum authorizations "
                   "per period) refused the request; every credential presentation counts, so repeated runs "
                   "(this tool's included) and other clients of the same user add up";
        case 502:
            return "502 Bad Gateway: the Expressway-E has no working path to Expressway-C (SSH tunnels, TCP 2222) "
                   "or Expressway-C could not reach the server (TLS verify towards CUCM)";
        case 503:
            return "503 Service Unavailable: the Expressway is in maintenance mode or overloaded";
        case 504:
            return "504 Gateway Timeout: Expressway-C or the server behind it did not answer in time";
        default:
            return "answered " + std::to_string(exchange.status);
    }
}

}  // namespace

void for_each_session(const CheckContext& context, Results& results, const Judge& judge) {
    const auto& facts = context.facts();
    if (!facts.dns) return;  // the offline `cert` command
    if (!facts.sign_in) {
        results.add("sign-in", Status::not_run,
                    "no test user: give --user (with --password-file or --password-env) to sign in through the edge");
        return;
    }
    if (facts.edges.empty()) {
        const std::string srv_name = facts::dns::service_name(facts::dns::collab_edge, facts.target);
        results.add(srv_name, Status::not_run, "no Expressway-E discovered: nothing to sign in through");
        return;
    }
    for (const auto& edge : facts.edges) {
        const std::string subject = endpoint(edge.host, edge.port);
        const facts::EdgeSession* walked = nullptr;
        for (const auto& session : facts.sign_in->sessions)
            if (session.host == edge.host && session.port == edge.port) walked = &session;
        if (walked)
            judge(*walked, subject);
        else if (edge.outcome == facts::TransportOutcome::not_resolved)
            results.add(subject, Status::not_run, edge.host + " has no address (see dns.srv-target)");
        else if (edge.outcome == facts::TransportOutcome::not_public)
            results.add(subject, Status::not_run, edge.error + " (see dns.public-address)");
        else
            results.add(subject, Status::not_run, "TLS to " + subject + " failed (see edge.https)");
    }
}

void for_each_config(const CheckContext& context, Results& results, const Judge& judge) {
    for_each_session(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        if (session.config)
            judge(session, subject);
        else
            results.add(subject, Status::not_run, missing_config(session));
    });
}

bool offers_basic(const facts::HttpExchange& exchange) {
    for (const auto& scheme : exchange.auth_schemes)
        if (equal_ignoring_case(scheme, "Basic")) return true;
    return false;
}

bool refuses_basic(const facts::HttpExchange& exchange) {
    return exchange.outcome == facts::HttpOutcome::response && exchange.status == 401 &&
           !exchange.auth_schemes.empty() && !offers_basic(exchange);
}

std::string missing_config(const facts::EdgeSession& session) {
    const auto& exchange = session.edge_config;
    std::string what;
    if (refuses_basic(exchange))
        return "needs a getEdgeConfigResponse, but this edge does not accept Basic credentials (OAuth/SSO only; "
               "see edge.config)";
    if (exchange.outcome == facts::HttpOutcome::untrusted)
        return "needs a getEdgeConfigResponse, but no credentials were sent: the edge's certificate did not verify "
               "(see edge.config)";
    if (exchange.outcome != facts::HttpOutcome::response)
        what = "the failed request";
    else if (exchange.status != 200)
        what = "the " + std::to_string(exchange.status);
    else
        what = "a malformed response";
    return "needs a getEdgeConfigResponse, which " + what + " withheld (see edge.config)";
}

std::string explain(const facts::HttpExchange& exchange) {
    const std::string what = exchange.resource + (exchange.tunnel.empty() ? "" : " on " + exchange.tunnel);
    switch (exchange.outcome) {
        case facts::HttpOutcome::response:
            if (exchange.status == 200)
                return what + " answered 200" +
                       (exchange.xml_error.empty() ? "" : " but the body is unusable: " + exchange.xml_error);
            if (exchange.status >= 300 && exchange.status < 400)
                return what + " was redirected (" + std::to_string(exchange.status) + ") to " + exchange.location +
                       ": a client does not follow it";
            return what + ": " + cause_of_status(exchange);
        case facts::HttpOutcome::not_sent:
            return what + " was not asked: " + exchange.error;
        case facts::HttpOutcome::untrusted:
            return what + ": no credentials were sent, the certificate did not verify (" + exchange.error + ")";
        case facts::HttpOutcome::connect_failed:
            return what + ": no connection (" + exchange.error + ")";
        case facts::HttpOutcome::tls_failure:
            return what + ": the TLS handshake failed (" + exchange.error + ")";
        case facts::HttpOutcome::timeout:
            return what + ": " + exchange.error;
        case facts::HttpOutcome::too_large:
            return what + ": the response is too large (" + exchange.error + ")";
        case facts::HttpOutcome::redirect_refused:
            return what + ": " + exchange.error;
        case facts::HttpOutcome::protocol_error:
            return what + ": not a usable HTTP response (" + exchange.error + ")";
    }
    return what + ": " + exchange.error;
}

Evidence evidence_of(const facts::HttpExchange& exchange) {
    Evidence evidence = {{"path", exchange.path}, {"elapsed_ms", exchange.elapsed_ms}};
    if (!exchange.tunnel.empty()) evidence["tunnel"] = exchange.tunnel;
    if (exchange.status) evidence["status"] = exchange.status;
    if (!exchange.content_type.empty()) evidence["content_type"] = exchange.content_type;
    if (exchange.body_bytes) evidence["body_bytes"] = exchange.body_bytes;
    if (!exchange.location.empty()) evidence["location"] = exchange.location;
    if (!exchange.auth_schemes.empty()) evidence["www_authenticate_schemes"] = exchange.auth_schemes;
    if (exchange.outcome == facts::HttpOutcome::response) evidence["credentials_sent"] = exchange.credentials_sent;
    return evidence;
}

void judge_exchange(Results& results, const Subject& subject, const facts::HttpExchange& exchange,
                    const std::string& passed, Status failure) {
    if (exchange.outcome == facts::HttpOutcome::not_sent)
        results.add(subject, Status::not_run, exchange.error, evidence_of(exchange));
    else if (exchange.answered())
        results.add(subject, Status::pass, passed, evidence_of(exchange));
    else
        results.add(subject, failure, explain(exchange), evidence_of(exchange));
}

}  // namespace mra::checks::sign_in
