#include "probe/tls/tls_session.hpp"

#include <botan/auto_rng.h>
#include <botan/credentials_manager.h>
#include <botan/tls_callbacks.h>
#include <botan/tls_client.h>
#include <botan/tls_exceptn.h>
#include <botan/tls_session_manager.h>
#include <botan/x509path.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <utility>

#include "util/address.hpp"

namespace mra::probe::tls {

namespace {

using facts::TransportOutcome;

TlsStatus failure(TransportOutcome outcome, std::string message) {
    // Botan's messages and peers' bytes are quoted into it: keep the promise of one line.
    std::replace_if(
        message.begin(), message.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
    return {outcome, std::move(message)};
}

// `phase` names the peer ("TLS handshake with 127.0.10.3:5222"), and so does the connection's
// message ("127.0.10.3:5222: receive: Connection reset by peer"): once is enough.
TlsStatus from_net(const net::NetStatus& status, const std::string& phase, const std::string& peer) {
    std::string_view message = status.message;
    if (message.starts_with(peer + ": ")) message.remove_prefix(peer.size() + 2);
    return failure(net::transport_outcome(status.error), phase + ": " + std::string(message));
}

// RFC 5246 §6.2.1: every TLS record starts with a content type (20–23, 24 for heartbeat per
// RFC 6520) and protocol major version 3. Checked on the server's first bytes, so that a server
// answering in HTTP, SIP or XMPP is named for what it is instead of a record-layer error (Botan
// would say "unexpected record version") or, for a huge bogus length, a timeout.
bool looks_like_tls(std::span<const std::uint8_t> bytes) {
    return !bytes.empty() && bytes[0] >= 20 && bytes[0] <= 24 && (bytes.size() < 2 || bytes[1] == 3);
}

// The start of a non-TLS answer: its first line when it is text ("HTTP/1.1 400 Bad Request"),
// else its first bytes in hex.
std::string excerpt(std::span<const std::uint8_t> bytes) {
    std::string text;
    for (const std::uint8_t c : bytes.first(std::min<std::size_t>(bytes.size(), 60))) {
        if (c == '\r' || c == '\n') {
            break;
        }
        if (c < 0x20 || c > 0x7e) {
            text.clear();
            break;
        }
        text += static_cast<char>(c);
    }
    if (!text.empty()) {
        return "\"" + text + "\"";
    }
    std::string hex = "bytes";
    for (const std::uint8_t c : bytes.first(std::min<std::size_t>(bytes.size(), 8))) {
        char digits[4];
        std::snprintf(digits, sizeof digits, " %02x", c);
        hex += digits;
    }
    return hex;
}

// A handshake that ran out of time: the server said nothing (it is silent, or something between
// drops the ClientHello), or only part of its flight arrived (it stalled, or drips).
std::string unfinished(std::size_t answered_bytes, Deadline::Clock::time_point started) {
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Deadline::Clock::now() - started);
    const std::string within = " within " + std::to_string(waited.count()) + " ms";
    if (answered_bytes == 0) return "no answer to the ClientHello" + within;
    return "only " + std::to_string(answered_bytes) + " bytes of the server's handshake arrived" + within;
}

// A server's handshake flight is a few KiB, tens with a long chain or a CertificateRequest naming
// many CAs. Botan 2.19 buffers a handshake message whole before it looks at it, up to the 16 MiB its
// 24-bit length allows (Stream_Handshake_IO::get_next_record), so a server that announces a huge one
// and sends filler would hold that much memory, or the probe until its deadline: past this bound the
// handshake is abandoned.
constexpr std::size_t max_handshake_bytes = 256 * 1024;

// Alerts that mean "what you sent is not well-formed TLS" (RFC 5246 §7.2.2) make it a protocol
// error; every other alert is a TLS failure proper (negotiation, certificate, …).
TransportOutcome outcome_of(Botan::TLS::Alert::Type type) {
    switch (type) {
        case Botan::TLS::Alert::DECODE_ERROR:
        case Botan::TLS::Alert::RECORD_OVERFLOW:
        case Botan::TLS::Alert::UNEXPECTED_MESSAGE:
            return TransportOutcome::protocol_error;
        default:
            return TransportOutcome::tls_failure;
    }
}

// Hands out the client certificate, if any, when the server sends a CertificateRequest.
class Credentials final : public Botan::Credentials_Manager {
public:
    explicit Credentials(const std::optional<ClientIdentity>& identity) : m_identity(identity) {}

