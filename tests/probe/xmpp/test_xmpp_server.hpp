#pragma once
// A scripted XMPP server for the probe tests: reads the client's stream header, answers with its own
// header and features, reads <starttls/>, answers, and after a <proceed/> runs the real Botan TLS
// server of tests/probe/tls on the same connection (RFC 6120 §5.4.3.3). Each step is a string of the
// script, so a test can make any of them wrong; it records what the client sent, in plaintext and
// over TLS.

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "probe/net/connection.hpp"
#include "tests/probe/net/loopback_server.hpp"
#include "tests/probe/tls/test_tls_server.hpp"

namespace mra::test {

// What the lab's Prosody sends for a virtual host with c2s_require_encryption (seen byte for byte,
// but the id).
inline const std::string prosody_header =
    "<?xml version='1.0'?><stream:stream id='7a7bb38d-9fdc-406b-a6fe-4e3e70bf364c' xml:lang='en' "
    "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' from='example.com' version='1.0'>";
inline const std::string required_starttls =
    "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>";
inline const std::string proceed = "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
// Its features after TLS: the mechanisms it offers (their order varies from one start to the next).
inline const std::string sasl_features =
    "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism>"
    "<mechanism>SCRAM-SHA-1-PLUS</mechanism><mechanism>PLAIN</mechanism></mechanisms></stream:features>";

struct XmppServerScript {
    std::string header = prosody_header;           // sent once the client's header has arrived
    std::string features = required_starttls;      // sent right after the header
    std::string starttls_reply = proceed;          // sent once <starttls/> has arrived; empty: wait for nothing
    bool tls = true;                               // after a reply with <proceed, serve TLS
    std::string secured_features = sasl_features;  // over TLS, with the header, once the client restarts
    std::string after_reply;                       // without TLS: sent after the reply
    bool one_byte_at_a_time = false;               // every byte in a segment of its own
    std::string scenario = "healthy";              // fixtures/certs/<scenario> for TLS
};

class TestXmppServer {
public:
    explicit TestXmppServer(XmppServerScript script = {}, const std::string& address = "127.0.0.1")
        : m_script(std::move(script)),
          m_identity(ServerIdentity::from_fixture(m_script.scenario)),
          m_server([this](probe::net::Connection& connection,
                          const std::atomic<bool>& stopping) { serve(connection, stopping); },
                   address) {}

    std::uint16_t port() const { return m_server.port(); }
    std::string sni() const { return m_log.sni(); }
    // Everything the client sent in plaintext so far.
    std::string plaintext() const {
        std::lock_guard lock(m_mutex);
        return m_plaintext;
    }
    // Everything the client sent over TLS.
    std::string tls_data() const {
        std::lock_guard lock(m_mutex);
        return m_tls_data;
    }
    // True once the client has closed the connection (or the server gave up on it).
    bool finished() const { return m_finished; }

private:
    void serve(probe::net::Connection& connection, const std::atomic<bool>& stopping) {
        m_finished = false;
        bool secured = false;
        if (read_until(connection, stopping, "streams'>")) {
            send(connection, m_script.header + m_script.features);
            if (!m_script.starttls_reply.empty() && read_until(connection, stopping, "xmpp-tls'/>")) {
                send(connection, m_script.starttls_reply);
                if (m_script.tls && m_script.starttls_reply.starts_with("<proceed")) {
                    serve_tls(connection, stopping, m_identity, tls_settings(), m_log);
                    secured = true;
                } else if (!m_script.after_reply.empty() && read_more(connection, stopping)) {
                    send(connection, m_script.after_reply);  // in answer to the ClientHello
                }
            }
        }
        // Half-close and read on: the client's last words in plaintext (</stream:stream>) are recorded
        // (after TLS: its close_notify, not recorded), and closing with unread input would turn our FIN
        // into an RST (RFC 1122 §4.2.2.13).
        ::shutdown(connection.native_handle(), SHUT_WR);
        if (secured) {
            drain(connection, stopping, 5s);
        } else {
            read_until(connection, stopping, "");
        }
        m_finished = true;
    }

    // Appends what arrives before `limit` to the record; false once the client has closed (or reset).
    bool receive(probe::net::Connection& connection, const Deadline& limit) {
        const auto received = connection.receive_some(limit);
        if (received.status.error == probe::net::NetError::timeout) return true;
        if (!received.status.ok() || received.bytes.empty()) return false;
        std::lock_guard lock(m_mutex);
        m_plaintext.append(received.bytes.begin(), received.bytes.end());
        return true;
    }

    // Reads until `needle` has arrived (never, when empty), the client closes, or 5 s pass.
    bool read_until(probe::net::Connection& connection, const std::atomic<bool>& stopping, std::string_view needle) {
        const Deadline end(5s);
        while (!stopping && !end.expired()) {
            if (!needle.empty() && plaintext().find(needle) != std::string::npos) return true;
            if (!receive(connection, end.within(20ms))) return false;
        }
        return false;
    }

    // Reads until anything more arrives (true), the client closes, or 5 s pass.
    bool read_more(probe::net::Connection& connection, const std::atomic<bool>& stopping) {
        const std::size_t before = plaintext().size();
        const Deadline end(5s);
        while (!stopping && !end.expired() && plaintext().size() == before) {
            if (!receive(connection, end.within(20ms))) break;
        }
        return plaintext().size() > before;
    }

    void send(probe::net::Connection& connection, const std::string& text) {
        if (!m_script.one_byte_at_a_time) {
            connection.send_all(text, Deadline(5s));
            return;
        }
        for (const char c : text) {
            connection.send_all(std::string_view(&c, 1), Deadline(5s));
            std::this_thread::sleep_for(200us);
        }
    }

    TlsServerSettings tls_settings() {
        TlsServerSettings settings;
        settings.scenario = m_script.scenario;
        settings.respond = [this](std::span<const std::uint8_t> data) -> std::optional<std::vector<std::uint8_t>> {
            std::lock_guard lock(m_mutex);
            m_tls_data.append(data.begin(), data.end());
            // The client's goodbye: close_notify and close.
            if (m_tls_data.find("</stream:stream>") != std::string::npos) return std::nullopt;
            // The restarted stream (RFC 6120 §5.4.3.3): our header and the secured stream's features.
            std::string reply;
            if (std::string_view(reinterpret_cast<const char*>(data.data()), data.size()).find("<stream:stream") !=
                    std::string_view::npos &&
                !m_script.secured_features.empty()) {
                reply = m_script.header + m_script.secured_features;
            }
            return std::vector<std::uint8_t>(reply.begin(), reply.end());
        };
        return settings;
    }

    XmppServerScript m_script;
    ServerIdentity m_identity;
    TlsServerLog m_log;
    mutable std::mutex m_mutex;
    std::string m_plaintext;
    std::string m_tls_data;
    std::atomic<bool> m_finished{false};
    LoopbackServer m_server;  // last: its thread uses the members above
};

}  // namespace mra::test
