// sip.service: the test SERVICE exchange, as a client can cause it. The SERVICE is Expressway-E's own
// request to Expressway-C over the traversal zone, carrying Expressway-E's certificate and an
// Identity signed with its key (delegated credential checking); a client cannot send it. The tool
// answers the edge's Digest challenge as the test user's softphone: Expressway-E then runs the
// SERVICE exchange and, when Expressway-C accepts, relays the REGISTER to Unified CM. Only what the
// client sees is judged: the final status code (never the reason phrase: RFC 8224 renamed 437).

#include <algorithm>
#include <cstdio>
#include <optional>
#include <utility>

#include "checks/sip/exchanges.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

// The Expressway version an answer's Server header shows ("TANDBERG/4352 (X14.0.2)" → {14, 0}).
std::optional<std::pair<int, int>> expressway_version(const std::string& server) {
    const auto open = server.find("(X");
    if (open == std::string::npos) return std::nullopt;
    int major = 0, minor = 0;
    if (std::sscanf(server.c_str() + open + 2, "%d.%d", &major, &minor) != 2) return std::nullopt;
    return std::pair{major, minor};
}

// What the certificate this edge presents on 5061 tells of a refusal by Expressway-C: MD5-signed
// (Cisco Jabber MRA call flow: "437 Unsupported Certificate"), or without clientAuth while the
// edge's Server header shows a version before X15.4 (Cisco TAC 225482).
std::string certificate_hint(const facts::SipEndpoint& endpoint, const facts::SipExchange& registration) {
    const auto& chain = endpoint.tls.chain;
    if (!chain || chain->presented.empty()) return {};
    const auto& leaf = chain->presented.front();
    if (leaf.signature_hash == "MD5") return "; this edge's certificate is signed with MD5, which Expressway-C refuses";
    const auto& eku = leaf.extended_key_usage;
    const bool client_auth = eku.empty() || std::find(eku.begin(), eku.end(), "1.3.6.1.5.5.7.3.2") != eku.end();
    std::string server = registration.server;
    for (const auto& exchange : endpoint.exchanges)
        if (server.empty()) server = exchange.server;
    const auto version = expressway_version(server);
    if (!client_auth && version && *version < std::pair{15, 4})
        return "; this edge's certificate has no clientAuth, which Expressway-C before X15.4 requires (" + server + ")";
    return {};
}

// What a final response to the authenticated REGISTER most likely means (Cisco Expressway MRA
// Deployment Guide, troubleshooting; Cisco TAC, Jabber MRA registration and the SIP SERVICE).
std::string meaning_of(const facts::SipExchange& registration, const facts::SipEndpoint& endpoint) {
    const std::string code = "REGISTER with the test user's credentials answered " +
                             std::to_string(registration.status) + " " + registration.reason;
    const std::string hint = certificate_hint(endpoint, registration);
    switch (registration.status) {
        case 401:
        case 407:
            return code +
                   ": the edge challenged again, so the credentials were refused (wrong password, or the "
                   "user is not allowed Mobile and Remote Access)";
        case 403:
            return code +
                   ": the credentials or Expressway-C's delegated check refused the registration (wrong "
                   "password, Expressway-E and -C clocks more than 60 s apart, or the Expressway-E certificate "
                   "refused)" +
                   hint;
        case 404:
            return code + ": Unified CM does not know the device " + endpoint.device + " or its line";
        case 408:
            return code +
                   ": the SERVICE exchange from Expressway-E to Expressway-C, or the REGISTER relayed after "
                   "it, timed out (traversal zone down, NAT reflection, Expressway-E and -C clocks apart, or "
                   "Expressway-C refusing the Expressway-E certificate)" +
                   hint;
        case 503:
            return code +
                   ": the Expressway or Unified CM is unavailable (maintenance mode, or no Unified CM "
                   "reachable from Expressway-C)";
        default:
            return code + ": the softphone does not register through this edge" + hint;
    }
}

std::string unregistration(const facts::SipEndpoint& endpoint, const facts::SipExchange& registration) {
    const auto* unregister = sip::exchange_of(endpoint, "REGISTER", "unregister");
    if (unregister && unregister->outcome == facts::SipOutcome::response && unregister->status / 100 == 2)
        return "; unregistered at once (" + std::to_string(unregister->status) + ")";
    const std::string lapse =
        registration.expires > 0 ? " the registration lapses in " + std::to_string(registration.expires) + " s" : "";
    return "; the unregistration failed (" + (unregister ? sip::describe_failure(*unregister) : "not sent") +
           "):" + lapse;
}

