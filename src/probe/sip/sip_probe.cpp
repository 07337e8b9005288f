#include "probe/sip/sip_probe.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <botan/auto_rng.h>
#include <botan/base64.h>
#include <botan/hex.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <exception>
#include <map>
#include <utility>

#include "probe/net/connection.hpp"
#include "probe/sip/message.hpp"
#include "probe/sip/message_reader.hpp"
#include "probe/tls/tls_probe.hpp"
#include "util/text.hpp"
#include "x509/names.hpp"

namespace mra::probe::sip {

namespace {

using facts::SipExchange;
using facts::SipOutcome;

// close_notify is one small write; it must not hold the probe up when the peer has stopped reading.
constexpr std::chrono::milliseconds close_budget{250};

// Our end of the connection, for Via and Contact (RFC 3261 §18.1.1: the sent-by of this transport).
bool local_endpoint(const net::Connection& connection, std::string& address, std::uint16_t& port) {
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    if (::getsockname(connection.native_handle(), reinterpret_cast<sockaddr*>(&storage), &length) != 0) return false;
    char text[INET6_ADDRSTRLEN] = {};
    if (storage.ss_family == AF_INET6) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&storage);
        if (::inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text) == nullptr) return false;
        port = ntohs(in6->sin6_port);
    } else {
        const auto* in4 = reinterpret_cast<const sockaddr_in*>(&storage);
        if (::inet_ntop(AF_INET, &in4->sin_addr, text, sizeof text) == nullptr) return false;
        port = ntohs(in4->sin_port);
    }
    address = text;
    return true;
}

SipOutcome outcome_of(facts::TransportOutcome transport) {
    return transport == facts::TransportOutcome::reset ? SipOutcome::connection_closed : SipOutcome::transport_error;
}

SipExchange ended(SipExchange exchange, SipOutcome outcome, std::string error) {
    exchange.outcome = outcome;
    exchange.error = std::move(error);
    return exchange;
}

bool leaves_connection_usable(SipOutcome outcome) {
    // After a timeout the late answer is recognised as stray by its branch and skipped; after a
    // framing error or a closed session nothing more can be read.
    return outcome == SipOutcome::response || outcome == SipOutcome::no_response;
}

// Sends `request` and reads until its final response, skipping provisional and stray messages;
// the final response itself in `final` when given.
SipExchange exchange(tls::TlsSession& session, MessageReader& reader, const Request& request,
                     std::chrono::milliseconds limit, const Deadline& deadline, Message* final = nullptr) {
    SipExchange out;
    out.method = request.method;
    // remaining() counts whole milliseconds: a sub-millisecond rest (what an exchange that timed
    // out leaves behind) is no time to send and wait in.
    const auto budget = std::min(deadline.remaining(), limit);
    if (budget <= std::chrono::milliseconds(0)) {
        return ended(out, SipOutcome::not_sent, "not sent: the run's deadline had passed");
    }
    const Deadline until = deadline.within(budget);
    const auto start = Deadline::Clock::now();

    if (const auto sent = session.send(request.text, until); !sent.ok()) {
        return ended(out, outcome_of(sent.outcome), sent.message);
    }
    for (;;) {
        for (Frame frame = reader.next(); frame.status != FrameStatus::need_more; frame = reader.next()) {
            if (frame.status == FrameStatus::malformed) return ended(out, SipOutcome::malformed, frame.error);
            if (frame.status == FrameStatus::too_large) return ended(out, SipOutcome::too_large, frame.error);
            const ParseResult parsed = parse_message(frame.message);
            if (!parsed.ok()) return ended(out, SipOutcome::malformed, parsed.error);
            const Message& message = parsed.message;
            switch (match(request, message)) {
                case Match::unrelated:
                    continue;
                case Match::provisional:
                    out.provisional.push_back(message.status);
                    continue;
                case Match::final_response:
                    out.outcome = SipOutcome::response;
                    out.status = message.status;
                    out.reason = message.reason;
                    out.challenge_scheme = message.challenge_scheme;
                    out.challenge_realm = message.challenge_realm;
                    out.server = message.server;
                    out.warning = message.warning;
                    out.date = message.date;
                    out.received_at = std::time(nullptr);
                    out.expires = message.expires.value_or(-1);
                    out.elapsed_ms = milliseconds_since(start);
                    if (final) *final = message;
                    return out;
            }
        }
        const tls::TlsReceived received = session.receive(until);
        if (received.status.outcome == facts::TransportOutcome::timeout) {
            out.elapsed_ms = milliseconds_since(start);
            return ended(out, SipOutcome::no_response,
                         "no final response to " + request.method + " within " + std::to_string(budget.count()) +
                             " ms" + (out.provisional.empty() ? "" : " (only provisional ones)"));
        }
        if (!received.status.ok()) return ended(out, outcome_of(received.status.outcome), received.status.message);
        if (received.bytes.empty()) {
            return ended(out, SipOutcome::connection_closed,
                         reader.buffered() == 0
                             ? "the server closed the connection before answering " + request.method
                             : "the server closed the connection in the middle of a message, after " +
                                   std::to_string(reader.buffered()) + " bytes");
        }
        reader.feed(received.bytes);
    }
}

