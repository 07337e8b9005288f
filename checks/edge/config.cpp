#include "checks/edge/sign_in.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

// get_edge_sso as it came: no published body shape exists, so nothing in it is interpreted.
Evidence sso_evidence(const facts::EdgeSso& sso) {
    Evidence evidence = sign_in::evidence_of(sso.exchange);
    if (sso.exchange.outcome != facts::HttpOutcome::response) evidence["error"] = sso.exchange.error;
    evidence["headers"] = sso.headers;
    evidence["body"] = sso.body;
    if (sso.body_cut) evidence["body_cut"] = true;
    return evidence;
}

// Expressway's authorization rate control counts every presentation: say how many this run made.
Evidence credentials_evidence(const facts::EdgeSession& session) {
    return {{"presentations", session.credential_presentations},
            {"session_cookie", session.session_cookie},
            {"note", session.session_cookie
                         ? "credentials with get_edge_config and the devices request, as Jabber sends them; the "
                           "X-Auth cookie the edge set on the rest"
                         : "the edge set no X-Auth cookie: every request carried the credentials"}};
}

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_session(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto& exchange = session.edge_config;
        auto evidence = sign_in::evidence_of(exchange);
        evidence["get_edge_sso"] = sso_evidence(session.sso);
        evidence["credentials"] = credentials_evidence(session);
        if (exchange.outcome == facts::HttpOutcome::untrusted) {
            results.add(subject, Status::not_run,
                        "credentials withheld: the certificate did not verify (" + exchange.error +
                            "); to sign in anyway, pin its key with --pin-sha256 or waive the check with --insecure",
                        evidence);
        } else if (session.config) {
            const auto& config = *session.config;
            evidence["version"] = config.version;
            results.add(subject, Status::pass,
                        "getEdgeConfigResponse " + config.version + " for " + context.facts().sign_in->user + " with " +
                            std::to_string(config.services.size()) + " services",
                        evidence);
        } else if (sign_in::refuses_basic(exchange)) {
            // RFC 7235 §4.1: the challenges name the schemes the edge accepts; Basic is not among them.
            // With "Authorize by user credential" off (Expressway MRA access policy; off by default
            // from X14), Jabber signs in by OAuth (RFC 6750 Bearer tokens) after get_edge_sso.
            results.add(subject, Status::info,
                        "this edge does not accept Basic credentials (OAuth/SSO only): get_edge_config answered 401 "
                        "challenging with " +
                            join(exchange.auth_schemes) +
                            ", not Basic. That is the MRA access policy (\"Authorize by user credential\" off), not a "
                            "wrong password; Jabber signs in by OAuth there, which this tool cannot, so the sign-in "
                            "checks after this one are not run",
                        evidence);
        } else {
            results.add(subject, Status::fail, sign_in::explain(exchange), evidence);
        }
    });
}

}  // namespace

extern const Check edge_config{
    .info =
        {
            .id = "edge.config",
            .summary = "get_edge_config with the test user's credentials answers 200 with a getEdgeConfigResponse; "
                       "a 401 that does not offer Basic (an OAuth/SSO-only edge) is info, not a wrong password. "
                       "get_edge_sso is asked first, as Jabber does, and recorded as it came.",
            .citation = "Cisco Collaboration SRND, Mobile and Remote Access (get_edge_config); Cisco Expressway MRA "
                        "Deployment Guide, MRA access policy and authorization rate control; RFC 7235 §4.1 "
                        "(WWW-Authenticate); RFC 6750 (Bearer)",
            .severity = Severity::critical,
            .remediation =
                "401: check the user's password, that the CUCM Expressway-C asks knows the user (ILS between "
                "clusters) and the user ID's case; a 401 without Basic means \"Authorize by user credential\" is "
                "off (Configuration > Unified Communications > Configuration, MRA access policy). 403: the domain "
                "not enabled for MRA, the access policy, or the Expressway clocks (NTP). 429: authorization rate "
                "control (repeated runs count). "
                "502: the SSH tunnels between Expressway-C and -E (TCP 2222) and Expressway-C's TLS to CUCM. "
                "503: take the Expressway out of maintenance mode.",
        },
    .run = run,
};

const Registration registration{edge_config, 3010};

}  // namespace mra::checks