    std::vector<Botan::X509_Certificate> find_cert_chain(const std::vector<std::string>& key_types,
                                                         const std::vector<Botan::X509_DN>&, const std::string&,
                                                         const std::string&) override {
        if (!usable()) {
            return {};
        }
        // RFC 5246 §7.4.4: only a certificate of a type the server listed; else send none.
        const auto algorithm = m_identity->key->algo_name();
        const bool wanted =
            key_types.empty() || std::find(key_types.begin(), key_types.end(), algorithm) != key_types.end();
        return wanted ? m_identity->chain : std::vector<Botan::X509_Certificate>{};
    }

    Botan::Private_Key* private_key_for(const Botan::X509_Certificate& cert, const std::string&,
                                        const std::string&) override {
        return usable() && cert == m_identity->chain.front() ? m_identity->key.get() : nullptr;
    }

private:
    bool usable() const { return m_identity && m_identity->key && !m_identity->chain.empty(); }
    const std::optional<ClientIdentity>& m_identity;
};

std::unique_ptr<Botan::TLS::Policy> policy_for(TlsMode mode) {
    if (mode == TlsMode::strict) {
        return std::make_unique<StrictPolicy>();
    }
    return std::make_unique<ProbePolicy>();
}

}  // namespace

// Botan's TLS::Channel is event-driven: it calls back to write (tls_emit_data), to deliver data and
// alerts, and to verify the chain. The engine turns those into the blocking-with-deadline calls of
// TlsSession. Callbacks cannot report failure to Botan without an exception, so a write failure is
// remembered and reported when Botan returns.
class TlsSession::Engine final : public Botan::TLS::Callbacks {
public:
    Engine(net::Connection& connection, TlsOptions options)
        : m_connection(connection),
          m_options(std::move(options)),
          m_policy(policy_for(m_options.mode)),
          m_credentials(m_options.identity) {}

    TlsStatus handshake(const std::string& server_name, const Deadline& deadline);
    TlsStatus send(std::span<const std::uint8_t> bytes, const Deadline& deadline);
    TlsReceived receive(const Deadline& deadline);
    void close(const Deadline& deadline);

    bool established() const { return m_client && m_client->is_active(); }
    const std::vector<Botan::X509_Certificate>& chain() const { return m_chain; }
    const std::string& version() const { return m_version; }
    const std::string& cipher() const { return m_cipher; }
    const std::vector<std::string>& alerts() const { return m_alerts; }

    void tls_emit_data(const std::uint8_t data[], std::size_t size) override;
    void tls_record_received(std::uint64_t, const std::uint8_t data[], std::size_t size) override;
    void tls_alert(Botan::TLS::Alert alert) override;
    bool tls_session_established(const Botan::TLS::Session& session) override;
    void tls_verify_cert_chain(const std::vector<Botan::X509_Certificate>& chain,
                               const std::vector<std::shared_ptr<const Botan::OCSP::Response>>& ocsp,
                               const std::vector<Botan::Certificate_Store*>& trusted_roots, Botan::Usage_Type usage,
                               const std::string& hostname, const Botan::TLS::Policy& policy) override;

private:
    TlsStatus feed(std::span<const std::uint8_t> bytes, const std::string& phase);
    TlsStatus after_callbacks(const std::string& phase);
    void read_parting_alert();
    TlsStatus fail(TlsStatus status);
    void verify_strictly(const std::vector<Botan::X509_Certificate>& chain,
                         const std::vector<std::shared_ptr<const Botan::OCSP::Response>>& ocsp) const;

    net::Connection& m_connection;
    TlsOptions m_options;
    std::unique_ptr<Botan::TLS::Policy> m_policy;
    Botan::TLS::Session_Manager_Noop m_sessions;  // never resume: every probe must see the full chain
    Credentials m_credentials;
    std::unique_ptr<Botan::RandomNumberGenerator> m_rng;

