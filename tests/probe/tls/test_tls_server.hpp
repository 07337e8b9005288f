#pragma once
// A real TLS server for the probe tests: Botan's TLS::Server on a loopback connection, presenting a
// fixture certificate scenario (fixtures/certs/<scenario>/{leaf,chain,key}.pem), recording what the
// client sent (SNI, client certificate) and answering application data with a Responder (echo by
// default). serve_tls() runs on any accepted connection, so an XMPP test server can call it after
// its plaintext <proceed/>, and a SIP test server can answer requests through the Responder.

#include <botan/auto_rng.h>
#include <botan/credentials_manager.h>
#include <botan/tls_callbacks.h>
#include <botan/tls_exceptn.h>
#include <botan/tls_policy.h>
#include <botan/tls_server.h>
#include <botan/tls_session_manager.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "probe/net/connection.hpp"
#include "tests/fixtures.hpp"
#include "tests/probe/net/loopback_server.hpp"
#include "x509/load.hpp"

namespace mra::test {

// What the server presents.
struct ServerIdentity {
    std::vector<Botan::X509_Certificate> chain;  // leaf first, then chain.pem when the scenario has one
    std::shared_ptr<Botan::Private_Key> key;

    static ServerIdentity from_fixture(const std::string& scenario) {
        const std::string folder = fixture("certs/" + scenario + "/");
        std::vector<std::string> chain{folder + "leaf.pem"};
        if (std::filesystem::exists(folder + "chain.pem")) chain.push_back(folder + "chain.pem");
        return from_files(chain, folder + "key.pem");
    }

    // The certificates of `pem_files` in order, and the key of `key_file` (e.g. a lab peer's
    // expe2-chain.pem and expe2.key).
    static ServerIdentity from_files(const std::vector<std::string>& pem_files, const std::string& key_file) {
        ServerIdentity identity;
        for (const auto& path : pem_files) {
            const auto certs = x509::read_certificates(x509::read_file(path), path);
            identity.chain.insert(identity.chain.end(), certs.begin(), certs.end());
        }
        identity.key = x509::read_private_key(x509::read_file(key_file), key_file);
        return identity;
    }
};

// Application data in, reply out; std::nullopt: send close_notify and close.
using Responder = std::function<std::optional<std::vector<std::uint8_t>>(std::span<const std::uint8_t>)>;

inline std::optional<std::vector<std::uint8_t>> echo_reply(std::span<const std::uint8_t> data) {
    return std::vector<std::uint8_t>(data.begin(), data.end());
}

struct TlsServerSettings {
    std::string scenario = "healthy";
    bool require_client_certificate = false;
    bool tls10_only = false;  // a legacy server: TLS 1.0 with CBC suites and nothing newer
    Responder respond = echo_reply;
};

// What the server saw, written by the server thread.
class TlsServerLog {
public:
    void set_sni(const std::string& sni) {
        std::lock_guard lock(m_mutex);
        m_sni = sni;
    }
    void set_client_chain(const std::vector<Botan::X509_Certificate>& chain) {
        std::lock_guard lock(m_mutex);
        m_client_chain = chain;
    }
    std::string sni() const {
        std::lock_guard lock(m_mutex);
        return m_sni;
    }
    std::vector<Botan::X509_Certificate> client_chain() const {
        std::lock_guard lock(m_mutex);
        return m_client_chain;
    }

private:
    mutable std::mutex m_mutex;
    std::string m_sni;
    std::vector<Botan::X509_Certificate> m_client_chain;
};

namespace detail {

class ServerPolicy final : public Botan::TLS::Policy {
public:
    explicit ServerPolicy(const TlsServerSettings& settings) : m_settings(settings) {}
    bool require_client_certificate_authentication() const override { return m_settings.require_client_certificate; }
    bool allow_tls10() const override { return m_settings.tls10_only; }
    bool allow_tls12() const override { return !m_settings.tls10_only; }
    std::vector<std::string> allowed_ciphers() const override {
        if (m_settings.tls10_only) return {"AES-256", "AES-128"};
        return Botan::TLS::Policy::allowed_ciphers();
    }

private:
    const TlsServerSettings& m_settings;
};

class ServerCredentials final : public Botan::Credentials_Manager {
public:
    ServerCredentials(const ServerIdentity& identity, TlsServerLog& log) : m_identity(identity), m_log(log) {}
    // `context` is the SNI host name (tls_server.cpp, get_server_certs).
    std::vector<Botan::X509_Certificate> find_cert_chain(const std::vector<std::string>& key_types,
                                                         const std::vector<Botan::X509_DN>&, const std::string&,
                                                         const std::string& context) override {
        if (!context.empty()) m_log.set_sni(context);
        for (const auto& type : key_types) {
            if (type == m_identity.key->algo_name()) return m_identity.chain;
        }
        return {};
    }
    Botan::Private_Key* private_key_for(const Botan::X509_Certificate&, const std::string&,
                                        const std::string&) override {
        return m_identity.key.get();
    }

private:
    const ServerIdentity& m_identity;
    TlsServerLog& m_log;
};

class ServerCallbacks final : public Botan::TLS::Callbacks {
public:
    ServerCallbacks(probe::net::Connection& connection, TlsServerLog& log) : m_connection(connection), m_log(log) {}
    void tls_emit_data(const std::uint8_t data[], std::size_t size) override {
        m_connection.send_all(std::span(data, size), Deadline(5s));
    }
    void tls_record_received(std::uint64_t, const std::uint8_t data[], std::size_t size) override {
        m_incoming.insert(m_incoming.end(), data, data + size);
    }
    void tls_alert(Botan::TLS::Alert alert) override {
        if (alert.type() == Botan::TLS::Alert::CLOSE_NOTIFY || alert.is_fatal()) closed = true;
    }
    bool tls_session_established(const Botan::TLS::Session&) override { return false; }
    // The client's certificate: recorded, accepted whatever it is.
    void tls_verify_cert_chain(const std::vector<Botan::X509_Certificate>& chain,
                               const std::vector<std::shared_ptr<const Botan::OCSP::Response>>&,
                               const std::vector<Botan::Certificate_Store*>&, Botan::Usage_Type, const std::string&,
                               const Botan::TLS::Policy&) override {
        m_log.set_client_chain(chain);
    }
    std::vector<std::uint8_t> take_incoming() { return std::exchange(m_incoming, {}); }

