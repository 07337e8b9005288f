#include "probe/sip/message_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <utility>

#include "util/text.hpp"

namespace mra::probe::sip {

namespace {

constexpr std::string_view sip_version = "SIP/2.0 ";

// "64 KiB", "1 MiB", "200 bytes": the bounds as the errors name them.
std::string describe_size(std::size_t bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return std::to_string(bytes / (1024 * 1024)) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KiB";
    return std::to_string(bytes) + " bytes";
}

// RFC 3261 §25.1 token characters (method names, header names).
bool is_token_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
           std::string_view("-.!%*_+`'~").find(c) != std::string_view::npos;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

// The start of a line for an error message, quoted; control bytes never reach the report.
std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (const char c : text.substr(0, 60)) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? '?' : c;
    }
    return out + (text.size() > 60 ? "…\"" : "\"");
}

// Could the first bytes of a message, its start line still incomplete, begin a status line
// "SIP/2.0 200 OK" or a request line "OPTIONS sip:… SIP/2.0"? Decided as early as the bytes allow,
// so that garbage fails fast instead of filling the header bound.
bool plausible_start(std::string_view start) {
    constexpr std::size_t longest_method = 32;
    const auto shared = std::min(start.size(), sip_version.size());
    if (start.substr(0, shared) == sip_version.substr(0, shared)) return true;
    start = start.substr(0, longest_method + 1);
    const auto method_end = std::find_if_not(start.begin(), start.end(), is_token_char);
    if (method_end == start.begin()) return false;
    return method_end == start.end() ? start.size() <= longest_method : *method_end == ' ';
}

bool valid_start_line(std::string_view line) {
    if (line.substr(0, sip_version.size()) == sip_version) {
        const auto code = line.substr(sip_version.size());
        return code.size() >= 3 && is_digit(code[0]) && is_digit(code[1]) && is_digit(code[2]) &&
               (code.size() == 3 || code[3] == ' ');
    }
    // Method SP Request-URI SP SIP-Version (RFC 3261 §7.1)
    const auto first_space = line.find(' ');
    const auto last_space = line.rfind(' ');
    return first_space != std::string_view::npos && last_space > first_space + 1 &&
           line.substr(last_space + 1) == "SIP/2.0";
}

}  // namespace

MessageReader::MessageReader(ReaderLimits limits) : m_limits(limits) {}

void MessageReader::feed(std::string_view bytes) {
    // One message at its bounds, plus the start of the next one read with it.
    const std::size_t capacity = m_limits.max_header_bytes + m_limits.max_body_bytes + 64 * 1024;
    const std::size_t room = capacity > m_buffer.size() ? capacity - m_buffer.size() : 0;
    if (bytes.size() > room) {
        m_overflowed = true;
        bytes = bytes.substr(0, room);
    }
    m_buffer.append(bytes);
}

