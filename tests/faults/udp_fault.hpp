#pragma once
// What a fault peer does on one UDP port (TURN/STUN 3478): pass each datagram to the real server
// behind it and its answer back, or answer with something else — nothing, garbage, another
// protocol, the largest datagram there is. Handlers for the UdpResponder.

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "tests/probe/turn/udp_responder.hpp"

namespace mra::test::faults {

// Every datagram to `address`:`port` and the first answer within a second back (the real server's
// words, so its STUN answer names the fault peer as the client it saw).
inline UdpResponder::Handler udp_relay(const std::string& address, std::uint16_t port) {
    struct Upstream {
        int fd = -1;
        ~Upstream() {
            if (fd >= 0) ::close(fd);
        }
    };
    auto upstream = std::make_shared<Upstream>();
    addrinfo hints{};
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    if (::getaddrinfo(address.c_str(), std::to_string(port).c_str(), &hints, &found) != 0)
        throw std::invalid_argument("udp_relay: not an address: " + address);
    const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> owned(found, &::freeaddrinfo);
    upstream->fd = ::socket(found->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (upstream->fd < 0 || ::connect(upstream->fd, found->ai_addr, found->ai_addrlen) != 0)
        throw std::runtime_error("udp_relay: cannot reach " + address);
    return [upstream](const UdpRequest& request) {
        ::send(upstream->fd, request.bytes.data(), request.bytes.size(), 0);
        pollfd entry{upstream->fd, POLLIN, 0};
        if (::poll(&entry, 1, 1000) <= 0) return Datagrams{};
        std::vector<std::uint8_t> answer(65536);
        const ssize_t n = ::recv(upstream->fd, answer.data(), answer.size(), 0);
        if (n <= 0) return Datagrams{};
        answer.resize(static_cast<std::size_t>(n));
        return Datagrams{std::move(answer)};
    };
}

// The same datagram in answer to every request (none when empty).
inline UdpResponder::Handler udp_reply(std::vector<std::uint8_t> datagram) {
    return [datagram = std::move(datagram)](const UdpRequest&) {
        return datagram.empty() ? Datagrams{} : Datagrams{datagram};
    };
}

}  // namespace mra::test::faults