    bool closed = false;

private:
    probe::net::Connection& m_connection;
    TlsServerLog& m_log;
    std::vector<std::uint8_t> m_incoming;
};

}  // namespace detail

// Botan's TLS server over an accepted connection, driven by its caller: what the client sent, and
// application data sent when the caller chooses (a fault peer sends a byte at a time, or forever).
class TlsServerChannel {
public:
    // `identity`, `settings` and `log` must outlive the channel.
    TlsServerChannel(probe::net::Connection& connection, const ServerIdentity& identity,
                     const TlsServerSettings& settings, TlsServerLog& log)
        : m_connection(connection),
          m_policy(settings),
          m_credentials(identity, log),
          m_callbacks(connection, log),
          m_server(m_callbacks, m_sessions, m_credentials, m_policy, m_rng) {}

    // Feeds what arrives before `limit` to the server and returns the application data it carried
    // (none during the handshake or when nothing came). nullopt once the client has closed, reset or
    // failed the handshake.
    std::optional<std::vector<std::uint8_t>> receive(const Deadline& limit) {
        const auto received = m_connection.receive_some(limit);
        if (received.status.error == probe::net::NetError::timeout) return std::vector<std::uint8_t>{};
        if (!received.status.ok() || received.bytes.empty()) return std::nullopt;
        try {
            m_server.received_data(received.bytes.data(), received.bytes.size());
        } catch (const std::exception&) {
            return std::nullopt;  // Botan has sent its fatal alert; the client reports it
        }
        return m_callbacks.take_incoming();
    }
    // One record of application data, once the handshake is done; false when the session is over.
    bool send(std::span<const std::uint8_t> bytes) {
        if (!m_server.is_active()) return false;
        try {
            m_server.send(bytes.data(), bytes.size());
        } catch (const std::exception&) {
            return false;
        }
        return true;
    }
    void close() { m_server.close(); }
    bool active() const { return m_server.is_active(); }
    // The client sent close_notify or a fatal alert.
    bool closed_by_client() const { return m_callbacks.closed; }

private:
    probe::net::Connection& m_connection;
    detail::ServerPolicy m_policy;
    detail::ServerCredentials m_credentials;
    detail::ServerCallbacks m_callbacks;
    Botan::TLS::Session_Manager_Noop m_sessions;
    Botan::AutoSeeded_RNG m_rng;
    Botan::TLS::Server m_server;  // last: refers to everything above
};

// Runs a TLS server over `connection` until the client closes, the handshake fails, the Responder
// says to close, or the server stops.
inline void serve_tls(probe::net::Connection& connection, const std::atomic<bool>& stopping,
                      const ServerIdentity& identity, const TlsServerSettings& settings, TlsServerLog& log) {
    TlsServerChannel channel(connection, identity, settings, log);
    const Deadline end(30s);
    while (!stopping && !end.expired() && !channel.closed_by_client()) {
        const auto incoming = channel.receive(end.within(20ms));
        if (!incoming) return;
        if (incoming->empty() || !channel.active()) continue;
        const auto reply = settings.respond(*incoming);
        if (!reply) {
            channel.close();
            return;
        }
        channel.send(*reply);
    }
}

class TestTlsServer {
public:
    explicit TestTlsServer(TlsServerSettings settings = {}, const std::string& address = "127.0.0.1")
        : m_settings(std::move(settings)),
          m_identity(ServerIdentity::from_fixture(m_settings.scenario)),
          m_server(
              [this](probe::net::Connection& connection, const std::atomic<bool>& stopping) {
                  serve_tls(connection, stopping, m_identity, m_settings, m_log);
              },
              address) {}

    std::uint16_t port() const { return m_server.port(); }
    std::string sni() const { return m_log.sni(); }
    std::vector<Botan::X509_Certificate> client_chain() const { return m_log.client_chain(); }

private:
    TlsServerSettings m_settings;
    ServerIdentity m_identity;
    TlsServerLog m_log;
    LoopbackServer m_server;  // last: its thread uses the members above
};

}  // namespace mra::test
