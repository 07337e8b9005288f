#pragma once
// A UDP server on loopback for the TURN probe tests: every datagram that arrives is handed to a
// Handler, whose replies (none, one, or several: garbage first, say) go back to the sender.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "probe/turn/stun.hpp"
#include "tests/probe/turn/stun_messages.hpp"

namespace mra::test {

struct UdpRequest {
    std::span<const std::uint8_t> bytes;
    std::string from;  // "127.0.0.1:40000", "[::1]:40000"
    std::string ip;
    std::uint16_t port = 0;
    int index = 0;  // 0 for the first datagram this server received
};

using Datagrams = std::vector<std::vector<std::uint8_t>>;

class UdpResponder {
public:
    using Handler = std::function<Datagrams(const UdpRequest&)>;

    // On `address` and `port` (0: an ephemeral one).
    explicit UdpResponder(Handler handler, const std::string& address = "127.0.0.1", std::uint16_t port = 0)
        : m_handler(std::move(handler)) {
        m_v6 = address.find(':') != std::string::npos;
        m_fd = ::socket(m_v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0) throw std::runtime_error("socket: cannot create");
        sockaddr_storage storage{};
        socklen_t length = bind_address(address, port, storage);
        if (::bind(m_fd, reinterpret_cast<sockaddr*>(&storage), length) != 0 ||
            ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&storage), &length) != 0) {
            ::close(m_fd);
            throw std::runtime_error("cannot bind UDP on " + address);
        }
        m_port = ntohs(m_v6 ? reinterpret_cast<sockaddr_in6*>(&storage)->sin6_port
                            : reinterpret_cast<sockaddr_in*>(&storage)->sin_port);
        m_thread = std::thread([this] { run(); });
    }
    ~UdpResponder() {
        m_stopping = true;
        m_thread.join();
        if (m_fd >= 0) ::close(m_fd);
    }
    UdpResponder(const UdpResponder&) = delete;
    UdpResponder& operator=(const UdpResponder&) = delete;

    std::uint16_t port() const { return m_port; }
    int requests() const { return m_requests; }
    // Closes the port, as a server that has died: later datagrams draw an ICMP port unreachable.
    // From another thread it returns once the port is closed.
    void die() {
        m_dying = true;
        if (std::this_thread::get_id() == m_thread.get_id()) return;
        std::unique_lock lock(m_mutex);
        m_died.wait(lock, [this] { return m_fd < 0; });
    }

private:
    socklen_t bind_address(const std::string& address, std::uint16_t port, sockaddr_storage& storage) const {
        if (m_v6) {
            auto* in6 = reinterpret_cast<sockaddr_in6*>(&storage);
            in6->sin6_family = AF_INET6;
            in6->sin6_port = htons(port);
            ::inet_pton(AF_INET6, address.c_str(), &in6->sin6_addr);
            return sizeof(sockaddr_in6);
        }
        auto* in4 = reinterpret_cast<sockaddr_in*>(&storage);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(port);
        ::inet_pton(AF_INET, address.c_str(), &in4->sin_addr);
        return sizeof(sockaddr_in);
    }

    void run() {
        std::vector<std::uint8_t> buffer(65536);
        while (!m_stopping) {
            if (m_dying && m_fd >= 0) {
                std::lock_guard lock(m_mutex);
                ::close(m_fd);
                m_fd = -1;
                m_died.notify_all();
            }
            pollfd entry{m_fd, POLLIN, 0};
            if (::poll(&entry, 1, 20) <= 0) continue;
            sockaddr_storage from{};
            socklen_t length = sizeof from;
            const ssize_t n =
                ::recvfrom(m_fd, buffer.data(), buffer.size(), 0, reinterpret_cast<sockaddr*>(&from), &length);
            if (n < 0) continue;
            UdpRequest request;
            request.bytes = std::span(buffer.data(), static_cast<std::size_t>(n));
            char ip[INET6_ADDRSTRLEN] = {};
            if (from.ss_family == AF_INET6) {
                const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&from);
                ::inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof ip);
                request.port = ntohs(in6->sin6_port);
            } else {
                const auto* in4 = reinterpret_cast<const sockaddr_in*>(&from);
                ::inet_ntop(AF_INET, &in4->sin_addr, ip, sizeof ip);
                request.port = ntohs(in4->sin_port);
            }
            request.ip = ip;
            request.from = probe::turn::format_transport_address(request.ip, request.port);
            request.index = m_requests++;
            for (const auto& reply : m_handler(request)) {
                ::sendto(m_fd, reply.data(), reply.size(), 0, reinterpret_cast<sockaddr*>(&from), length);
            }
        }
    }

    Handler m_handler;
    bool m_v6 = false;
    int m_fd = -1;
    std::uint16_t m_port = 0;
    std::atomic<int> m_requests{0};
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_dying{false};
    std::mutex m_mutex;  // guards m_fd's closing, for die()
    std::condition_variable m_died;
    std::thread m_thread;  // last: starts once everything it uses exists
};

// What a STUN server answers to a Binding request: where it saw the request come from.
inline std::vector<std::uint8_t> binding_success(const UdpRequest& request, const std::string& software = "test-stun") {
    return StunMessage(probe::turn::binding_success_type, transaction_of(request.bytes))
        .software(software)
        .address(request.ip, request.port)
        .fingerprint()
        .bytes();
}

inline UdpResponder::Handler stun_server() {
    return [](const UdpRequest& request) { return Datagrams{binding_success(request)}; };
}

}  // namespace mra::test
