#include "probe/sip/message_reader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace sip = mra::probe::sip;
using sip::FrameStatus;

namespace {

const std::string ok_200 =
    "SIP/2.0 200 OK\r\n"
    "Via: SIP/2.0/TLS 192.0.2.10:49256;branch=z9hG4bKabc;rport=49256\r\n"
    "Call-ID: 1@192.0.2.10\r\n"
    "CSeq: 1 OPTIONS\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

std::string with_body(const std::string& body) {
    return "SIP/2.0 200 OK\r\nCall-ID: 1@h\r\nCSeq: 1 SERVICE\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n\r\n" + body;
}

sip::Frame frame_of(const std::string& bytes) {
    sip::MessageReader reader;
    reader.feed(bytes);
    return reader.next();
}

// Feeds `source` in chunks until the reader decides; returns the decision and how much it took.
struct Fed {
    sip::Frame frame;
    std::size_t bytes_fed = 0;
    std::size_t max_buffered = 0;
};

template <typename Source>
Fed feed_until_decided(sip::MessageReader& reader, Source next_chunk, std::size_t total) {
    Fed fed;
    while (fed.bytes_fed < total) {
        const std::string chunk = next_chunk(fed.bytes_fed);
        reader.feed(chunk);
        fed.bytes_fed += chunk.size();
        fed.max_buffered = std::max(fed.max_buffered, reader.buffered());
        fed.frame = reader.next();
        if (fed.frame.status != FrameStatus::need_more) break;
    }
    return fed;
}

}  // namespace

TEST_CASE("sip reader: one complete message, and the same fed a byte at a time") {
    const auto frame = frame_of(ok_200);
    CHECK(frame.status == FrameStatus::complete);
    CHECK(frame.message == ok_200);

    sip::MessageReader reader;
    for (std::size_t i = 0; i + 1 < ok_200.size(); ++i) {
        reader.feed(ok_200.substr(i, 1));
        REQUIRE(reader.next().status == FrameStatus::need_more);
    }
    reader.feed(ok_200.substr(ok_200.size() - 1));
    const auto last = reader.next();
    CHECK(last.status == FrameStatus::complete);
    CHECK(last.message == ok_200);
    CHECK(reader.buffered() == 0);
}

TEST_CASE("sip reader: truncated input waits for more, it is not an error") {
    sip::MessageReader reader;
    reader.feed(ok_200.substr(0, ok_200.size() - 2));  // the final CRLF is missing
    CHECK(reader.next().status == FrameStatus::need_more);
    CHECK(reader.buffered() == ok_200.size() - 2);
    reader.feed("\r\n");
    CHECK(reader.next().status == FrameStatus::complete);
}

TEST_CASE("sip reader: the body is exactly Content-Length bytes, split across reads or not") {
    const std::string body = "<xml>body split across reads</xml>";
    const std::string message = with_body(body);
    sip::MessageReader reader;
    reader.feed(message.substr(0, message.size() - 10));
    CHECK(reader.next().status == FrameStatus::need_more);
    reader.feed(message.substr(message.size() - 10));
    const auto frame = reader.next();
    REQUIRE(frame.status == FrameStatus::complete);
    CHECK(frame.message == message);

    SUBCASE("compact l:") {
        const std::string compact = "SIP/2.0 200 OK\r\nl: 4\r\n\r\nbodyEXTRA";
        sip::MessageReader compact_reader;
        compact_reader.feed(compact);
        CHECK(compact_reader.next().message == "SIP/2.0 200 OK\r\nl: 4\r\n\r\nbody");
        CHECK(compact_reader.buffered() == 5);  // "EXTRA" starts the next message
    }
    SUBCASE("a body with binary bytes and blank lines is not looked into") {
        const std::string binary("\r\n\r\n\x00\x01\xff", 7);
        const auto binary_frame = frame_of(with_body(binary));
        CHECK(binary_frame.status == FrameStatus::complete);
        CHECK(binary_frame.message.ends_with(binary));
    }
}

TEST_CASE("sip reader: two messages in one read, with CRLF keep-alives between them") {
    sip::MessageReader reader;
    reader.feed(ok_200 + "\r\n\r\n" + with_body("abc") + "\r\n");
    const auto first = reader.next();
    CHECK(first.status == FrameStatus::complete);
    CHECK(first.message == ok_200);
    const auto second = reader.next();
    CHECK(second.status == FrameStatus::complete);
    CHECK(second.message == with_body("abc"));
    CHECK(reader.next().status == FrameStatus::need_more);
    CHECK(reader.buffered() == 0);
}

