#include "probe/turn/stun.hpp"

#include <arpa/inet.h>
#include <botan/auto_rng.h>
#include <botan/hash.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <utility>

#include "util/one_line.hpp"

namespace mra::probe::turn {

namespace {

constexpr std::uint32_t fingerprint_xor = 0x5354554e;  // "STUN" (§15.5)
constexpr std::size_t attribute_header_size = 4;
constexpr std::string_view software_name = "mra-preflight";

std::uint16_t read16(std::span<const std::uint8_t> bytes, std::size_t at) {
    return static_cast<std::uint16_t>(bytes[at] << 8 | bytes[at + 1]);
}

std::uint32_t read32(std::span<const std::uint8_t> bytes, std::size_t at) {
    return std::uint32_t{read16(bytes, at)} << 16 | read16(bytes, at + 2);
}

void append16(std::vector<std::uint8_t>& out, std::uint16_t value) {
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value));
}

void append32(std::vector<std::uint8_t>& out, std::uint32_t value) {
    append16(out, static_cast<std::uint16_t>(value >> 16));
    append16(out, static_cast<std::uint16_t>(value));
}

// Attribute values are padded to a multiple of four bytes (§15).
std::size_t padded(std::size_t length) {
    return (length + 3) & ~std::size_t{3};
}

// The message length field counts everything after the header (§6).
void set_message_length(std::vector<std::uint8_t>& message, std::size_t length) {
    message[2] = static_cast<std::uint8_t>(length >> 8);
    message[3] = static_cast<std::uint8_t>(length);
}

void append_attribute(std::vector<std::uint8_t>& message, std::uint16_t type, std::span<const std::uint8_t> value) {
    append16(message, type);
    append16(message, static_cast<std::uint16_t>(value.size()));
    message.insert(message.end(), value.begin(), value.end());
    message.resize(header_size + padded(message.size() - header_size), 0);
}

std::string hex(std::uint32_t value, int digits) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%0*x", digits, static_cast<unsigned>(value));
    return text;
}

ParsedDatagram rejected(DatagramKind kind, std::string error) {
    ParsedDatagram parsed;
    parsed.kind = kind;
    parsed.error = std::move(error);
    return parsed;
}

struct DecodedAddress {
    std::string text;   // "ip:port" when decoded
    std::string error;  // else why not
};

// MAPPED-ADDRESS and XOR-MAPPED-ADDRESS share a layout (§15.1, §15.2): reserved byte, family, port,
// address. The XOR form masks the port with the cookie's top half and the address with the header
// bytes 4–19 (cookie, then transaction id for IPv6), so a NAT rewriting addresses it finds in
// payloads leaves it alone.
DecodedAddress decode_address(std::span<const std::uint8_t> value, std::span<const std::uint8_t> header, bool xored,
                              const char* name) {
    if (value.size() < 4) return {"", std::string(name) + " of " + std::to_string(value.size()) + " bytes"};
    const std::uint8_t family = value[1];
    const std::size_t address_size = family == 0x01 ? 4 : family == 0x02 ? 16 : 0;
    if (address_size == 0) return {"", std::string(name) + " has the unknown address family " + hex(family, 2)};
    if (value.size() != 4 + address_size) {
        return {"", std::string(name) + " for IPv" + (family == 0x01 ? "4" : "6") + " of " +
                        std::to_string(value.size()) + " bytes instead of " + std::to_string(4 + address_size)};
    }
    std::uint8_t address[16];
    std::uint16_t port = read16(value, 2);
    for (std::size_t i = 0; i < address_size; ++i) address[i] = value[4 + i] ^ (xored ? header[4 + i] : 0);
    if (xored) port ^= static_cast<std::uint16_t>(magic_cookie >> 16);
    char text[INET6_ADDRSTRLEN];
    ::inet_ntop(family == 0x01 ? AF_INET : AF_INET6, address, text, sizeof text);
    return {format_transport_address(text, port), ""};
}

std::string text_of(std::span<const std::uint8_t> value) {
    return one_line(std::string_view(reinterpret_cast<const char*>(value.data()), value.size()));
}

}  // namespace

TransactionId random_transaction_id() {
    TransactionId id;
    Botan::AutoSeeded_RNG rng;
    rng.randomize(id.data(), id.size());
    return id;
}

std::uint32_t fingerprint_of(std::span<const std::uint8_t> message) {
    const auto crc = Botan::HashFunction::create_or_throw("CRC32");
    crc->update(message.data(), message.size());
    const auto digest = crc->final();  // big-endian, as the attribute carries it
    return read32(digest, 0) ^ fingerprint_xor;
}

std::string format_transport_address(const std::string& ip, std::uint16_t port) {
    // RFC 3986 §3.2.2: an IPv6 literal is bracketed when a port follows.
    const bool v6 = ip.find(':') != std::string::npos;
    return (v6 ? "[" + ip + "]" : ip) + ":" + std::to_string(port);
}