void MessageReader::feed(std::span<const std::uint8_t> bytes) {
    feed(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

Frame MessageReader::fail(FrameStatus status, std::string error) {
    m_error = {status, {}, std::move(error)};
    m_buffer.clear();
    m_buffer.shrink_to_fit();
    return m_error;
}

void MessageReader::reset_message_state() {
    m_scanned = 0;
    m_checked = 0;
    m_lines = 0;
    m_headers_complete = false;
    m_header_end = 0;
    m_body_length = 0;
    m_have_length = false;
}

Frame MessageReader::next() {
    if (m_error.status != FrameStatus::need_more) return m_error;
    if (!m_headers_complete) {
        if (m_scanned == 0) {
            // CRLF keep-alives may come between messages on a stream (RFC 5626 §3.5.1).
            m_buffer.erase(0, std::min(m_buffer.find_first_not_of("\r\n"), m_buffer.size()));
        }
        if (Frame frame = scan_headers(); frame.status != FrameStatus::need_more) return frame;
    }
    if (!m_headers_complete || m_buffer.size() - m_header_end < m_body_length) {
        if (m_overflowed) {
            return fail(FrameStatus::too_large,
                        "SIP reader buffer exceeds " + describe_size(m_buffer.size()) + " without a complete message");
        }
        return {};
    }
    Frame frame{FrameStatus::complete, m_buffer.substr(0, m_header_end + m_body_length), {}};
    m_buffer.erase(0, m_header_end + m_body_length);
    reset_message_state();
    return frame;
}

// Scans the header bytes that have arrived since the last call; sets m_headers_complete at the
// empty line. Every byte is looked at once, so feeding a byte at a time stays linear.
Frame MessageReader::scan_headers() {
    const std::string header_bound = "SIP header section exceeds " + describe_size(m_limits.max_header_bytes);
    for (;;) {
        const auto newline = m_buffer.find('\n', m_checked);
        if (Frame frame =
                check_bytes(newline == std::string::npos ? m_buffer.size() : newline, newline != std::string::npos);
            frame.status != FrameStatus::need_more) {
            return frame;
        }
        if (newline == std::string::npos) {
            if (m_scanned == 0 && !plausible_start(m_buffer)) {
                return fail(FrameStatus::malformed, "not a SIP message: it starts with " + quoted(m_buffer));
            }
            if (m_buffer.size() > m_limits.max_header_bytes) return fail(FrameStatus::too_large, header_bound);
            return {};
        }
        if (newline + 1 > m_limits.max_header_bytes) return fail(FrameStatus::too_large, header_bound);
        std::string_view line = std::string_view(m_buffer).substr(m_scanned, newline - m_scanned);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) {
            m_headers_complete = true;
            m_header_end = newline + 1;
            return {};
        }
        if (++m_lines > m_limits.max_header_lines) {
            return fail(FrameStatus::too_large,
                        "SIP header section exceeds " + std::to_string(m_limits.max_header_lines) + " lines");
        }
        if (Frame frame = check_line(line); frame.status != FrameStatus::need_more) return frame;
        m_scanned = newline + 1;
        m_checked = m_scanned;
    }
}

// Header bytes from m_checked up to `end` (a line end when `at_newline`): text only. A CR counts as
// a line end only right before LF: oSIP would split a line at a bare CR where this reader does not.
Frame MessageReader::check_bytes(std::size_t end, bool at_newline) {
    for (; m_checked < end; ++m_checked) {
        const auto c = static_cast<unsigned char>(m_buffer[m_checked]);
        if (c == '\r' && m_checked + 1 == end) {
            if (!at_newline) return {};  // its LF may be in the next read
            continue;
        }
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", c);
            return fail(FrameStatus::malformed,
                        std::string("not a SIP message: byte ") + hex + " in the header section after " +
                            quoted(std::string_view(m_buffer).substr(m_scanned, m_checked - m_scanned)));
        }
    }
    return {};
}

// One complete header-section line, without its line end.
Frame MessageReader::check_line(std::string_view line) {
    if (m_scanned == 0) {
        if (!valid_start_line(line))
            return fail(FrameStatus::malformed, "not a SIP message: it starts with " + quoted(line));
        return {};
    }
    if (line.front() == ' ' || line.front() == '\t') return {};  // folded: continues the header above

    const auto colon = line.find(':');
    const auto name = colon == std::string_view::npos ? std::string_view() : trim(line.substr(0, colon));
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char)) {
        return fail(FrameStatus::malformed, "not a SIP header line: " + quoted(line));
    }
    // RFC 3261 §7.3.3 compact form "l".
    if (!equal_ignoring_case(name, "Content-Length") && !equal_ignoring_case(name, "l")) return {};
    const auto value = trim(line.substr(colon + 1));
    if (value.empty() || !std::all_of(value.begin(), value.end(), is_digit)) {
        return fail(FrameStatus::malformed, (value.starts_with('-') ? "SIP Content-Length is negative: "
                                                                    : "SIP Content-Length is not a number: ") +
                                                quoted(value));
    }
    std::size_t length = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (error != std::errc() || end != value.data() + value.size() || length > m_limits.max_body_bytes) {
        return fail(FrameStatus::too_large, "SIP body of " + std::string(value.substr(0, 20)) +
                                                (value.size() > 20 ? "…" : "") + " bytes exceeds " +
                                                describe_size(m_limits.max_body_bytes));
    }
    if (m_have_length && length != m_body_length) {
        // Which one frames the stream? Neither can be trusted (RFC 3261 §7.3.1 allows one value).
        return fail(FrameStatus::malformed, "SIP message with two different Content-Length values");
    }
    m_have_length = true;
    m_body_length = length;
    return {};
}

}  // namespace mra::probe::sip