    std::string m_server_name;
    Deadline m_io_deadline{std::chrono::milliseconds(0)};  // for writes Botan makes from callbacks
    net::NetStatus m_write_status;                         // the first write that failed
    TlsStatus m_failure;                                   // sticky: the session is unusable after one
    std::vector<std::uint8_t> m_plaintext;
    std::optional<Botan::TLS::Alert> m_fatal_alert;
    std::vector<std::string> m_alerts;
    bool m_peer_closed = false;  // close_notify or FIN
    bool m_answered = false;     // the server has sent anything at all
    std::vector<Botan::X509_Certificate> m_chain;
    std::string m_version;
    std::string m_cipher;

    // Last: destroyed first, as it refers to the policy, sessions, credentials and RNG above.
    std::unique_ptr<Botan::TLS::Client> m_client;
};

TlsStatus TlsSession::Engine::fail(TlsStatus status) {
    m_failure = status;
    return status;
}

TlsStatus TlsSession::Engine::handshake(const std::string& server_name, const Deadline& deadline) {
    if (m_client || !m_failure.ok()) {
        return failure(TransportOutcome::tls_failure, "TLS handshake: already attempted on this session");
    }
    const std::string phase = "TLS handshake with " + m_connection.peer();
    if (!m_connection.is_open()) {
        return fail(failure(TransportOutcome::reset, phase + ": the connection is not open"));
    }
    m_server_name = server_name;
    m_io_deadline = deadline;
    try {
        m_rng = std::make_unique<Botan::AutoSeeded_RNG>();
        // The constructor sends the ClientHello through tls_emit_data.
        m_client = std::make_unique<Botan::TLS::Client>(
            *this, m_sessions, m_credentials, *m_policy, *m_rng,
            Botan::TLS::Server_Information(is_address_literal(server_name) ? "" : server_name, m_connection.port()),
            m_policy->latest_supported_version(false));
    } catch (const std::exception& e) {
        return fail(failure(TransportOutcome::tls_failure, phase + ": cannot start: " + e.what()));
    }
    if (auto status = after_callbacks(phase); !status.ok()) {
        return status;
    }
    const auto started = Deadline::Clock::now();
    std::size_t answered_bytes = 0;
    while (!m_client->is_active()) {
        if (m_peer_closed) {
            return fail(failure(TransportOutcome::reset, phase + ": the server closed the session (close_notify)"));
        }
        const net::Received received = m_connection.receive_some(deadline);
        if (received.status.error == net::NetError::timeout) {
            return fail(failure(TransportOutcome::timeout, phase + ": " + unfinished(answered_bytes, started)));
        }
        if (!received.status.ok()) {
            return fail(from_net(received.status, phase, m_connection.peer()));
        }
        answered_bytes += received.bytes.size();
        if (received.bytes.empty()) {
            return fail(failure(TransportOutcome::reset,
                                phase + (m_answered ? ": the server closed the connection"
                                                    : ": the server closed the connection without answering")));
        }
        if (!m_answered && !looks_like_tls(received.bytes)) {
            return fail(
                failure(TransportOutcome::protocol_error,
                        phase + ": the server does not speak TLS: it answered with " + excerpt(received.bytes)));
        }
        m_answered = true;
        if (answered_bytes > max_handshake_bytes) {
            return fail(failure(TransportOutcome::tls_failure, phase + ": the server's handshake exceeded " +
                                                                   std::to_string(max_handshake_bytes) +
                                                                   " bytes without completing"));
        }
        if (auto status = feed(received.bytes, phase); !status.ok()) {
            return status;
        }
    }
    return {};
}

TlsStatus TlsSession::Engine::feed(std::span<const std::uint8_t> bytes, const std::string& phase) {
    try {
        m_client->received_data(bytes.data(), bytes.size());
    } catch (const Botan::TLS::TLS_Exception& e) {
        // Botan has already sent the matching fatal alert (tls_channel.cpp, received_data).
        return fail(failure(outcome_of(e.type()), phase + ": " + e.what()));
    } catch (const Botan::Decoding_Error& e) {
        return fail(failure(TransportOutcome::protocol_error, phase + ": " + e.what()));
    } catch (const std::exception& e) {
        return fail(failure(TransportOutcome::tls_failure, phase + ": " + e.what()));
    }
    return after_callbacks(phase);
}

TlsStatus TlsSession::Engine::after_callbacks(const std::string& phase) {
    if (!m_write_status.ok()) {
        read_parting_alert();
    }
    if (!m_write_status.ok() && !m_fatal_alert) {
        return fail(from_net(m_write_status, phase, m_connection.peer()));
    }
    if (m_fatal_alert) {
        return fail(failure(TransportOutcome::tls_failure,
                            phase + ": the server sent the fatal alert " + m_fatal_alert->type_string()));
    }
    return {};
}

TlsStatus TlsSession::Engine::send(std::span<const std::uint8_t> bytes, const Deadline& deadline) {
    if (!m_failure.ok()) {
        return m_failure;
    }
    const std::string phase = "TLS send to " + m_connection.peer();
    if (!established()) {
        return failure(TransportOutcome::tls_failure, phase + ": no established session");
    }
    m_io_deadline = deadline;
    try {
        m_client->send(bytes.data(), bytes.size());
    } catch (const std::exception& e) {
        return fail(failure(TransportOutcome::tls_failure, phase + ": " + e.what()));
    }
    return after_callbacks(phase);
}

TlsReceived TlsSession::Engine::receive(const Deadline& deadline) {
    TlsReceived out;
    const std::string phase = "TLS receive from " + m_connection.peer();
    for (;;) {
        if (!m_plaintext.empty()) {
            out.bytes.swap(m_plaintext);
            return out;
        }
        if (!m_failure.ok()) {
            out.status = m_failure;
            return out;
        }
        if (m_peer_closed) {
            return out;
        }
        if (!m_client) {
            out.status = failure(TransportOutcome::tls_failure, phase + ": no established session");
            return out;
        }
        m_io_deadline = deadline;  // Botan may answer a close_notify while we read
        const net::Received received = m_connection.receive_some(deadline);
        if (received.status.error == net::NetError::timeout) {
            // Not sticky: nothing arrived in time, but the session is intact (a partial record stays
            // buffered in Botan), so a caller may send again or wait longer.
            out.status = from_net(received.status, phase, m_connection.peer());
            return out;
        }
        if (!received.status.ok()) {
            out.status = fail(from_net(received.status, phase, m_connection.peer()));
            return out;
        }
        if (received.bytes.empty()) {
            // A FIN without close_notify can truncate (RFC 5246 §7.2.1); the application protocol's
            // own framing (Content-Length, </stream:stream>) tells the caller whether it did.
            m_peer_closed = true;
            continue;
        }
        if (auto status = feed(received.bytes, phase); !status.ok()) {
            out.status = status;
            return out;
        }
    }
}

// A server that rejects us mid-flight (say, for want of a client certificate) sends its fatal alert
// and closes while we are still writing the rest of the flight, so our write fails with EPIPE or
// ECONNRESET. The alert is already in the receive buffer (TCP delivers in order); read it, without
// waiting, so that the report gives the server's reason instead of "Broken pipe".
void TlsSession::Engine::read_parting_alert() {
    while (m_client && !m_fatal_alert) {
        const net::Received received = m_connection.receive_some(Deadline(std::chrono::milliseconds(0)));
        if (!received.status.ok() || received.bytes.empty()) {
            return;
        }
        try {
            m_client->received_data(received.bytes.data(), received.bytes.size());
        } catch (const std::exception&) {
            return;
        }
    }
}

void TlsSession::Engine::close(const Deadline& deadline) {
    if (!m_client || m_client->is_closed() || !m_write_status.ok() || m_peer_closed) {
        return;
    }
    m_io_deadline = deadline;
    try {
        m_client->close();
    } catch (const std::exception&) {
        // Best effort: the session is over either way.
    }
}

void TlsSession::Engine::tls_emit_data(const std::uint8_t data[], std::size_t size) {
    if (m_write_status.ok()) {
        m_write_status = m_connection.send_all(std::span(data, size), m_io_deadline);
    }
}

void TlsSession::Engine::tls_record_received(std::uint64_t, const std::uint8_t data[], std::size_t size) {
    m_plaintext.insert(m_plaintext.end(), data, data + size);
}

void TlsSession::Engine::tls_alert(Botan::TLS::Alert alert) {
    m_alerts.push_back(alert.type_string());
    if (alert.type() == Botan::TLS::Alert::CLOSE_NOTIFY) {
        m_peer_closed = true;
    } else if (alert.is_fatal()) {
        m_fatal_alert = alert;
    }
}

bool TlsSession::Engine::tls_session_established(const Botan::TLS::Session& session) {
    m_version = session.version().to_string();
    // Botan names suites after the IANA registry without its "TLS_" prefix (tls_suite_info.cpp).
    m_cipher = "TLS_" + session.ciphersuite().to_string();
    return false;  // nothing to cache: Session_Manager_Noop
}

// Replaces Botan's verification (tls_callbacks.cpp:53), which would abort the handshake on any
// chain that does not validate: the chain is kept as presented (RFC 5246 §7.4.2 order) for
// x509::analyse_chain. Only strict mode verifies here.
void TlsSession::Engine::tls_verify_cert_chain(const std::vector<Botan::X509_Certificate>& chain,
                                               const std::vector<std::shared_ptr<const Botan::OCSP::Response>>& ocsp,
                                               const std::vector<Botan::Certificate_Store*>&, Botan::Usage_Type,
                                               const std::string&, const Botan::TLS::Policy&) {
    m_chain = chain;
    if (m_options.mode == TlsMode::strict) {
        verify_strictly(chain, ocsp);
    }
}

// What Botan's own callback does (tls_callbacks.cpp:53–82), against our trust store rather than the
// Credentials_Manager's, at `verify_at`, and for the name we asked for (RFC 6125 §6).
void TlsSession::Engine::verify_strictly(const std::vector<Botan::X509_Certificate>& chain,
                                         const std::vector<std::shared_ptr<const Botan::OCSP::Response>>& ocsp) const {
    if (m_options.trust == nullptr) {
        throw Botan::TLS::TLS_Exception(Botan::TLS::Alert::BAD_CERTIFICATE,
                                        "strict mode: no trust store to verify with");
    }
    const auto at = m_options.verify_at
                        ? std::chrono::system_clock::time_point(std::chrono::seconds(*m_options.verify_at))
                        : std::chrono::system_clock::now();
    const Botan::Path_Validation_Restrictions restrictions(m_policy->require_cert_revocation_info(),
                                                           m_policy->minimum_signature_strength());
    const auto result =
        Botan::x509_path_validate(chain, restrictions, m_options.trust->store(), m_server_name,
                                  Botan::Usage_Type::TLS_SERVER_AUTH, at, std::chrono::milliseconds(0), ocsp);
    if (!result.successful_validation()) {
        throw Botan::TLS::TLS_Exception(Botan::TLS::Alert::BAD_CERTIFICATE,
                                        "certificate verification failed: " + result.result_string());
    }
}

TlsSession::TlsSession(net::Connection& connection, TlsOptions options)
    : m_engine(std::make_unique<Engine>(connection, std::move(options))) {}

TlsSession::~TlsSession() = default;

TlsStatus TlsSession::handshake(const std::string& server_name, const Deadline& deadline) {
    return m_engine->handshake(server_name, deadline);
}

TlsStatus TlsSession::send(std::span<const std::uint8_t> bytes, const Deadline& deadline) {
    return m_engine->send(bytes, deadline);
}

TlsStatus TlsSession::send(std::string_view text, const Deadline& deadline) {
    return m_engine->send(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), deadline);
}

TlsReceived TlsSession::receive(const Deadline& deadline) {
    return m_engine->receive(deadline);
}

void TlsSession::close(const Deadline& deadline) {
    m_engine->close(deadline);
}

bool TlsSession::established() const {
    return m_engine->established();
}

const std::vector<Botan::X509_Certificate>& TlsSession::presented_chain() const {
    return m_engine->chain();
}

const std::string& TlsSession::protocol_version() const {
    return m_engine->version();
}

const std::string& TlsSession::cipher_suite() const {
    return m_engine->cipher();
}

const std::vector<std::string>& TlsSession::received_alerts() const {
    return m_engine->alerts();
}

}  // namespace mra::probe::tls
