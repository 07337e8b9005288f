#pragma once
// Frames SIP messages out of a TLS byte stream. On a stream the header section ends at the first
// empty line and the body is exactly Content-Length bytes (RFC 3261 §18.3, §7.5). The server is not
// trusted: every bound below is enforced as bytes arrive, so a peer that sends endless headers, a
// huge Content-Length or binary garbage gets a one-line error, never unbounded memory or a hang.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace mra::probe::sip {

struct ReaderLimits {
    std::size_t max_header_bytes = 64 * 1024;  // start line + headers + the empty line
    std::size_t max_header_lines = 200;        // physical lines, folded continuations included
    std::size_t max_body_bytes = 1024 * 1024;
};

enum class FrameStatus {
    need_more,  // no complete message yet
    complete,   // `message` holds one, removed from the buffer
    malformed,  // not SIP (binary, no start line, a bad Content-Length): the stream is unusable
    too_large,  // a bound was exceeded: the stream is unusable
};

struct Frame {
    FrameStatus status = FrameStatus::need_more;
    std::string message;  // complete: start line, headers, empty line and body
    std::string error;    // malformed / too_large: one line naming the problem or the bound
};

class MessageReader {
public:
    explicit MessageReader(ReaderLimits limits = {});

    // Buffers bytes as they arrive: at most max_header_bytes + max_body_bytes + 64 KiB, the rest is
    // dropped and next() says too_large (call next() after every feed and it never comes to that).
    void feed(std::string_view bytes);
    void feed(std::span<const std::uint8_t> bytes);
    // The next complete message, or why there is none. Errors are final: later calls repeat them.
    Frame next();
    // Bytes held that are not yet a complete message (0 between messages).
    std::size_t buffered() const { return m_buffer.size(); }

private:
    Frame fail(FrameStatus status, std::string error);
    Frame scan_headers();
    Frame check_bytes(std::size_t end, bool at_newline);
    Frame check_line(std::string_view line);
    void reset_message_state();

    ReaderLimits m_limits;
    std::string m_buffer;
    bool m_overflowed = false;  // feed() dropped bytes: next() was not called between feeds
    Frame m_error;              // sticky once status is malformed or too_large

    // The message being framed: where its next header line starts, and how far its bytes are checked.
    std::size_t m_scanned = 0;
    std::size_t m_checked = 0;
    std::size_t m_lines = 0;
    bool m_headers_complete = false;
    std::size_t m_header_end = 0;  // offset of the body
    std::size_t m_body_length = 0;
    bool m_have_length = false;
};

}  // namespace mra::probe::sip
