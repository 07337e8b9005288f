#include "probe/sip/sip_probe.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <exception>
#include <utility>

#include "probe/net/connection.hpp"
#include "probe/sip/message.hpp"
#include "probe/sip/message_reader.hpp"
#include "probe/tls/tls_probe.hpp"

namespace mra::probe::sip {

namespace {

using facts::SipExchange;
using facts::SipOutcome;

// close_notify is one small write; it must not hold the probe up when the peer has stopped reading.
constexpr std::chrono::milliseconds close_budget{250};

std::int64_t milliseconds_since(Deadline::Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Deadline::Clock::now() - start).count();
}

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

// Sends `request` and reads until its final response, skipping provisional and stray messages.
SipExchange exchange(tls::TlsSession& session, MessageReader& reader, const Request& request,
                     std::chrono::milliseconds limit, const Deadline& deadline) {
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
                    out.elapsed_ms = milliseconds_since(start);
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

BuildResult build(const std::string& method, const RequestContext& context, const SipTarget& target,
                  const std::optional<ServiceRequest>& service) {
    if (method == "OPTIONS") return build_options(context);
    if (method == "REGISTER") return build_register(context);
    if (!service) return {{}, "not sent: no SERVICE request was given"};
    ServiceContent content{service->domain.empty() ? target.domain : service->domain,
                           service->realm.empty() ? target.host : service->realm, service->certificate_pem};
    return build_service(context, content);
}

// The connection, the TLS facts, then `methods` in order on that one session.
facts::SipEndpoint run(const SipTarget& target, const x509::TrustStore& trust, std::int64_t at,
                       const SipProbeOptions& options, const std::vector<std::string>& methods,
                       const Deadline& deadline) {
    facts::SipEndpoint endpoint;
    auto& tls_facts = endpoint.tls;
    tls_facts.service = "sip";
    tls_facts.host = target.host;
    tls_facts.port = target.port;
    const auto skip_all = [&](const std::string& why) {
        for (const auto& method : methods) endpoint.exchanges.push_back({.method = method, .error = why});
    };
    try {
        if (target.addresses.empty()) {
            tls_facts.outcome = facts::TransportOutcome::not_resolved;
            tls_facts.error = "no address to connect to for " + target.host;
            skip_all("not sent: " + tls_facts.error);
            return endpoint;
        }
        const auto connect_start = Deadline::Clock::now();
        net::ConnectResult connected = net::connect_first(target.addresses, target.port, deadline);
        tls_facts.connect_ms = milliseconds_since(connect_start);
        if (!connected.status.ok()) {
            tls_facts.outcome = net::transport_outcome(connected.status.error);
            tls_facts.error = connected.status.message;
            skip_all("not sent: no connection: " + tls_facts.error);
            return endpoint;
        }
        tls_facts.address = connected.connection.address();

        tls::TlsSession session(connected.connection, {.mode = tls::TlsMode::probe, .identity = options.identity});
        const auto handshake_start = Deadline::Clock::now();
        const tls::TlsStatus status = session.handshake(target.host, deadline);
        tls_facts.handshake_ms = milliseconds_since(handshake_start);
        tls::record_session(tls_facts, session, status, trust, at);
        if (!status.ok()) {
            skip_all("not sent: no TLS session: " + status.message);
            return endpoint;
        }

        RequestContext context{.domain = target.domain, .user = target.user};
        if (!local_endpoint(connected.connection, context.local_address, context.local_port)) {
            skip_all("not sent: the local address of the connection is unknown");
            session.close(deadline.within(close_budget));
            return endpoint;
        }
        MessageReader reader;
        std::string unusable;  // why the connection can carry no further request
        for (const auto& method : methods) {
            if (!unusable.empty()) {
                endpoint.exchanges.push_back({.method = method, .error = unusable});
                continue;
            }
            const BuildResult built = build(method, context, target, options.service);
            if (!built.ok()) {
                endpoint.exchanges.push_back({.method = method, .error = built.error});
                continue;
            }
            SipExchange done = exchange(session, reader, built.request, options.exchange_limit, deadline);
            if (!leaves_connection_usable(done.outcome) && done.outcome != SipOutcome::not_sent) {
                unusable = "not sent: the connection ended during " + method + ": " + done.error;
            }
            endpoint.exchanges.push_back(std::move(done));
        }
        if (session.established()) session.close(deadline.within(close_budget));
    } catch (const std::exception& e) {
        const std::string why = std::string("SIP probe failed: ") + e.what();
        if (tls_facts.error.empty() && tls_facts.outcome != facts::TransportOutcome::established) tls_facts.error = why;
        for (auto next = endpoint.exchanges.size(); next < methods.size(); ++next) {
            endpoint.exchanges.push_back({.method = methods[next], .error = "not sent: " + why});
        }
    }
    return endpoint;
}

}  // namespace

facts::SipEndpoint probe_sip(const SipTarget& target, const x509::TrustStore& trust, std::int64_t at,
                             const SipProbeOptions& options, const Deadline& deadline) {
    std::vector<std::string> methods{"OPTIONS", "REGISTER"};
    if (options.service) methods.emplace_back("SERVICE");
    return run(target, trust, at, options, methods, deadline);
}

facts::SipEndpoint probe_sip_service(const SipTarget& target, const x509::TrustStore& trust, std::int64_t at,
                                     const SipProbeOptions& options, const Deadline& deadline) {
    return run(target, trust, at, options, {"SERVICE"}, deadline);
}

}  // namespace mra::probe::sip