std::vector<std::uint8_t> binding_request(const TransactionId& id, const BindingRequestOptions& options) {
    std::vector<std::uint8_t> message;
    append16(message, binding_request_type);
    append16(message, 0);
    append32(message, magic_cookie);
    message.insert(message.end(), id.begin(), id.end());
    if (options.software) {
        append_attribute(message, attribute::software,
                         std::span(reinterpret_cast<const std::uint8_t*>(software_name.data()), software_name.size()));
    }
    if (options.fingerprint) {
        // The CRC covers the header with a length that already counts the FINGERPRINT (§15.5).
        set_message_length(message, message.size() + attribute_header_size + 4 - header_size);
        std::vector<std::uint8_t> value;
        append32(value, fingerprint_of(message));
        append_attribute(message, attribute::fingerprint, value);
    }
    set_message_length(message, message.size() - header_size);
    return message;
}

ParsedDatagram parse_binding_response(std::span<const std::uint8_t> datagram, const TransactionId& expected) {
    using enum DatagramKind;
    const std::size_t size = datagram.size();
    if (size < header_size) {
        return rejected(malformed, std::to_string(size) + " bytes, shorter than a STUN header (20)");
    }
    if ((datagram[0] & 0xc0) != 0) {
        return rejected(malformed, "the first two bits are not zero: not a STUN message (RFC 5389 §6)");
    }
    if (const std::uint32_t cookie = read32(datagram, 4); cookie != magic_cookie) {
        return rejected(malformed, "magic cookie " + hex(cookie, 8) + " instead of 0x2112a442: not RFC 5389 STUN");
    }
    const std::size_t length = read16(datagram, 2);
    if (length % 4 != 0) {
        return rejected(malformed, "message length " + std::to_string(length) + " is not a multiple of 4");
    }
    if (length != size - header_size) {
        return rejected(malformed, "message length " + std::to_string(length) + " does not match the " +
                                       std::to_string(size - header_size) + " bytes after the header");
    }
    if (!std::equal(expected.begin(), expected.end(), datagram.begin() + 8)) {
        return rejected(other_transaction, "a STUN message for another transaction id");
    }
    const std::uint16_t type = read16(datagram, 0);
    if (type != binding_success_type && type != binding_error_type) {
        return rejected(malformed, "message type " + hex(type, 4) + " is not a Binding response");
    }

    ParsedDatagram parsed;
    parsed.kind = response;
    BindingResponse& out = parsed.response;
    out.success = type == binding_success_type;
    const auto header = datagram.first(header_size);
    bool after_integrity = false;
    for (std::size_t offset = header_size; offset < size;) {
        const std::uint16_t kind = read16(datagram, offset);
        const std::size_t value_size = read16(datagram, offset + 2);
        const std::string where = "attribute " + hex(kind, 4) + " at offset " + std::to_string(offset);
        if (padded(value_size) > size - offset - attribute_header_size) {
            return rejected(malformed, where + " claims " + std::to_string(value_size) + " bytes; only " +
                                           std::to_string(size - offset - attribute_header_size) + " remain");
        }
        const auto value = datagram.subspan(offset + attribute_header_size, value_size);
        if (kind == attribute::fingerprint) {
            if (value_size != 4) return rejected(malformed, "FINGERPRINT of " + std::to_string(value_size) + " bytes");
            if (offset + attribute_header_size + 4 != size) {
                return rejected(malformed, "FINGERPRINT at offset " + std::to_string(offset) +
                                               " is not the last attribute (§15.5)");
            }
            if (read32(value, 0) != fingerprint_of(datagram.first(offset))) {
                return rejected(malformed, "FINGERPRINT does not match the message (§15.5)");
            }
            out.fingerprint = true;
        } else if (after_integrity) {
            // §15.4: everything between MESSAGE-INTEGRITY and FINGERPRINT is ignored.
        } else if (kind == attribute::message_integrity) {
            after_integrity = true;
        } else if (kind == attribute::xor_mapped_address || kind == attribute::mapped_address) {
            const bool xored = kind == attribute::xor_mapped_address;
            std::string& target = xored ? out.xor_mapped_address : out.mapped_address;
            if (target.empty()) {  // §15: only the first of a repeated attribute counts
                auto decoded = decode_address(value, header, xored, xored ? "XOR-MAPPED-ADDRESS" : "MAPPED-ADDRESS");
                if (!decoded.error.empty()) return rejected(malformed, decoded.error);
                target = std::move(decoded.text);
            }
        } else if (kind == attribute::error_code && out.error_code == 0) {
            // §15.6: 21 reserved bits, the class (hundreds, 3–6) in 3 bits, the number (0–99) in 8.
            if (value_size < 4) return rejected(malformed, "ERROR-CODE of " + std::to_string(value_size) + " bytes");
            const int error_class = value[2] & 0x07;
            const int number = value[3];
            if (error_class < 3 || error_class > 6 || number > 99) {
                return rejected(malformed, "ERROR-CODE with class " + std::to_string(error_class) + " and number " +
                                               std::to_string(number) + " (§15.6: class 3–6, number 0–99)");
            }
            out.error_code = error_class * 100 + number;
            out.error_reason = text_of(value.subspan(4));
        } else if (kind == attribute::software && out.software.empty()) {
            out.software = text_of(value);
        }
        offset += attribute_header_size + padded(value_size);
    }
    if (out.success && out.xor_mapped_address.empty() && out.mapped_address.empty()) {
        return rejected(malformed, "a Binding success response without XOR-MAPPED-ADDRESS or MAPPED-ADDRESS");
    }
    if (!out.success && out.error_code == 0) {
        return rejected(malformed, "a Binding error response without ERROR-CODE");
    }
    return parsed;
}

}  // namespace mra::probe::turn
