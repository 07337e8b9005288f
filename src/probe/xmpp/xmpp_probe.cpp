#include "probe/xmpp/xmpp_probe.hpp"

#include <chrono>
#include <exception>
#include <optional>
#include <string_view>
#include <utility>

#include "probe/net/connection.hpp"
#include "probe/tls/tls_probe.hpp"
#include "probe/tls/tls_session.hpp"
#include "probe/xmpp/stream_reader.hpp"
#include "util/one_line.hpp"
#include "util/text.hpp"

namespace mra::probe::xmpp {

namespace {

using facts::TransportOutcome;
using facts::XmppOutcome;
using Clock = Deadline::Clock;

constexpr std::string_view tls_namespace = "urn:ietf:params:xml:ns:xmpp-tls";
constexpr std::string_view sasl_namespace = "urn:ietf:params:xml:ns:xmpp-sasl";
constexpr std::string_view stream_errors_namespace = "urn:ietf:params:xml:ns:xmpp-streams";
constexpr std::string_view starttls_request = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
constexpr std::string_view stream_close = "</stream:stream>";

// Saying goodbye is a small write; it must not hold the probe up when the peer has stopped reading.
constexpr std::chrono::milliseconds close_budget{250};
// After TLS the outcome is known: the restarted stream and the goodbye get this much at most.
constexpr std::chrono::milliseconds after_tls_budget{1000};

// The domain comes from get_edge_config or the command line: escaped, it cannot break out of its quotes.
std::string escaped(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '\'':
                out += "&apos;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

// RFC 6120 §4.7: the initiating entity's header, with the domain it wants to reach in 'to'.
std::string stream_header(const std::string& domain) {
    return "<?xml version='1.0'?><stream:stream to='" + escaped(domain) +
           "' version='1.0' xml:lang='en' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
}

// RFC 6120 §4.7.5: a header without version 1.0 or later comes from a server that predates stream
// features, and so STARTTLS.
bool is_xmpp_1(const std::string& version) {
    const auto dot = version.find('.');
    const std::string major = version.substr(0, dot);
    return !major.empty() && major.find_first_not_of("0123456789") == std::string::npos &&
           major.find_first_not_of('0') != std::string::npos;
}

// Local names of an element's children, each one line.
std::vector<std::string> child_names(const XmlElement& element) {
    std::vector<std::string> names;
    for (const auto& child : element.children) names.push_back(one_line(child.name, 64));
    return names;
}

// The next event of a stream read over TLS; need_more when the session ended or `budget` ran out.
StreamEvent next_secured_event(StreamReader& reader, tls::TlsSession& session, const Deadline& budget) {
    for (;;) {
        StreamEvent event = reader.next();
        if (event.kind != StreamEventKind::need_more) return event;
        const tls::TlsReceived received = session.receive(budget);
        if (!received.status.ok() || received.bytes.empty()) return event;
        reader.feed(received.bytes);
    }
}

// What the probe waits for at a step of the negotiation, named for the report.
struct Awaited {
    std::string_view what;     // "the server's stream header": "while we waited for …", "only N bytes of …"
    std::string_view silence;  // when not a byte of it came in time: "no answer to our stream header"
};

constexpr Awaited server_header{"the server's stream header", "no answer to our stream header"};
constexpr Awaited server_features{"<stream:features>", "no <stream:features> after the server's stream header"};
constexpr Awaited server_proceed{"<proceed/>", "no answer to <starttls/>"};

// A step that ran out of time, saying how far the server got, as the TLS handshake does: silent, or
// `received` bytes of what we waited for (it stalled, or drips).
std::string unfinished(const Awaited& awaited, std::size_t received, Clock::time_point started) {
    const std::string within = " within " + std::to_string(milliseconds_since(started)) + " ms";
    if (received == 0) return std::string(awaited.silence) + within;
    return "only " + std::to_string(received) + " bytes of " + std::string(awaited.what) + " arrived" + within;
}

class Negotiation {
public:
    Negotiation(facts::XmppEndpoint& endpoint, const XmppTarget& target, const Deadline& deadline)
        : m_endpoint(endpoint), m_target(target), m_deadline(deadline) {}

    void run(const x509::TrustStore& trust, std::int64_t at);

private:
    bool connect();
    bool open_stream();
    bool read_features();
    bool request_tls();
    void secure(const x509::TrustStore& trust, std::int64_t at);
    void restart_and_close(tls::TlsSession& session);
    void close_stream();

    bool send(std::string_view text, std::string_view what);
    std::optional<StreamEvent> await(const Awaited& awaited);
    void reject(const StreamEvent& event, std::string_view what);
    void fail(XmppOutcome outcome, const std::string& error,
              TransportOutcome transport = TransportOutcome::protocol_error);

    facts::XmppEndpoint& m_endpoint;
    const XmppTarget& m_target;
    const Deadline& m_deadline;
    net::Connection m_connection;
    StreamReader m_reader;  // the default limits: 64 KiB, depth 16
    std::string m_peer;
    Clock::time_point m_started;
    bool m_peer_closed = false;
};

void Negotiation::run(const x509::TrustStore& trust, std::int64_t at) {
    if (!connect()) return;
    m_started = Clock::now();
    if (open_stream() && read_features() && request_tls()) {
        secure(trust, at);
    } else {
        close_stream();
    }
}

bool Negotiation::connect() {
    m_connection = net::connect_endpoint(m_endpoint.tls, m_target.addresses, m_deadline);
    if (!m_connection.is_open()) {
        fail(XmppOutcome::transport_error, m_endpoint.tls.error, m_endpoint.tls.outcome);
        return false;
    }
    m_peer = m_connection.peer();
    return true;
}

bool Negotiation::open_stream() {
    if (!send(stream_header(m_endpoint.domain), "our stream header")) return false;
    const auto event = await(server_header);
    if (!event) return false;
    if (event->kind != StreamEventKind::stream_opened) {
        reject(*event, server_header.what);
        return false;
    }
    m_endpoint.stream_from = one_line(event->element.attribute("from"));
    m_endpoint.stream_version = one_line(event->element.attribute("version"));
    if (!is_xmpp_1(m_endpoint.stream_version)) {
        fail(XmppOutcome::no_starttls, m_peer +
                                           ": the stream header has no version='1.0': a server older than XMPP 1.0 "
                                           "offers no stream features, so no STARTTLS (RFC 6120 §4.7.5)");
        return false;
    }
    return true;
}

bool Negotiation::read_features() {
    const auto event = await(server_features);
    if (!event) return false;
    if (event->kind != StreamEventKind::element || !event->element.is(streams_namespace, "features")) {
        reject(*event, server_features.what);
        return false;
    }
    m_endpoint.features = child_names(event->element);
    const XmlElement* starttls = event->element.child(tls_namespace, "starttls");
    m_endpoint.starttls_offered = starttls != nullptr;
    m_endpoint.starttls_required = starttls != nullptr && starttls->child(tls_namespace, "required") != nullptr;
    if (!m_endpoint.starttls_offered) {
        const std::string offered =
            m_endpoint.features.empty() ? "no features at all" : "offered: " + join(m_endpoint.features);
        fail(XmppOutcome::no_starttls, m_peer + ": the stream features offer no STARTTLS (" + offered + ")");
        return false;
    }
    return true;
}

bool Negotiation::request_tls() {
    if (!send(starttls_request, "<starttls/>")) return false;
    const auto event = await(server_proceed);
    if (!event) return false;
    if (event->kind == StreamEventKind::element && event->element.is(tls_namespace, "failure")) {
        fail(XmppOutcome::starttls_refused,
             m_peer + ": the server answered <starttls/> with <failure/> (RFC 6120 §5.4.2.2)");
        return false;
    }
    if (event->kind != StreamEventKind::element || !event->element.is(tls_namespace, "proceed")) {
        reject(*event, server_proceed.what);
        return false;
    }
    // RFC 6120 §5.4.3.3: after <proceed/> the next bytes are the TLS handshake, which the client starts.
    if (!m_reader.unread().empty()) {
        fail(XmppOutcome::malformed, m_peer + ": the server sent " + excerpt_of(m_reader.unread()) +
                                         " after <proceed/> instead of waiting for the TLS handshake "
                                         "(RFC 6120 §5.4.3.3)");
        return false;
    }
    m_endpoint.negotiation_ms = milliseconds_since(m_started);
    return true;
}

void Negotiation::secure(const x509::TrustStore& trust, std::int64_t at) {
    tls::TlsSession session(m_connection);
    const auto start = Clock::now();
    const tls::TlsStatus status = session.handshake(m_endpoint.domain, m_deadline);
    m_endpoint.tls.handshake_ms = milliseconds_since(start);
    tls::record_session(m_endpoint.tls, session, status, trust, at);
    m_endpoint.error = m_endpoint.tls.error;
    if (!status.ok()) {
        m_endpoint.outcome = XmppOutcome::tls_failed;
        return;
    }
    m_endpoint.outcome = XmppOutcome::tls_established;
    restart_and_close(session);
}

// RFC 6120 §5.4.3.3: over TLS the client opens a new stream, and the server answers with the features
// of the secured stream (SASL). Then the polite close of §4.4: our </stream:stream>, the server's,
// and only then close_notify. Best effort within a budget of its own: the outcome stands whatever.
void Negotiation::restart_and_close(tls::TlsSession& session) {
    const Deadline budget = m_deadline.within(after_tls_budget);
    StreamReader reader;
    if (session.send(stream_header(m_endpoint.domain), budget).ok()) {
        StreamEvent event = next_secured_event(reader, session, budget);
        if (event.kind == StreamEventKind::stream_opened) event = next_secured_event(reader, session, budget);
        if (event.kind == StreamEventKind::element && event.element.is(streams_namespace, "features")) {
            m_endpoint.features_after_tls = child_names(event.element);
            if (const auto* mechanisms = event.element.child(sasl_namespace, "mechanisms")) {
                for (const auto& mechanism : mechanisms->children) {
                    if (mechanism.is(sasl_namespace, "mechanism")) {
                        m_endpoint.sasl_mechanisms.push_back(one_line(mechanism.text, 64));
                    }
                }
            }
        }
    }
    if (session.send(stream_close, budget).ok()) {
        for (;;) {
            const auto kind = next_secured_event(reader, session, budget).kind;
            if (kind == StreamEventKind::need_more || kind == StreamEventKind::stream_closed ||
                kind == StreamEventKind::malformed || kind == StreamEventKind::too_large) {
                break;
            }
        }
    }
    session.close(m_deadline.within(close_budget));
}

void Negotiation::close_stream() {
    if (m_connection.is_open() && !m_peer_closed) m_connection.send_all(stream_close, m_deadline.within(close_budget));
}

bool Negotiation::send(std::string_view text, std::string_view what) {
    const net::NetStatus status = m_connection.send_all(text, m_deadline);
    if (status.ok()) return true;
    fail(XmppOutcome::transport_error, "sending " + std::string(what) + ": " + status.message,
         net::transport_outcome(status.error));
    m_peer_closed = status.error == net::NetError::reset || status.error == net::NetError::closed;
    return false;
}

// The next event of the server's stream, reading as much as that takes; nullopt when the
// connection failed or closed first (the endpoint then says so).
std::optional<StreamEvent> Negotiation::await(const Awaited& awaited) {
    const std::string what(awaited.what);
    const auto started = Clock::now();
    // What the server sent after the previous event is the start of this one.
    std::size_t received_bytes = m_reader.unread().size();
    for (;;) {
        StreamEvent event = m_reader.next();
        if (event.kind != StreamEventKind::need_more) return event;
        const net::Received received = m_connection.receive_some(m_deadline);
        if (received.status.error == net::NetError::timeout) {
            fail(XmppOutcome::transport_error, m_peer + ": " + unfinished(awaited, received_bytes, started),
                 TransportOutcome::timeout);
            return std::nullopt;
        }
        if (!received.status.ok()) {
            fail(XmppOutcome::transport_error, "waiting for " + what + ": " + received.status.message,
                 net::transport_outcome(received.status.error));
            m_peer_closed = received.status.error == net::NetError::reset;
            return std::nullopt;
        }
        if (received.bytes.empty()) {
            fail(XmppOutcome::transport_error,
                 m_peer + ": the server closed the connection while we waited for " + what, TransportOutcome::reset);
            m_peer_closed = true;
            return std::nullopt;
        }
        received_bytes += received.bytes.size();
        m_reader.feed(received.bytes);
    }
}

// Fills the endpoint for an event that is not the one expected.
void Negotiation::reject(const StreamEvent& event, std::string_view what) {
    const std::string waiting = " while we waited for " + std::string(what);
    switch (event.kind) {
        case StreamEventKind::element:
            if (event.element.is(streams_namespace, "error")) {
                // RFC 6120 §4.9.2: the condition is the child in the streams-errors namespace besides <text/>.
                for (const auto& child : event.element.children) {
                    if (child.name == "text") {
                        m_endpoint.stream_error_text = one_line(child.text);
                    } else if (m_endpoint.stream_error.empty() &&
                               (child.ns == stream_errors_namespace || child.ns.empty())) {
                        m_endpoint.stream_error = one_line(child.name, 64);
                    }
                }
                const std::string condition =
                    m_endpoint.stream_error.empty() ? "without a condition" : "<" + m_endpoint.stream_error + "/>";
                const std::string text =
                    m_endpoint.stream_error_text.empty() ? "" : ": " + m_endpoint.stream_error_text;
                return fail(XmppOutcome::stream_error, m_peer + ": stream error " + condition + text);
            }
            return fail(XmppOutcome::malformed,
                        m_peer + ": <" + one_line(event.element.qualified_name(), 64) + ">" + waiting);
        case StreamEventKind::stream_opened:
            return fail(XmppOutcome::malformed, m_peer + ": a second stream header" + waiting);
        case StreamEventKind::stream_closed:
            m_peer_closed = true;
            return fail(XmppOutcome::transport_error, m_peer + ": the server closed its stream" + waiting,
                        TransportOutcome::reset);
        case StreamEventKind::too_large:
            return fail(XmppOutcome::too_large, m_peer + ": " + event.error + " before <proceed/>");
        case StreamEventKind::malformed:
        case StreamEventKind::need_more:
            break;
    }
    fail(XmppOutcome::malformed, m_peer + ": " + event.error + waiting);
}

void Negotiation::fail(XmppOutcome outcome, const std::string& error, TransportOutcome transport) {
    m_endpoint.outcome = outcome;
    m_endpoint.error = one_line(error, 400);
    m_endpoint.tls.outcome = transport;
    m_endpoint.tls.error = m_endpoint.error;
    if (m_started != Clock::time_point{}) m_endpoint.negotiation_ms = milliseconds_since(m_started);
}

}  // namespace

facts::XmppEndpoint probe_xmpp(const XmppTarget& target, const x509::TrustStore& trust, std::int64_t at,
                               const Deadline& deadline) {
    facts::XmppEndpoint endpoint;
    endpoint.domain = target.domain.empty() ? target.host : target.domain;
    endpoint.tls.service = "xmpp";
    endpoint.tls.host = target.host;
    endpoint.tls.port = target.port;
    try {
        Negotiation(endpoint, target, deadline).run(trust, at);
    } catch (const std::exception& e) {
        endpoint.outcome = XmppOutcome::transport_error;
        endpoint.error = std::string("XMPP probe failed: ") + e.what();
        endpoint.tls.outcome = TransportOutcome::protocol_error;
        endpoint.tls.error = endpoint.error;
    }
    return endpoint;
}

}  // namespace mra::probe::xmpp