void judge(const facts::SipEndpoint& endpoint, const std::string& subject, Results& results) {
    const auto* challenge = sip::exchange_of(endpoint, "REGISTER");
    const auto* registration = sip::exchange_of(endpoint, "REGISTER", "register");
    if (!registration) {
        results.add(subject, Status::not_run,
                    "needs a test user (--user): registering as the user's softphone is what makes Expressway-E "
                    "run its SERVICE exchange with Expressway-C");
        return;
    }
    if (challenge && equal_ignoring_case(challenge->challenge_scheme, "Bearer")) {
        // SIP OAuth: Jabber presents a token, not a digest (Cisco TAC 215572; RFC 8898).
        results.add(subject, Status::not_run,
                    "the edge asks for an OAuth bearer token (SIP OAuth): a test user signing in with a password "
                    "cannot register, so registration was not tested; this is not a fault of the deployment",
                    sip::evidence_of(*challenge));
        return;
    }
    if (registration->outcome == facts::SipOutcome::not_sent) {
        results.add(subject, Status::not_run, registration->error);
        return;
    }
    auto evidence = sip::evidence_of(*registration);
    evidence["device"] = endpoint.device;
    evidence["registrar"] = endpoint.registrar;
    if (const auto* unregister = sip::exchange_of(endpoint, "REGISTER", "unregister"))
        evidence["unregister"] = unregister->outcome == facts::SipOutcome::response
                                     ? std::to_string(unregister->status) + " " + unregister->reason
                                     : sip::describe_failure(*unregister);
    if (registration->outcome == facts::SipOutcome::response && registration->status / 100 == 2) {
        results.add(subject, Status::pass,
                    "registered as " + endpoint.device + " (" + std::to_string(registration->status) + " " +
                        registration->reason +
                        (registration->expires >= 0 ? ", Expires " + std::to_string(registration->expires) : "") +
                        "): Expressway-E's SERVICE exchange with Expressway-C and the relay to Unified CM worked" +
                        unregistration(endpoint, *registration),
                    evidence);
    } else if (registration->outcome == facts::SipOutcome::response) {
        results.add(subject, Status::fail, meaning_of(*registration, endpoint), evidence);
    } else if (registration->outcome == facts::SipOutcome::no_response) {
        results.add(subject, Status::fail,
                    sip::describe_failure(*registration) +
                        ": like a 408, the SERVICE exchange from Expressway-E to Expressway-C most likely timed out "
                        "(traversal zone down, NAT reflection, Expressway-E and -C clocks apart)",
                    evidence);
    } else {
        results.add(subject, Status::fail, sip::describe_failure(*registration), evidence);
    }
}

void run(const CheckContext& context, Results& results) {
    sip::for_each_connected(context, results, [&](const facts::SipEndpoint& endpoint, const std::string& subject) {
        judge(endpoint, subject, results);
    });
}

}  // namespace

extern const Check sip_service{
    .info =
        {
            .id = "sip.service",
            .summary = "Registering as the test user's softphone (REGISTER answering the Digest challenge) is "
                       "answered 200, so Expressway-E's SERVICE exchange with Expressway-C works; then unregisters.",
            .citation = "Cisco Expressway MRA Deployment Guide (delegated credential checking, SIP SERVICE from "
                        "Expressway-E to Expressway-C); RFC 3261 §10, §22; RFC 2617 §3.2.2; RFC 7616 §3.4",
            .severity = Severity::critical,
            .remediation =
                "403: check the test user's password and MRA access, synchronise the Expressway clocks (NTP), and "
                "check the Expressway-E certificate Expressway-C validates (SHA-256 signed, trusted; clientAuth "
                "before X15.4). 404: give the test user a softphone (CSF) with a line in Unified CM. 408 or no "
                "answer: check the traversal zone is active, NAT reflection on the Expressway-E, and NTP. 503: take "
                "the Expressway out of maintenance mode and check Unified CM reachability from Expressway-C.",
        },
    .run = run,
};

const Registration registration{sip_service, 6030};

}  // namespace mra::checks