TEST_CASE("sip reader: bare LF line ends are tolerated") {
    const std::string lf = "SIP/2.0 200 OK\nCall-ID: 1@h\nContent-Length: 2\n\nhi";
    const auto frame = frame_of(lf);
    CHECK(frame.status == FrameStatus::complete);
    CHECK(frame.message == lf);
}

TEST_CASE("sip reader: folded header lines are one header, not a missing colon") {
    const std::string folded =
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS 192.0.2.10:1\r\n ;branch=z9hG4bKx\r\nContent-Length: 0\r\n\r\n";
    CHECK(frame_of(folded).status == FrameStatus::complete);
}

TEST_CASE("sip reader: a 10 MB header section stops at the 64 KiB bound, fed in chunks") {
    const std::size_t total = 10 * 1024 * 1024;
    const std::string start = "SIP/2.0 200 OK\r\nX-Filler: ";
    sip::MessageReader reader;
    const auto fed = feed_until_decided(
        reader,
        [&](std::size_t offset) {
            return offset == 0 ? start + std::string(16 * 1024 - start.size(), 'a') : std::string(16 * 1024, 'a');
        },
        total);
    CHECK(fed.frame.status == FrameStatus::too_large);
    CHECK(fed.frame.error == "SIP header section exceeds 64 KiB");
    CHECK(fed.bytes_fed <= 64 * 1024 + 16 * 1024);
    CHECK(fed.max_buffered <= 64 * 1024 + 16 * 1024);
    CHECK(reader.buffered() == 0);  // released
    // Final: more bytes change nothing.
    reader.feed(ok_200);
    CHECK(reader.next().error == "SIP header section exceeds 64 KiB");

    SUBCASE("the same in many short lines") {
        sip::MessageReader lines_reader;
        const auto lines = feed_until_decided(
            lines_reader,
            [&](std::size_t offset) {
                return offset == 0 ? std::string("SIP/2.0 200 OK\r\n") : std::string("X: y\r\n");
            },
            total);
        CHECK(lines.frame.status == FrameStatus::too_large);
        CHECK(lines.frame.error == "SIP header section exceeds 200 lines");
    }
}

TEST_CASE("sip reader: no line end at all") {
    SUBCASE("a plausible status line that never ends") {
        sip::MessageReader reader;
        const auto fed = feed_until_decided(
            reader,
            [](std::size_t offset) { return offset == 0 ? std::string("SIP/2.0 200 ") : std::string(4096, 'O'); },
            1024 * 1024);
        CHECK(fed.frame.status == FrameStatus::too_large);
        CHECK(fed.frame.error == "SIP header section exceeds 64 KiB");
    }
    SUBCASE("a run of letters is no method name") {
        const auto frame = frame_of(std::string(100, 'A'));
        CHECK(frame.status == FrameStatus::malformed);
        CHECK(frame.error.starts_with("not a SIP message: it starts with \"AAAA"));
    }
}

TEST_CASE("sip reader: Content-Length that cannot be trusted") {
    const auto with_length = [](const std::string& value) {
        return frame_of("SIP/2.0 200 OK\r\nContent-Length: " + value + "\r\n\r\n");
    };
    SUBCASE("negative") {
        const auto frame = with_length("-1");
        CHECK(frame.status == FrameStatus::malformed);
        CHECK(frame.error == "SIP Content-Length is negative: \"-1\"");
    }
    SUBCASE("not a number") {
        CHECK(with_length("abc").error == "SIP Content-Length is not a number: \"abc\"");
        CHECK(with_length("12abc").status == FrameStatus::malformed);
        CHECK(with_length("").status == FrameStatus::malformed);
        CHECK(with_length("0x10").status == FrameStatus::malformed);
    }
    SUBCASE("beyond the body bound") {
        const auto frame = with_length("2000000");
        CHECK(frame.status == FrameStatus::too_large);
        CHECK(frame.error == "SIP body of 2000000 bytes exceeds 1 MiB");
    }
    SUBCASE("beyond any integer") {
        const auto frame = with_length("99999999999999999999999999999999");
        CHECK(frame.status == FrameStatus::too_large);
        CHECK(frame.error == "SIP body of 99999999999999999999… bytes exceeds 1 MiB");
    }
    SUBCASE("two different values") {
        const auto frame = frame_of("SIP/2.0 200 OK\r\nContent-Length: 1\r\nl: 2\r\n\r\nab");
        CHECK(frame.status == FrameStatus::malformed);
        CHECK(frame.error == "SIP message with two different Content-Length values");
    }
    SUBCASE("the same value twice is fine, and so are spaces around it") {
        CHECK(frame_of("SIP/2.0 200 OK\r\nContent-Length:  2 \r\nContent-Length: 2\r\n\r\nab").status ==
              FrameStatus::complete);
    }
    SUBCASE("exactly at the bound is accepted") {
        const auto frame = frame_of(with_body(std::string(1024 * 1024, 'x')));
        CHECK(frame.status == FrameStatus::complete);
    }
    SUBCASE("absent: no body") {
        const auto frame = frame_of("SIP/2.0 200 OK\r\nCall-ID: 1@h\r\n\r\n");
        CHECK(frame.status == FrameStatus::complete);
    }
}