bool is_digest_challenge(const SipExchange& done, const Message& message) {
    return done.outcome == SipOutcome::response && (done.status == 407 || done.status == 401) &&
           equal_ignoring_case(message.challenge_scheme, "Digest");
}

// The requests of one connection, in order, each waiting for the one before; the first exchange
// that leaves the connection unusable stops the rest (each then recorded not sent, with why).
class Conversation {
public:
    Conversation(tls::TlsSession& session, const SipProbeOptions& options, const Deadline& deadline,
                 facts::SipEndpoint& endpoint)
        : m_session(session), m_options(options), m_deadline(deadline), m_endpoint(endpoint) {}

    // Sends what `built` holds (or records why it could not be built); the final response in `final`.
    const SipExchange& send(const std::string& method, const std::string& purpose, const BuildResult& built,
                            Message* final = nullptr) {
        SipExchange done;
        if (!m_unusable.empty()) {
            done = {.method = method, .error = m_unusable};
        } else if (!built.ok()) {
            done = {.method = method, .error = built.error};
        } else {
            done = exchange(m_session, m_reader, built.request, m_options.exchange_limit, m_deadline, final);
            if (!leaves_connection_usable(done.outcome) && done.outcome != SipOutcome::not_sent)
                m_unusable = "not sent: the connection ended during " + method + ": " + done.error;
        }
        done.purpose = purpose;
        m_endpoint.exchanges.push_back(std::move(done));
        return m_endpoint.exchanges.back();
    }
    void skip(const std::string& method, const std::string& purpose, const std::string& why) {
        m_endpoint.exchanges.push_back({.method = method, .purpose = purpose, .error = why});
    }

private:
    tls::TlsSession& m_session;
    const SipProbeOptions& m_options;
    const Deadline& m_deadline;
    facts::SipEndpoint& m_endpoint;
    MessageReader m_reader;
    std::string m_unusable;  // why the connection can carry no further request
};

bool accepted(const SipExchange& done) {
    return done.outcome == SipOutcome::response && done.status >= 200 && done.status < 300;
}

std::optional<Continuation> continuation_of(const BuildResult& built, const std::optional<Continuation>& before) {
    if (!built.ok()) return before;
    return Continuation{built.request.call_id, built.request.from_tag, built.request.cseq};
}

std::string nonce_count(int uses) {
    char text[9];
    std::snprintf(text, sizeof text, "%08x", static_cast<unsigned>(uses));
    return text;
}

