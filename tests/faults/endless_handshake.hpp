#pragma once
// A TLS server's answer to the ClientHello that never ends (an enormous body, in the handshake): a
// handshake record opening a Certificate message of 16 MiB - 1 bytes, the most its 24-bit length
// can announce (RFC 5246 §7.4), then handshake records of filler for as long as the client reads.
// Well-formed as far as the record layer can tell: only the size is wrong.

#include <cstddef>
#include <string>

#include "tests/faults/tcp_fault.hpp"

namespace mra::test::faults {

inline Source endless_handshake_message() {
    constexpr std::size_t record_length = 16384;  // the largest plaintext record, RFC 5246 §6.2.1
    // Content type handshake (22), TLS 1.2 (3, 3), the length.
    const std::string record_header{'\x16', '\x03', '\x03', static_cast<char>(record_length >> 8),
                                    static_cast<char>(record_length & 0xff)};
    // Handshake type certificate (11), length 0xffffff.
    const std::string message_header{'\x0b', '\xff', '\xff', '\xff'};
    return endless(record_header + message_header + std::string(record_length - message_header.size(), 'x'),
                   record_header + std::string(record_length, 'x'));
}

}  // namespace mra::test::faults
