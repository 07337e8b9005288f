#pragma once
// STUN messages as a server would write them (RFC 5389 §6, §15), for the TURN probe tests: the probe
// itself only ever builds requests. Deliberately plain, so that a test can also build the broken ones.

#include <arpa/inet.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "probe/turn/stun.hpp"

namespace mra::test {

class StunMessage {
public:
    StunMessage(std::uint16_t type, const probe::turn::TransactionId& id,
                std::uint32_t cookie = probe::turn::magic_cookie) {
        append16(type);
        append16(0);
        append16(static_cast<std::uint16_t>(cookie >> 16));
        append16(static_cast<std::uint16_t>(cookie));
        m_bytes.insert(m_bytes.end(), id.begin(), id.end());
    }

    // XOR-MAPPED-ADDRESS (or MAPPED-ADDRESS when `xored` is false) of an IPv4 or IPv6 literal.
    StunMessage& address(const std::string& ip, std::uint16_t port, bool xored = true) {
        const bool v6 = ip.find(':') != std::string::npos;
        std::uint8_t raw[16];
        ::inet_pton(v6 ? AF_INET6 : AF_INET, ip.c_str(), raw);
        std::vector<std::uint8_t> value{0, static_cast<std::uint8_t>(v6 ? 2 : 1)};
        const std::uint16_t mask = xored ? static_cast<std::uint16_t>(probe::turn::magic_cookie >> 16) : 0;
        value.push_back(static_cast<std::uint8_t>((port ^ mask) >> 8));
        value.push_back(static_cast<std::uint8_t>(port ^ mask));
        for (std::size_t i = 0; i < (v6 ? 16u : 4u); ++i) value.push_back(raw[i] ^ (xored ? m_bytes[4 + i] : 0));
        return attribute(xored ? probe::turn::attribute::xor_mapped_address : probe::turn::attribute::mapped_address,
                         value);
    }

    StunMessage& error_code(int code, const std::string& reason) {
        std::vector<std::uint8_t> value{0, 0, static_cast<std::uint8_t>(code / 100),
                                        static_cast<std::uint8_t>(code % 100)};
        value.insert(value.end(), reason.begin(), reason.end());
        return attribute(probe::turn::attribute::error_code, value);
    }

    StunMessage& software(const std::string& name) {
        return attribute(probe::turn::attribute::software, std::vector<std::uint8_t>(name.begin(), name.end()));
    }

    StunMessage& fingerprint() {
        set_length(m_bytes.size() + 8 - probe::turn::header_size);
        const std::uint32_t crc = probe::turn::fingerprint_of(m_bytes);
        return attribute(probe::turn::attribute::fingerprint,
                         {static_cast<std::uint8_t>(crc >> 24), static_cast<std::uint8_t>(crc >> 16),
                          static_cast<std::uint8_t>(crc >> 8), static_cast<std::uint8_t>(crc)});
    }

    // Any attribute, padded to four bytes with zeros.
    StunMessage& attribute(std::uint16_t type, const std::vector<std::uint8_t>& value) {
        append16(type);
        append16(static_cast<std::uint16_t>(value.size()));
        m_bytes.insert(m_bytes.end(), value.begin(), value.end());
        while (m_bytes.size() % 4 != 0) m_bytes.push_back(0);
        set_length(m_bytes.size() - probe::turn::header_size);
        return *this;
    }

    const std::vector<std::uint8_t>& bytes() const { return m_bytes; }

private:
    void append16(std::uint16_t value) {
        m_bytes.push_back(static_cast<std::uint8_t>(value >> 8));
        m_bytes.push_back(static_cast<std::uint8_t>(value));
    }
    void set_length(std::size_t length) {
        m_bytes[2] = static_cast<std::uint8_t>(length >> 8);
        m_bytes[3] = static_cast<std::uint8_t>(length);
    }

    std::vector<std::uint8_t> m_bytes;
};

// The transaction id of a request (bytes 8–19), for a server answering it.
inline probe::turn::TransactionId transaction_of(std::span<const std::uint8_t> request) {
    probe::turn::TransactionId id{};
    if (request.size() >= probe::turn::header_size) std::copy(request.begin() + 8, request.begin() + 20, id.begin());
    return id;
}

}  // namespace mra::test
