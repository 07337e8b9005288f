#pragma once
// Real TCP servers on loopback for the probe tests: a listener on an ephemeral port, and a server
// whose accepted connections are handled one at a time in a thread of its own. The handlers below
// are the misbehaviours the probes must survive (silence, reset, a non-TLS answer); the TLS, SIP and
// XMPP test servers build on the same class.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "probe/net/connection.hpp"
#include "util/deadline.hpp"

namespace mra::test {

using namespace std::chrono_literals;

// A bound, listening socket on `address` (a literal) and `port` (0: an ephemeral one); never accepts
// by itself. With backlog 0 the kernel queues one connection and then drops further SYNs (Linux
// tcp_conn_request: the accept queue is full), which is how the tests make a connect time out.
class Listener {
public:
    explicit Listener(const std::string& address = "127.0.0.1", int backlog = 16, std::uint16_t port = 0) {
        const bool v6 = address.find(':') != std::string::npos;
        m_fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0) throw std::runtime_error("socket: cannot create");
        const int one = 1;
        ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_storage storage{};
        socklen_t length = 0;
        if (v6) {
            auto* in6 = reinterpret_cast<sockaddr_in6*>(&storage);
            in6->sin6_family = AF_INET6;
            in6->sin6_port = htons(port);
            ::inet_pton(AF_INET6, address.c_str(), &in6->sin6_addr);
            length = sizeof(sockaddr_in6);
        } else {
            auto* in4 = reinterpret_cast<sockaddr_in*>(&storage);
            in4->sin_family = AF_INET;
            in4->sin_port = htons(port);
            ::inet_pton(AF_INET, address.c_str(), &in4->sin_addr);
            length = sizeof(sockaddr_in);
        }
        if (::bind(m_fd, reinterpret_cast<sockaddr*>(&storage), length) != 0 || ::listen(m_fd, backlog) != 0 ||
            ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&storage), &length) != 0) {
            ::close(m_fd);
            throw std::runtime_error("cannot listen on " + address + ":" + std::to_string(port));
        }
        m_port = ntohs(v6 ? reinterpret_cast<sockaddr_in6*>(&storage)->sin6_port
                          : reinterpret_cast<sockaddr_in*>(&storage)->sin_port);
        m_address = address;
    }
    ~Listener() { close(); }
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;

    int fd() const { return m_fd; }
    std::uint16_t port() const { return m_port; }
    // From now on connections to the port are refused, as to a server that has died.
    void close() {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = -1;
    }
    const std::string& address() const { return m_address; }

private:
    int m_fd = -1;
    std::uint16_t m_port = 0;
    std::string m_address;
};

// A port on which nothing listens: bound once to get a free one, then closed.
inline std::uint16_t closed_port() {
    Listener probe;
    return probe.port();
}

// Serves every accepted connection with `handler`, in order, until destroyed. The handler gets the
// connection and a flag that turns true when the server is being destroyed; it must return soon then.
class LoopbackServer {
public:
    using Handler = std::function<void(probe::net::Connection&, const std::atomic<bool>& stopping)>;

    explicit LoopbackServer(Handler handler, const std::string& address = "127.0.0.1", std::uint16_t port = 0)
        : m_listener(address, 16, port), m_handler(std::move(handler)), m_thread([this] { run(); }) {}
    ~LoopbackServer() {
        m_stopping = true;
        m_thread.join();
    }
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    std::uint16_t port() const { return m_listener.port(); }
    const std::string& address() const { return m_listener.address(); }
    // Stops accepting, as a server that has died: connections not yet accepted are reset, later ones
    // refused. From the handler it takes effect once the handler has returned; from another thread
    // it returns once the port is closed.
    void die() {
        m_dying = true;
        if (std::this_thread::get_id() == m_thread.get_id()) return;
        std::unique_lock lock(m_mutex);
        m_died.wait(lock, [this] { return m_listener.fd() < 0; });
    }

private:
    void run() {
        while (!m_stopping) {
            if (m_dying && m_listener.fd() >= 0) {
                std::lock_guard lock(m_mutex);
                m_listener.close();
                m_died.notify_all();
            }
            pollfd entry{m_listener.fd(), POLLIN, 0};
            if (::poll(&entry, 1, 20) <= 0) continue;
            const int fd = ::accept4(m_listener.fd(), nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) continue;
            probe::net::Connection connection(fd, "client", 0);
            m_handler(connection, m_stopping);
        }
    }

    Listener m_listener;
    Handler m_handler;
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_dying{false};
    std::mutex m_mutex;  // guards the listener's closing, for die()
    std::condition_variable m_died;
    std::thread m_thread;  // last: starts once everything it uses exists
};

// Reads until the client closes, the server stops, or `limit` passes; returns what it read.
inline std::vector<std::uint8_t> drain(probe::net::Connection& connection, const std::atomic<bool>& stopping,
                                       std::chrono::milliseconds limit = 30s) {
    std::vector<std::uint8_t> all;
    const Deadline end(limit);
    while (!stopping && !end.expired()) {
        const auto received = connection.receive_some(end.within(20ms));
        if (received.status.error == probe::net::NetError::timeout) continue;
        if (!received.status.ok() || received.bytes.empty()) break;
        all.insert(all.end(), received.bytes.begin(), received.bytes.end());
    }
    return all;
}

// Closes so that the kernel sends RST instead of FIN (SO_LINGER with a zero timeout).
inline void reset(probe::net::Connection& connection) {
    const linger abortive{1, 0};
    ::setsockopt(connection.native_handle(), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    connection.close();
}

// Accepts and reads, never answers: a TLS server that does not answer the ClientHello.
inline LoopbackServer::Handler silent() {
    return [](probe::net::Connection& connection, const std::atomic<bool>& stopping) { drain(connection, stopping); };
}

// Reads the first bytes (a ClientHello), then resets the connection.
inline LoopbackServer::Handler reset_after_first_read() {
    return [](probe::net::Connection& connection, const std::atomic<bool>&) {
        connection.receive_some(Deadline(5s));
        reset(connection);
    };
}

// Reads the first bytes, answers with `reply`, and closes in order once the client has.
inline LoopbackServer::Handler reply_after_first_read(std::string reply) {
    return [reply = std::move(reply)](probe::net::Connection& connection, const std::atomic<bool>& stopping) {
        connection.receive_some(Deadline(5s));
        connection.send_all(reply, Deadline(5s));
        // Half-close and wait: closing with unread input would turn the FIN into an RST and could
        // discard the reply before the client reads it (RFC 1122 §4.2.2.13).
        ::shutdown(connection.native_handle(), SHUT_WR);
        drain(connection, stopping, 5s);
    };
}

// Sends back whatever arrives until the client closes.
inline LoopbackServer::Handler echo() {
    return [](probe::net::Connection& connection, const std::atomic<bool>& stopping) {
        const Deadline end(30s);
        while (!stopping && !end.expired()) {
            const auto received = connection.receive_some(end.within(20ms));
            if (received.status.error == probe::net::NetError::timeout) continue;
            if (!received.status.ok() || received.bytes.empty()) break;
            connection.send_all(received.bytes, end);
        }
    };
}

}  // namespace mra::test