// Why the Digest answer may not go to this edge, or empty when it may (see RegistrationRequest).
std::string may_answer(const facts::TlsEndpoint& tls_facts, const RegistrationRequest& request) {
    if (request.insecure) return {};
    const auto& chain = tls_facts.chain;
    if (!chain || chain->presented.empty())
        return "the edge presented no certificate on " + std::to_string(tls_facts.port);
    const auto& leaf = chain->presented.front();
    for (const auto& pin : request.pins)
        if (Botan::base64_encode(Botan::hex_decode(leaf.spki_sha256)) == pin) return {};
    if (!request.pins.empty()) return "the key of the edge's certificate is not one of --pin-sha256";
    const bool named = std::any_of(leaf.san.dns.begin(), leaf.san.dns.end(), [&](const std::string& name) {
        return x509::dns_name_matches(name, tls_facts.host);
    });
    if (!chain->trust.trusted || !named)
        return "the edge's certificate on " + std::to_string(tls_facts.port) +
               (chain->trust.trusted ? " does not name " + tls_facts.host : " does not verify") +
               ": the test user's credentials are not answered to it (--insecure to allow)";
    return {};
}

// Jabber's REGISTER without credentials (sip.register-challenge); with the test user's credentials
// (sip.service) unless told to skip; and after any 200, at once the unregistration (RFC 3261
// §10.2.2: Expires 0 for the same Contact, on the same Call-ID, §10.2.4).
void register_as_jabber(Conversation& conversation, const RequestContext& context, const SipTarget& target,
                        const facts::TlsEndpoint& tls_facts, const RegistrationRequest& request) {
    constexpr std::uint32_t jabber_expires = 3600;  // as Jabber asks (call flow, device registration)
    const Registration registration{.registrar = request.registrar,
                                    .edge = target.host,
                                    .routes = request.routes,
                                    .device = request.device,
                                    .instance = random_instance()};
    Message last;  // the last Digest challenge
    BuildResult built = build_jabber_register(context, registration, jabber_expires);
    SipExchange done = conversation.send("REGISTER", "", built, &last);
    std::optional<Continuation> continuation = continuation_of(built, {});
    bool registered = accepted(done);
    std::map<std::string, int> uses;  // nonce → requests that answered it (the nonce-count)

    // REGISTER with credentials for the last challenge; once more when it is challenged afresh with
    // stale=true (RFC 2617 §3.2.1: the nonce, not the credentials, was refused) or, for the
    // unregistration, with a new nonce.
    const auto with_credentials = [&](const std::string& purpose, std::uint32_t expires) {
        for (int attempt = 0;; ++attempt) {
            std::optional<Credentials> credentials;
            if (!last.challenge.nonce.empty()) {
                const DigestAnswer digest = answer_challenge(
                    last.challenge, {.user = context.user,
                                     .password = *request.password,
                                     .method = "REGISTER",
                                     .uri = "sip:" + registration.registrar,
                                     .cnonce = Botan::hex_encode(Botan::AutoSeeded_RNG().random_vec(8), false),
                                     .nc = nonce_count(++uses[last.challenge.nonce])});
                if (!digest.ok()) {
                    conversation.skip("REGISTER", purpose, "not sent: " + digest.error);
                    return SipExchange{.outcome = SipOutcome::not_sent};
                }
                credentials = Credentials{.proxy = last.proxy_challenge, .header_value = digest.header_value};
            }
            built = build_jabber_register(context, registration, expires, continuation, credentials);
            continuation = continuation_of(built, continuation);
            Message response;
            const SipExchange answered = conversation.send("REGISTER", purpose, built, &response);
            if (!is_digest_challenge(answered, response)) return answered;
            const bool afresh = response.challenge.stale ||
                                (purpose == "unregister" && response.challenge.nonce != last.challenge.nonce);
            last = response;
            if (!afresh || attempt > 0) return answered;
        }
    };

    if (!request.skip.empty())
        conversation.skip("REGISTER", "register", "not sent: " + request.skip);
    else if (const std::string refused = may_answer(tls_facts, request); !refused.empty())
        conversation.skip("REGISTER", "register", "not sent: " + refused);
    else if (registered)
        conversation.skip("REGISTER", "register", "not sent: the REGISTER without credentials was accepted");
    else if (done.outcome == SipOutcome::not_sent)
        conversation.skip("REGISTER", "register", done.error);
    else if (done.outcome != SipOutcome::response)
        conversation.skip("REGISTER", "register", "not sent: the REGISTER without credentials got no answer");
    else if (!is_digest_challenge(done, last))
        conversation.skip("REGISTER", "register",
                          "not sent: the REGISTER without credentials drew no Digest challenge");
    else
        registered = accepted(with_credentials("register", jabber_expires));
    if (registered) with_credentials("unregister", 0);
}