TEST_CASE("sip reader: binary garbage and other protocols fail fast with a clear error") {
    SUBCASE("a TLS alert record") {
        const auto frame = frame_of(std::string("\x15\x03\x03\x00\x02\x02\x28", 7));
        CHECK(frame.status == FrameStatus::malformed);
        CHECK(frame.error == "not a SIP message: byte 0x15 in the header section after \"\"");
    }
    SUBCASE("a NUL inside a header line") {
        const auto frame =
            frame_of(std::string("SIP/2.0 200 OK\r\nServer: a\x00"
                                 "b\r\n\r\n",
                                 30));
        CHECK(frame.status == FrameStatus::malformed);
        CHECK(frame.error == "not a SIP message: byte 0x00 in the header section after \"Server: a\"");
    }
    SUBCASE("a bare CR") {
        CHECK(frame_of("SIP/2.0 200 OK\r\nServer: a\rb\r\n\r\n").status == FrameStatus::malformed);
    }
    SUBCASE("HTTP") {
        const auto frame = frame_of("HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n\r\n");
        CHECK(frame.status == FrameStatus::malformed);
        CHECK(frame.error == "not a SIP message: it starts with \"HTTP/1.1 400 Bad Request\"");
    }
    SUBCASE("SIP/3.0") {
        CHECK(frame_of("SIP/3.0 200 OK\r\n\r\n").status == FrameStatus::malformed);
    }
    SUBCASE("a status line without a code") {
        const auto frame = frame_of("SIP/2.0 OK\r\n\r\n");
        CHECK(frame.status == FrameStatus::malformed);
        CHECK(frame.error == "not a SIP message: it starts with \"SIP/2.0 OK\"");
    }
    SUBCASE("a header line without a colon") {
        const auto frame = frame_of("SIP/2.0 200 OK\r\nno colon here\r\n\r\n");
        CHECK(frame.status == FrameStatus::malformed);
        CHECK(frame.error == "not a SIP header line: \"no colon here\"");
    }
    SUBCASE("random bytes of every value, a megabyte in chunks") {
        std::uint32_t state = 12345;
        sip::MessageReader reader;
        const auto fed = feed_until_decided(
            reader,
            [&](std::size_t) {
                std::string chunk(4096, '\0');
                for (auto& c : chunk) {
                    state = state * 1664525u + 1013904223u;  // LCG: reproducible
                    c = static_cast<char>(state >> 24);
                }
                return chunk;
            },
            1024 * 1024);
        CHECK(fed.frame.status == FrameStatus::malformed);
        CHECK(fed.bytes_fed == 4096);
    }
    SUBCASE("a request from the server frames like any message") {
        const std::string notify = "NOTIFY sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n";
        CHECK(frame_of(notify).message == notify);
    }
}

TEST_CASE("sip reader: the limits are the caller's to choose") {
    sip::MessageReader reader({.max_header_bytes = 100, .max_header_lines = 3, .max_body_bytes = 10});
    reader.feed("SIP/2.0 200 OK\r\nContent-Length: 11\r\n\r\n");
    const auto frame = reader.next();
    CHECK(frame.status == FrameStatus::too_large);
    CHECK(frame.error == "SIP body of 11 bytes exceeds 10 bytes");
}
