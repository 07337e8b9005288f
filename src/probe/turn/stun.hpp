#pragma once
// STUN messages (RFC 5389) for the TURN probe: a Binding request, and the parse of what comes back.
// Pure functions over bytes, no I/O. The parser trusts nothing in a datagram: every length is
// checked against what arrived, and anything that is not a well-formed Binding response for our
// transaction is rejected with a one-line reason.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace mra::probe::turn {

inline constexpr std::uint32_t magic_cookie = 0x2112A442;  // RFC 5389 §6
inline constexpr std::size_t header_size = 20;
inline constexpr std::uint16_t binding_request_type = 0x0001;
inline constexpr std::uint16_t binding_success_type = 0x0101;
inline constexpr std::uint16_t binding_error_type = 0x0111;

// The attributes the probe reads or writes (RFC 5389 §18.2).
namespace attribute {
inline constexpr std::uint16_t mapped_address = 0x0001;
inline constexpr std::uint16_t message_integrity = 0x0008;
inline constexpr std::uint16_t error_code = 0x0009;
inline constexpr std::uint16_t xor_mapped_address = 0x0020;
inline constexpr std::uint16_t software = 0x8022;
inline constexpr std::uint16_t fingerprint = 0x8028;
}  // namespace attribute

using TransactionId = std::array<std::uint8_t, 12>;

// 96 bits from Botan's AutoSeeded_RNG: RFC 5389 §6 wants them "uniformly and randomly chosen", so
// that an off-path attacker cannot forge an answer. May throw if the system RNG fails.
TransactionId random_transaction_id();

struct BindingRequestOptions {
    bool software = true;     // SOFTWARE "mra-preflight" (§15.10): names us in the server's logs
    bool fingerprint = true;  // FINGERPRINT (§15.5): lets a server tell STUN from other traffic on the port
};

// A Binding request without credentials: a TURN server answers it as a plain STUN server.
std::vector<std::uint8_t> binding_request(const TransactionId& id, const BindingRequestOptions& options = {});

// The FINGERPRINT value of the message bytes before that attribute, whose header length field already
// counts it: CRC-32 (ISO 3309) XOR 0x5354554e (§15.5).
std::uint32_t fingerprint_of(std::span<const std::uint8_t> message);

// "192.0.2.1:32853", "[2001:db8::1]:32853"
std::string format_transport_address(const std::string& ip, std::uint16_t port);

struct BindingResponse {
    bool success = false;            // 0x0101; otherwise an error response, 0x0111
    std::string xor_mapped_address;  // XOR-MAPPED-ADDRESS (§15.2) as "ip:port", empty when absent
    std::string mapped_address;      // MAPPED-ADDRESS (§15.1, RFC 3489 servers), empty when absent
    int error_code = 0;              // ERROR-CODE (§15.6): class × 100 + number, 300–699
    std::string error_reason;        // its reason phrase, one line
    std::string software;            // SOFTWARE, one line
    bool fingerprint = false;        // a FINGERPRINT was present (and matched: a mismatch is malformed)
};

enum class DatagramKind {
    response,           // a well-formed Binding response to our transaction
    other_transaction,  // well-formed STUN, but not our transaction id: to be ignored (§7.3)
    malformed,          // not STUN, or a STUN message this probe must not believe
};

struct ParsedDatagram {
    DatagramKind kind = DatagramKind::malformed;
    BindingResponse response;  // kind == response
    std::string error;         // kind != response: why, one line
};

ParsedDatagram parse_binding_response(std::span<const std::uint8_t> datagram, const TransactionId& expected);

}  // namespace mra::probe::turn