// The connection, the TLS facts, then the exchanges in order on that one session.
facts::SipEndpoint run(const SipTarget& target, const x509::TrustStore& trust, std::int64_t at,
                       const SipProbeOptions& options, const Deadline& deadline) {
    facts::SipEndpoint endpoint;
    auto& tls_facts = endpoint.tls;
    tls_facts.service = "sip";
    tls_facts.host = target.host;
    tls_facts.port = target.port;
    const auto& registration = options.registration;
    if (registration) {
        endpoint.device = registration->device;
        endpoint.registrar = registration->registrar;
    }
    // What is not sent when there is no connection: every request of this run.
    const auto skip_all = [&](const std::string& why) {
        endpoint.exchanges.push_back({.method = "OPTIONS", .error = why});
        endpoint.exchanges.push_back({.method = "REGISTER", .error = why});
        if (registration) endpoint.exchanges.push_back({.method = "REGISTER", .purpose = "register", .error = why});
    };
    try {
        net::Connection connection = net::connect_endpoint(tls_facts, target.addresses, deadline);
        if (!connection.is_open()) {
            skip_all((target.addresses.empty() ? "not sent: " : "not sent: no connection: ") + tls_facts.error);
            return endpoint;
        }
        tls::TlsSession session(connection, {.mode = tls::TlsMode::probe});
        const auto handshake_start = Deadline::Clock::now();
        const tls::TlsStatus status = session.handshake(target.host, deadline);
        tls_facts.handshake_ms = milliseconds_since(handshake_start);
        tls::record_session(tls_facts, session, status, trust, at);
        if (!status.ok()) {
            skip_all("not sent: no TLS session: " + status.message);
            return endpoint;
        }

        RequestContext context{.domain = target.domain, .user = target.user};
        if (!local_endpoint(connection, context.local_address, context.local_port)) {
            skip_all("not sent: the local address of the connection is unknown");
            session.close(deadline.within(close_budget));
            return endpoint;
        }
        Conversation conversation(session, options, deadline, endpoint);
        conversation.send("OPTIONS", "", build_options(context));
        if (registration && registration->password && !registration->device.empty()) {
            // One softphone registers through one edge at a time: Unified CM would see the others
            // as a second registration of the same device.
            std::unique_lock<std::mutex> turn;
            if (registration->one_at_a_time) turn = std::unique_lock(*registration->one_at_a_time);
            register_as_jabber(conversation, context, target, tls_facts, *registration);
        } else {
            conversation.send("REGISTER", "", build_register(context));
            if (registration)
                conversation.skip("REGISTER", "register",
                                  "not sent: " + (registration->skip.empty()
                                                      ? std::string("no softphone of the test user to register as")
                                                      : registration->skip));
        }
        if (session.established()) session.close(deadline.within(close_budget));
    } catch (const std::exception& e) {
        const std::string why = std::string("SIP probe failed: ") + e.what();
        if (tls_facts.error.empty() && tls_facts.outcome != facts::TransportOutcome::established) tls_facts.error = why;
        if (endpoint.exchanges.empty()) skip_all("not sent: " + why);
    }
    return endpoint;
}

}  // namespace

facts::SipEndpoint probe_sip(const SipTarget& target, const x509::TrustStore& trust, std::int64_t at,
                             const SipProbeOptions& options, const Deadline& deadline) {
    return run(target, trust, at, options, deadline);
}

}  // namespace mra::probe::sip
